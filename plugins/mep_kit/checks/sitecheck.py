"""Checks of the whole site, on Pelican's own content objects, before anything is written.

Run once per build (and by ``invoke check``) when every generator has read its files
(``all_generators_finalized``), with one list of what the site will write
(:func:`mep_kit.outputs.redirects.content_outputs` and :func:`~mep_kit.outputs.redirects.site_outputs`)
shared by every check that needs it:

* two posts or pages written to one address, now or once a draft is published, and a post
  or page written where the site writes its own pages (``posts/``, ``tags/``, ``feeds/``, ...);
* every body as the reader's browser gets it, after Pelican replaced ``{filename}`` links
  (:mod:`mep_kit.checks.safety`): elements and attributes that run code, URL schemes off the
  allow-list, images without alt text, and links and images to nothing on the site;
* image fields of the front matter (``Logo:``) that name no image the site publishes;
* a translation (``Lang:`` another language than the site's) whose original is missing, and
  an original marked as a translation: every list shows the site's language;
* drafts and future-dated posts, returned apart as notices.

Every problem names its file and line: the line of the front-matter field, or the first
line of the body where the offending text is found (:func:`mep_kit.core.errors.locate`).
"""

from __future__ import annotations

import datetime
import os
import posixpath
from collections.abc import Iterable, Mapping
from urllib.parse import unquote, urlsplit

from pelican.contents import Article, Content

from ..content import schema
from ..content.sources import Sources, contents, reading_siteurl
from ..core.errors import Problem
from ..core.internals import expand_setting
from ..core.paths import display_path
from . import safety

#: Folders the site's own files go in whatever the settings say (feeds and drafts are
#: written only by some builds, the search index after Pelican): no post or page may use them.
RESERVED_FOLDERS = ("feeds/", "drafts/", "pagefind/")
LINK_PLACEHOLDERS = ("{", "|")


def kind_key(item) -> str:
    """The settings prefix of ``item``'s addresses: ``article``, ``page`` or ``event``, its
    class's name, as Pelican names them (``ARTICLE_URL``, ``EVENT_URL``, ...)."""
    return "article" if isinstance(item, Article) else type(item).__name__.lower()


def address_key(item, key: str) -> str:
    """The setting ``key`` (``save_as``, ``url``) of ``item``'s kind, or ``lang_<key>`` for a
    translation (``ARTICLE_LANG_SAVE_AS``), as Pelican's ``Content.get_url_setting`` picks it."""
    return key if getattr(item, "in_default_lang", True) or kind_key(item) == "event" else f"lang_{key}"


def published_save_as(item) -> str:
    """Where ``item`` is written once published (drafts are written elsewhere, or nowhere)."""
    return getattr(item, "override_save_as", None) or expand_setting(item, address_key(item, "save_as"), kind_key(item))


def published_url(item) -> str:
    """The address of ``item`` once published: relative links of a draft are read from there."""
    return getattr(item, "override_url", None) or expand_setting(item, address_key(item, "url"), kind_key(item))


def normal(save_as: str) -> str:
    return posixpath.normpath(save_as.replace(os.sep, "/")).lstrip("/") if save_as else ""


def check(
    generators: list,
    settings: Mapping,
    build,
    outputs: Mapping[str, str],
    own: Mapping[str, str],
    sources: Sources,
    now: datetime.datetime | None = None,
) -> tuple[list[Problem], list[Problem]]:
    """(problems, notices) of the site that ``generators`` read; ``outputs`` is every file the
    site writes (save_as -> who writes it), ``own`` those of them that are not posts or pages.
    The ``<img>`` of every body are kept in ``build.body_images`` for the image pipeline."""
    items = contents(generators)
    problems = [
        *collisions(items, sources, settings, own),
        *bodies(items, sources, settings, outputs, build.body_images),
        *image_fields(items, sources, published_statics(generators[0].context)),
        *translations(generators, sources, settings),
    ]
    return problems, notices(items, sources, settings, now)


# --- one address, one page ----------------------------------------------------------------------


def collisions(items: list, sources: Sources, settings: Mapping, own: Mapping[str, str]) -> list[Problem]:
    """Posts and pages written to one address (now, or once a draft is published), and
    posts and pages written where the site writes its own pages."""
    problems = []
    by_output: dict[str, list] = {}
    for item in items:
        for save_as in dict.fromkeys((normal(item.save_as), normal(published_save_as(item)))):
            if save_as:
                by_output.setdefault(save_as, []).append(item)
    for save_as, group in sorted(by_output.items()):
        if len(group) < 2:
            continue
        for item in group:
            others = ", ".join(sorted(sources.shown(other) for other in group if other is not item))
            when = "" if normal(item.save_as) == save_as else " once published"
            slugs = {getattr(other, "slug", None) for other in group}
            if len(slugs) == 1 and {kind_key(other) for other in group} == {kind_key(item)}:
                message = f"slug: duplicate slug '{item.slug}', also used by {others}; give each page its own 'Slug:'"
            else:
                message = f"output path '{save_as}'{when} is also written by {others}; change the slug or 'Save_as:'"
            problems.append(
                Problem(
                    sources.shown(item),
                    sources.field_line(item, "save_as")
                    or sources.field_line(item, "slug")
                    or sources.field_line(item, "title"),
                    message,
                )
            )

    ours = {path: who for path, who in own.items() if not who.startswith("the static file")}
    theme = str(settings.get("THEME_STATIC_DIR", "theme")).strip("/") + "/"
    admin = str(settings.get("ADMIN_SAVE_AS") or "").strip("/")
    folders = {
        *RESERVED_FOLDERS,
        theme,
        *([admin + "/"] if admin else []),
        *(path.split("/", 1)[0] + "/" for path in ours if "/" in path),
    }
    for item in items:
        save_as = normal(published_save_as(item))
        if not save_as:
            continue
        # The folder of a kind's own list (EVENTS_SAVE_AS: events/) is where that kind goes.
        home = normal(str(settings.get(f"{kind_key(item).upper()}S_SAVE_AS") or "")).split("/", 1)[0] + "/"
        what = ours.get(save_as) or next(
            (f"'{folder}'" for folder in sorted(folders) if save_as.startswith(folder) and folder != home), None
        )
        if what:
            when = "" if normal(item.save_as) == save_as else " once published"
            line = (
                sources.field_line(item, "save_as")
                or sources.field_line(item, "slug")
                or sources.field_line(item, "title")
            )
            problems.append(
                Problem(
                    sources.shown(item),
                    line,
                    f"output path '{save_as}'{when} collides with the site's own {what}; choose another slug",
                )
            )
    return problems


# --- the bodies, as the browser gets them ---------------------------------------------------------


def bodies(
    items: list, sources: Sources, settings: Mapping, outputs: Mapping[str, str], images: dict | None = None
) -> list[Problem]:
    """Every problem of every body; each body's ``<img src>`` go to ``images`` (id(post) ->
    URLs) when it is given."""
    problems = []
    siteurl = reading_siteurl(settings)
    base = urlsplit(siteurl).path.rstrip("/")
    for item in items:
        # With an absolute SITEURL, exactly the body the writer will write (memoized).
        html = str(item.get_content(siteurl) or "")
        found, links = safety.findings(html, siteurl)
        if images is not None:
            images[id(item)] = [link.url for link in links if link.tag == "img" and link.attribute == "src"]
        for finding in found:
            problems.append(Problem(sources.shown(item), sources.body_line(item, finding.needles), finding.message))
        for link in links:
            message = link_problem(link, item, siteurl, base, outputs)
            if message:
                problems.append(
                    Problem(
                        sources.shown(item),
                        sources.body_line(
                            item, (link.url, unquote(link.url), posixpath.basename(link.url.split("#")[0].rstrip("/")))
                        ),
                        message,
                    )
                )
    return problems


def without_dot_segments(path: str) -> str:
    """An absolute URL path with its ``.`` and ``..`` segments resolved, as a browser does."""
    if not path.startswith("/"):
        return path
    resolved = posixpath.normpath(path).replace("//", "/")
    return resolved + "/" if path.endswith("/") and resolved != "/" else resolved


def link_problem(link: safety.Link, item, siteurl: str, base: str, outputs: Mapping[str, str]) -> str | None:
    """Why an internal link or image of ``item`` leads nowhere (None if it leads somewhere,
    or elsewhere than this site)."""
    what = "image" if link.tag == "img" else "link"
    url = shown = link.url
    if url.startswith(LINK_PLACEHOLDERS):  # a {filename} / {static} link Pelican could not resolve
        target = url.split("}", 1)[-1].split("|", 2)[-1] if url.startswith("{") else url.split("|", 2)[-1]
        folder = (
            "the content folder" if target.startswith("/") else f"{posixpath.dirname(display_path(item.source_path))}/"
        )
        return f"{what} '{url}': file '{target}' not found (looked in {folder})"
    parts = urlsplit(url)
    if parts.scheme:
        if not (url + "/").startswith(siteurl + "/"):
            return None  # another site's address: not ours to check
        url = url[len(siteurl) :] or "/"
        parts = urlsplit(url)
        # The site's own address, shown as the browser reads its path (dot segments resolved).
        shown = without_dot_segments(parts.path) + url[len(parts.path) :]
    path = parts.path
    if not path:
        return None
    if path.startswith("/"):
        if base and (path == base or path.startswith(base + "/")):
            path = path[len(base) :]
        resolved = path
    else:
        resolved = posixpath.join(posixpath.dirname("/" + published_url(item)), path)
    resolved = posixpath.normpath(unquote(resolved)).lstrip("/")
    if resolved in ("", "."):
        candidates = ["index.html"]
    elif path.endswith("/"):
        candidates = [f"{resolved}/index.html"]
    else:
        candidates = [resolved, f"{resolved}/index.html"]
    if any(candidate in outputs for candidate in candidates):
        return None
    if any(resolved.startswith(folder) for folder in RESERVED_FOLDERS):
        return None  # feeds, drafts and the search index are written by some builds only
    hint = (
        "; put it under content/images/ and write ![...]({static}/images/...)"
        if what == "image"
        else "; link to a page of the site with [text]({filename}/path/to/file.md)"
    )
    return f"{what} '{shown}': nothing on the site at '/{resolved}'{hint}"


# --- translations -------------------------------------------------------------------------------

#: Pelican's lists of the posts and pages it takes as originals (the rest are their
#: translations, each in the ``translations`` of the others with its slug).
ORIGINAL_LISTS = ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")


def translations(generators: Iterable, sources: Sources, settings: Mapping) -> list[Problem]:
    """The originals are in the site's language, so that every list shows it, each
    translation linked from its original. Pelican takes as the original of a slug the post in
    the site's language that is not marked ``Translation: true``, else any: one in another
    language is a translation whose original is missing (or whose original is marked as a
    translation), one marked as a translation has none."""
    site = settings.get("DEFAULT_LANG")
    problems = []
    for generator in generators:
        for name in ORIGINAL_LISTS:
            for item in getattr(generator, name, None) or []:
                if not isinstance(item, Content) or kind_key(item) == "event" or not getattr(item, "source_path", None):
                    continue
                if not item.in_default_lang:
                    marked = sorted(sources.shown(other) for other in item.translations if other.in_default_lang)
                    if marked:
                        message = (
                            f"lang: a translation into '{item.lang}' whose original, in the site's language ({site}), is marked as a "
                            f"translation too ({', '.join(marked)}); remove 'Translation: true' from the original"
                        )
                    else:
                        message = (
                            f"lang: a translation into '{item.lang}' whose original is missing: nothing in the site's language ({site}) "
                            f"has the slug '{item.slug}'; give the original 'Slug: {item.slug}', or leave out 'Lang:' if this is the original"
                        )
                    problems.append(Problem(sources.shown(item), sources.field_line(item, "lang"), message))
                elif str(item.metadata.get("translation", "false")).lower() != "false":
                    problems.append(
                        Problem(
                            sources.shown(item),
                            sources.field_line(item, "translation"),
                            f"translation: marked as a translation, but it is in the site's language ({site}), the language of "
                            f"originals; remove 'Translation: true' (a translation has 'Lang:' another language and its original's slug)",
                        )
                    )
    return problems


# --- image fields of the front matter ------------------------------------------------------------


def published_statics(context: Mapping) -> dict[str, object]:
    """Pelican's own index of static files by source path (``static_content``), less the ones
    a ``{static}`` link to a missing file added: what an image field may name."""
    return {path: item for path, item in context["static_content"].items() if os.path.exists(item.source_path)}


def image_fields(items: list, sources: Sources, static: Mapping[str, object]) -> list[Problem]:
    """An image field names a file the site publishes (a static file); the post then shows
    it at that file's address."""
    problems = []
    fields = [name for spec in schema.SCHEMAS.values() for name, field in spec.fields.items() if field.kind == "image"]
    for item in items:
        for key in dict.fromkeys(fields):
            value = getattr(item, key, None)
            if not value:
                continue
            path = posixpath.normpath(str(value).strip())
            found = static.get(path)
            if found is None:
                problems.append(
                    Problem(
                        sources.shown(item),
                        sources.field_line(item, key),
                        f"{key}: file '{value}' not found; put the image under content/images/ and give its path, such as 'images/acme-logo.png'",
                    )
                )
            else:
                setattr(item, key, found.url)
    return problems


# --- notices ----------------------------------------------------------------------------------------


def notices(items: list, sources: Sources, settings: Mapping, now: datetime.datetime | None = None) -> list[Problem]:
    """Drafts and future-dated posts: not problems, but a writer wants to know."""
    found = []
    for item in items:
        shown = sources.shown(item)
        written = f"only at {normal(item.save_as)}" if normal(item.save_as) else "nowhere"
        date = getattr(item, "date", None)
        moment = now or datetime.datetime.now(date.tzinfo if date else None)
        future = kind_key(item) == "article" and date is not None and date > moment
        if str(item.metadata.get("status", "")).lower() == "draft":
            found.append(
                Problem(
                    shown,
                    sources.field_line(item, "status"),
                    f"draft: not listed, linked or in feeds, written {written}; delete 'Status: draft' to publish",
                )
            )
        elif future:
            day = date.strftime("%Y-%m-%d")
            if settings.get("WITH_FUTURE_DATES", True):
                where = "left out of production until then, shown in dev"
            else:
                where = f"left out of this build until then (written {written})"
            found.append(Problem(shown, sources.field_line(item, "date"), f"dated {day}, in the future: {where}"))
    return found
