"""Redirects from old addresses to renamed posts and pages: the ``Aliases:`` field.

A post or page lists its old addresses, comma-separated, as paths on this site::

    Aliases: old-slug/, /2019/01/old-name.html

For every alias of published content the build writes

* a line of ``REDIRECTS_SAVE_AS`` (default ``_redirects``, the Netlify / Cloudflare Pages
  format: ``/old-slug/  /new-slug/  301``), sorted, so two builds of one commit match. The
  file is written on every build, with only its comment line when no content has aliases,
  so a removed alias never lingers in a stale file;
* a small page at the old address (``old-slug/`` -> ``old-slug/index.html``,
  ``x.html`` -> ``x.html``; a last part with no extension is a folder), rendered from the
  theme's ``redirect.html``, for hosts that cannot redirect: a ``<meta http-equiv=refresh>``
  to the new address, ``rel=canonical`` to it, ``noindex``, and a link to follow by hand, in
  the site's language.
  No script, so it works under the site's Content-Security-Policy. These pages are not in
  the sitemap (:mod:`mep_kit.outputs.sitemap`).

Aliases of drafts and hidden content are ignored: nothing redirects to a page that is not
published. Every alias is checked before anything is written; the build fails with
``file:line: aliases: ...`` for an alias that is a full URL, contains ``..``, a query or
a fragment, is the page's own address, is the address of a page the site writes, or is
also an alias elsewhere (both files are named).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup
from pelican.paginator import Paginator

from ..core.errors import ContentError, Problem
from ..core.paths import display_path, write_text

TEMPLATE = "redirect.html"
FIELD = "aliases"
EXAMPLES = "such as 'old-slug/' or '/2019/01/old-name.html'"
HEADER = "# Old addresses -> new ones, from the 'Aliases:' of posts and pages (written by the build)\n"
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
PATH_RE = re.compile(r"^[A-Za-z0-9._~%+@!$&'()*;=:/-]+$")
PAGE_EXTENSIONS = (".html", ".htm")

#: Settings naming the files Pelican's feed writer and the plugin write besides pages.
PLUGIN_FILES = (
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "FEED_ATOM",
    "FEED_RSS",
    "FIGURES_JSON_SAVE_AS",
    "JSON_FEED_SAVE_AS",
    "SITEMAP_SAVE_AS",
    "ROBOTS_SAVE_AS",
    "REDIRECTS_SAVE_AS",
    "HEADERS_SAVE_AS",
    "FAVICON_SAVE_AS",
    "FAVICON_ICO_SAVE_AS",
)
#: Pelican's lists of articles and pages, and the events generator's, by status; aliases count
#: on the published ones.
PUBLISHED_LISTS = ("articles", "translations", "pages", "events")
OTHER_LISTS = (
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
    "hidden_events",
    "draft_events",
)


def split_aliases(value) -> list[str]:
    """The aliases of a front-matter value (a string, or a list if the field repeats)."""
    if value is None:
        return []
    text = value if isinstance(value, str) else ",".join(value)
    return [item.strip() for item in text.split(",") if item.strip()]


def alias_to_save_as(alias: str) -> str:
    """Where the redirect page of ``alias`` is written, relative to the output folder;
    ValueError (the reason, for the message) if ``alias`` is not a path on this site."""
    alias = alias.strip()
    if SCHEME_RE.match(alias) or alias.startswith("//"):
        raise ValueError(f"'{alias}' is a full URL; expected a path on this site, {EXAMPLES}")
    if ".." in alias:
        raise ValueError(f"'{alias}' contains '..'; expected a path from the site's root, {EXAMPLES}")
    if "?" in alias or "#" in alias:
        raise ValueError(
            f"'{alias}' has a query or fragment, which a static site cannot redirect; expected a path {EXAMPLES}"
        )
    if not PATH_RE.match(alias):
        raise ValueError(
            f"'{alias}' has characters a path cannot (spaces, backslashes, ...); expected a path {EXAMPLES}"
        )
    path = alias.lstrip("/")
    segments = path.split("/")
    if not path:
        raise ValueError(f"'{alias}' is the home page; expected the old address of this page, {EXAMPLES}")
    if "" in segments[:-1] or "." in segments:
        raise ValueError(f"'{alias}' has an empty or '.' part; expected a path {EXAMPLES}")
    if path.endswith("/"):
        return f"{path}index.html"
    if segments[-1].lower().endswith(PAGE_EXTENSIONS):
        return path
    if "." in segments[-1]:
        raise ValueError(
            f"'{alias}' is not a page address; expected a folder ending in '/' or a page ending in '.html', {EXAMPLES}"
        )
    return f"{path}/index.html"


def save_as_of_url(url: str) -> str:
    """The file a clean URL is served from: ``a/`` -> ``a/index.html``, ``x.html`` -> itself."""
    url = url.lstrip("/")
    return f"{url}index.html" if url.endswith("/") or not url else url


@dataclass(frozen=True)
class Owner:
    """A published post or page with aliases, as far as redirects need it."""

    path: str  # as shown in messages: content/case-studies/x.md
    line: int | None  # of the Aliases field
    url: str
    save_as: str
    title: str
    lang: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Redirect:
    source: str  # "/old-slug/": the old address, from the site's root
    save_as: str  # "old-slug/index.html"
    target: str  # the new address: SITEURL + "/" + url
    target_path: str  # the new address from the host's root: "/new-slug/"
    title: str
    lang: str
    owner: str  # the file whose alias this is
    line: int | None = None


def plan_redirects(
    owners: Iterable[Owner], outputs: Mapping[str, str], siteurl: str
) -> tuple[list[Redirect], list[Problem]]:
    """The redirects of ``owners``' aliases, sorted by old address, and every problem with
    them. ``outputs`` maps each file the site writes (``x/index.html``) to who writes it."""
    base = urlsplit(siteurl).path.rstrip("/")
    claimed: dict[str, list[tuple[Owner, str]]] = {}
    problems: list[Problem] = []
    candidates: list[tuple[Owner, str, str]] = []

    def report(owner: Owner, message: str) -> None:
        problems.append(Problem(owner.path, owner.line, f"{FIELD}: {message}"))

    for owner in owners:
        seen: set[str] = set()
        own = {save_as_of_url(owner.url), owner.save_as.replace(os.sep, "/")}
        for alias in owner.aliases:
            try:
                save_as = alias_to_save_as(alias)
            except ValueError as exc:
                report(owner, str(exc))
                continue
            if save_as in seen:
                report(owner, f"'{alias}' is listed twice; expected each old address once")
                continue
            seen.add(save_as)
            if save_as in own:
                report(owner, f"'{alias}' is this page's own address; expected an old address it used to have")
            elif save_as in outputs:
                report(
                    owner,
                    f"'{alias}' is the address of {outputs[save_as]}, which the site writes; expected an old address no page uses",
                )
            else:
                claimed.setdefault(save_as, []).append((owner, alias))
                candidates.append((owner, alias, save_as))

    redirects = []
    for owner, alias, save_as in candidates:
        others = [other for other, _ in claimed[save_as] if other is not owner]
        if others:
            names = ", ".join(sorted({other.path for other in others}))
            report(owner, f"'{alias}' is also an alias in {names}; expected each old address to redirect to one page")
            continue
        source = f"{base}/{alias.lstrip('/')}"
        redirects.append(
            Redirect(
                source,
                save_as,
                f"{siteurl}/{owner.url}",
                f"{base}/{owner.url}",
                owner.title,
                owner.lang,
                owner.path,
                owner.line,
            )
        )
    redirects.sort(key=lambda r: r.source)
    return redirects, sorted(problems, key=Problem.sort_key)


def redirects_file(redirects: Iterable[Redirect]) -> str:
    """``_redirects`` (Netlify, Cloudflare Pages): ``/old  /new/  301`` per line, sorted."""
    lines = [f"{r.source}  {r.target_path}  301\n" for r in sorted(redirects, key=lambda r: r.source)]
    return HEADER + "".join(lines)


# --- from the build -------------------------------------------------------------------------


def owners_of(generators: Iterable, settings: Mapping, field_line=lambda item: None) -> list[Owner]:
    """Published posts and pages that have aliases (drafts' and hidden ones' are ignored);
    ``field_line(item)`` is the line of the item's ``Aliases:`` field, for messages."""
    owners = []
    for generator in generators:
        for name in PUBLISHED_LISTS:
            for item in getattr(generator, name, None) or []:
                if getattr(item, "status", "published") != "published" or not hasattr(item, "source_path"):
                    continue
                aliases = split_aliases(item.metadata.get(FIELD))
                if not aliases:
                    continue
                owners.append(
                    Owner(
                        path=display_path(item.source_path),
                        line=field_line(item),
                        url=item.url,
                        save_as=item.save_as,
                        title=str(Markup(getattr(item, "title", "")).striptags()),
                        lang=getattr(item, "lang", None) or settings.get("DEFAULT_LANG", "en"),
                        aliases=tuple(aliases),
                    )
                )
    return owners


def content_outputs(generators: Iterable) -> dict[str, str]:
    """Where every post and page, in any status, is written (save_as -> its file), and the
    address a published one is served at."""
    outputs: dict[str, str] = {}
    for generator in generators:
        for name in (*PUBLISHED_LISTS, *OTHER_LISTS):
            for item in getattr(generator, name, None) or []:
                if hasattr(item, "source_path"):
                    shown = display_path(item.source_path)
                    for save_as in (
                        item.save_as,
                        save_as_of_url(item.url) if getattr(item, "status", "published") == "published" else None,
                    ):
                        if save_as:
                            outputs.setdefault(str(save_as).replace(os.sep, "/").lstrip("/"), shown)
    return outputs


def site_outputs(generators: Iterable, settings: Mapping) -> dict[str, str]:
    """Every file the build writes besides posts and pages (save_as -> who writes it), as far
    as known before writing: list pages with every page of their pagination, feeds, template
    pages, static files and the plugin's own files. With :func:`content_outputs`, the one
    list of what the site writes."""
    outputs: dict[str, str] = {}

    def add(save_as, owner: str) -> None:
        if save_as:
            outputs.setdefault(str(save_as).replace(os.sep, "/").lstrip("/"), owner)

    def add_list(save_as, url, articles, template: str) -> None:
        if not save_as:
            return
        paginated = settings.get("PAGINATED_TEMPLATES", {})
        if template not in paginated or not articles:
            add(save_as, f"the site's own page '{url}'")
            return
        paginator = Paginator(
            save_as, url, list(articles), settings, paginated[template] or settings.get("DEFAULT_PAGINATION")
        )
        for number in range(1, paginator.num_pages + 1):
            page = paginator.page(number)
            add(page.save_as, f"the site's own page '{page.url}'")

    for generator in generators:
        for static in getattr(generator, "staticfiles", None) or []:
            if os.path.exists(static.source_path):  # a {static} link to a missing file makes one too
                add(static.save_as, f"the static file {display_path(static.source_path)}")
        if not (hasattr(generator, "categories") and hasattr(generator, "tags")):
            continue  # the rest is the articles generator's
        articles = getattr(generator, "articles", [])
        for template in settings.get("DIRECT_TEMPLATES", []):
            key = template.upper()
            add_list(
                settings.get(f"{key}_SAVE_AS", f"{template}.html"),
                settings.get(f"{key}_URL", f"{template}.html"),
                articles,
                template,
            )
        tags = dict(generator.tags)
        for category, items in generator.categories:
            add_list(category.save_as, category.url, items, "category")
        for tag, items in tags.items():
            add_list(tag.save_as, tag.url, items, "tag")
        for author, items in getattr(generator, "authors", []):
            add_list(author.save_as, author.url, items, "author")
        for setting, named in (
            ("CATEGORY_FEED", [category for category, _ in generator.categories]),
            ("TAG_FEED", list(tags)),
        ):
            for kind in ("ATOM", "RSS"):
                pattern = settings.get(f"{setting}_{kind}")
                for item in named if pattern else ():
                    add(str(pattern).format(slug=item.slug), f"the feed {setting}_{kind}")
    for source, save_as in (settings.get("TEMPLATE_PAGES") or {}).items():
        add(save_as, f"the template page {source}")
    add(settings.get("NUMBERS_SAVE_AS"), f"the numbers page '{settings.get('NUMBERS_URL', '')}'")
    for key in PLUGIN_FILES:
        add(settings.get(key), key)
    return outputs


def check_aliases(
    generators: Iterable, settings: Mapping, outputs: Mapping[str, str], field_line=lambda item: None
) -> tuple[list[Redirect], list[Problem]]:
    """Plan every redirect of the build's published content, with every problem, before
    anything is written; ``outputs`` is every file the site writes (:func:`content_outputs`
    and :func:`site_outputs`)."""
    owners = owners_of(generators, settings, field_line)
    return plan_redirects(owners, outputs, settings.get("SITEURL", "").rstrip("/"))


def write_redirects(settings: Mapping, output_path: str, redirects: list[Redirect], written: set[str], env) -> None:
    """Write ``_redirects`` and one redirect page per alias (rendered with ``env``, the
    build's theme environment), unless a file the build wrote (``written``, relative
    paths) is at an old address: then fail, overwriting nothing."""
    clashes = [r for r in redirects if r.save_as in written]
    if clashes:  # a page the check above could not foresee (a plugin's own page, ...)
        raise ContentError(
            [
                Problem(
                    r.owner,
                    r.line,
                    f"{FIELD}: '{r.source}' is the address of a page the site writes ({r.save_as}); expected an old address no page uses",
                )
                for r in clashes
            ]
        )
    if settings.get("REDIRECTS_SAVE_AS"):
        write_text(output_path, settings["REDIRECTS_SAVE_AS"], redirects_file(redirects))
    if not redirects:
        return
    template = env.get_template(TEMPLATE)
    for redirect in redirects:
        site_lang = settings.get("DEFAULT_LANG", "en")
        html = template.render(
            target=redirect.target, title=redirect.title, lang=site_lang, SITENAME=settings.get("SITENAME", "")
        )
        write_text(output_path, redirect.save_as, html.rstrip("\n") + "\n")
