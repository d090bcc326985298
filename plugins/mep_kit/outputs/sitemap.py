"""``sitemap.xml`` and ``robots.txt`` for the published site.

The sitemap (https://www.sitemaps.org/protocol.html) lists every public HTML page the
build writes and nothing else: posts, pages, events, the home page and every list page (the
paginated list of posts, service lines, tags, archives, ...). Hidden and draft content,
the 404 page and the redirect pages of :mod:`mep_kit.outputs.redirects` (written straight to
disk, not through Pelican's writer) are left out.

It is our own code rather than the ``pelican-sitemap`` package because that package
stamps index and list pages with the time of the build, so two builds of one commit
differ and every build tells search engines that every list page changed. Here each
``<lastmod>`` comes from the content, never from the clock:

* a post, page or event: its ``Modified:`` date, else its ``Date:`` (an event has none: its
  ``Modified:`` or nothing);
* a list page: the newest of those dates among the posts that page lists (the page of
  a paginated list lists only its own posts); a list of no posts has none; the events
  list, the newest ``Modified:`` of the events it shows (none when none has one);
* a page with no date at all (an undated page, the "By the numbers" page): none, as
  ``<lastmod>`` is optional in the protocol.

Dates are W3C dates (``YYYY-MM-DD``) in the site's time zone, and entries are sorted by
URL, so two builds of one commit write byte-identical files.

A post or page with translations (Pelican's ``Lang:`` and ``Translation:``) lists, in each
language's entry, every language's address as an ``<xhtml:link rel="alternate" hreflang>``
(itself among them), as search engines ask (https://developers.google.com/search/docs/
specialty/international/localized-versions#sitemap); a site with no translation has no such
line, nor the namespace.

The protocol requires absolute URLs, so both files are written only when ``SITEURL`` is
an absolute ``http(s)`` URL (production); a development build writes neither.
``SITEMAP_SAVE_AS`` and ``ROBOTS_SAVE_AS`` name the files; an empty string turns one off.

The pages come from Pelican's ``content_written`` signal, with the context each page was
rendered with (:func:`entry_of`), so whatever writes HTML through Pelican's writer is
listed; the files are written when the build is finalized (:func:`write_files`). The
entries live in the plugin's per-build state, so live reload does not pile up pages of
earlier builds.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote
from xml.sax.saxutils import escape

from ..core.paths import write_text

NOT_FOUND = "404.html"
PUBLISHED = "published"
#: The context keys of the post, page or event a page is written for.
CONTENT_KEYS = ("article", "page", "event")
XHTML = "http://www.w3.org/1999/xhtml"
#: Escapes for an attribute's value in double quotes, besides &, < and >.
ATTRIBUTE = {'"': "&quot;"}
# Characters a URL path may keep as they are; anything else is percent-encoded.
_SAFE = "/-._~!$&'()*+,;=:@%"


def is_absolute_siteurl(siteurl: str | None) -> bool:
    return bool(siteurl) and siteurl.lower().startswith(("http://", "https://"))


def page_url(relative: str) -> str | None:
    """The clean URL (relative to SITEURL) of an output file, or None if it is not a page:
    ``index.html`` -> ``""``, ``a/b/index.html`` -> ``a/b/``, ``x.html`` -> ``x.html``."""
    relative = relative.replace(os.sep, "/")
    if not relative.endswith(".html"):
        return None
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def content_date(obj) -> datetime.date | None:
    """A post's or page's last change: ``modified`` if set, else ``date`` (None if neither)."""
    when = getattr(obj, "modified", None) or getattr(obj, "date", None)
    if isinstance(when, datetime.datetime):
        return when.date()
    return when if isinstance(when, datetime.date) else None


def newest(items: Iterable) -> datetime.date | None:
    dates = [d for d in map(content_date, items) if d is not None]
    return max(dates) if dates else None


def listed_articles(context: Mapping) -> list:
    """The posts a list page shows: its page of a paginated list, else its ``articles``."""
    page = context.get("articles_page")
    if page is not None:
        return list(page.object_list)
    return list(context.get("articles") or [])


def lastmod_of(context: Mapping) -> datetime.date | None:
    """The ``<lastmod>`` of a page written with ``context`` (see the module docstring)."""
    for key in CONTENT_KEYS:
        if context.get(key) is not None:
            return content_date(context[key])
    if context.get("blog"):  # Pelican's list pages: direct templates, categories, tags, ...
        return newest(listed_articles(context))
    page = context.get("past_events_page")
    if page is not None:  # the events list (mep_kit.events): the events it shows
        upcoming = list(context.get("upcoming_events") or []) if page.number == 1 else []
        return newest([*upcoming, *page.object_list])
    return None  # a page of its own (the numbers page): no content date


def is_public(relative: str, context: Mapping) -> bool:
    """Whether an HTML file written with ``context`` belongs in the sitemap."""
    if page_url(relative) is None or relative.replace(os.sep, "/").rsplit("/", 1)[-1] == NOT_FOUND:
        return False
    for key in CONTENT_KEYS:
        obj = context.get(key)
        if obj is not None and getattr(obj, "status", PUBLISHED) != PUBLISHED:
            return False  # hidden pages (such as 404) and drafts
    return True


@dataclass(frozen=True)
class Entry:
    url: str  # relative to SITEURL, clean: "" for the home page, "about/", "x.html"
    lastmod: datetime.date | None = None
    #: (language, URL relative to SITEURL) of every language of a translated post or page.
    alternates: tuple[tuple[str, str], ...] = ()


def alternates_of(context: Mapping) -> tuple[tuple[str, str], ...]:
    """Every language of the post or page a page is written for, with its URL, when it has
    published translations; else none."""
    for key in CONTENT_KEYS:
        obj = context.get(key)
        if obj is None:
            continue
        translations = [
            other
            for other in getattr(obj, "translations", None) or []
            if getattr(other, "status", PUBLISHED) == PUBLISHED
        ]
        if translations:
            return tuple(sorted((item.lang, str(item.url)) for item in [obj, *translations]))
        return ()
    return ()


def sitemap_xml(siteurl: str, entries: Iterable[Entry]) -> str:
    """The sitemap document: one ``<url>`` per entry, sorted by URL, each URL once."""
    by_url = {entry.url: entry for entry in entries}
    namespaces = ' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    if any(entry.alternates for entry in by_url.values()):
        namespaces += f' xmlns:xhtml="{XHTML}"'
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset{namespaces}>"]
    for url in sorted(by_url):
        entry = by_url[url]
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(f'{siteurl}/{quote(url, safe=_SAFE)}')}</loc>")
        if entry.lastmod is not None:
            lines.append(f"    <lastmod>{entry.lastmod.isoformat()}</lastmod>")
        for lang, other in entry.alternates:
            href = escape(f"{siteurl}/{quote(other, safe=_SAFE)}", ATTRIBUTE)
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{escape(lang, ATTRIBUTE)}" href="{href}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(siteurl: str, sitemap_save_as: str) -> str:
    """Lets every crawler in everywhere, and says where the sitemap is (if there is one)."""
    text = "User-agent: *\nAllow: /\n"
    if sitemap_save_as:
        text += f"\nSitemap: {siteurl}/{quote(sitemap_save_as, safe=_SAFE)}\n"
    return text


# --- one build (state kept by the plugin's Build; see mep_kit.plugin.content_written) -------------


def enabled(settings: Mapping) -> bool:
    """Whether this build writes the files: an absolute SITEURL and a file name to write."""
    return is_absolute_siteurl(settings.get("SITEURL")) and bool(
        settings.get("SITEMAP_SAVE_AS") or settings.get("ROBOTS_SAVE_AS")
    )


def entry_of(relative: str, context: Mapping) -> Entry | None:
    """The sitemap entry of a page Pelican wrote at ``relative`` with ``context``, if public."""
    if relative.startswith("../") or not is_public(relative, context):
        return None
    return Entry(page_url(relative), lastmod_of(context), alternates_of(context))


def write_files(settings: Mapping, output_path: str, entries: Iterable[Entry]) -> None:
    """Write the sitemap and robots.txt (production only)."""
    if not enabled(settings):
        return
    siteurl = settings["SITEURL"].rstrip("/")
    sitemap = settings.get("SITEMAP_SAVE_AS") or ""
    if sitemap:
        write_text(output_path, sitemap, sitemap_xml(siteurl, entries))
    if settings.get("ROBOTS_SAVE_AS"):
        write_text(output_path, settings["ROBOTS_SAVE_AS"], robots_txt(siteurl, sitemap))
