"""The posts, pages and events a build read, and their source files: every item in any
status (:func:`contents`), the file and line of a field or of a body's text, for messages
(:class:`Sources`), and the SITEURL bodies are read with (:func:`reading_siteurl`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from pelican.contents import Content

from ..core.errors import locate
from ..core.paths import display_path

#: Pelican's lists of posts and pages, by status, and the events generator's (mep_kit.events).
CONTENT_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
    "events",
    "hidden_events",
    "draft_events",
)


def contents(generators: Iterable) -> list:
    """Every post and page the build read, in any status, once each."""
    found: dict[int, object] = {}
    for generator in generators:
        for name in CONTENT_LISTS:
            for item in getattr(generator, name, None) or []:
                if isinstance(item, Content) and getattr(item, "source_path", None):
                    found.setdefault(id(item), item)
    return list(found.values())


class Sources:
    """The text of content files, read again only to name the line of a problem."""

    def __init__(self, build):
        self.build = build
        self._texts: dict[str, str] = {}

    def shown(self, item) -> str:
        source = self.build.sources.get(os.path.abspath(item.source_path))
        return source.path if source else display_path(item.source_path)

    def field_line(self, item, key: str) -> int | None:
        source = self.build.sources.get(os.path.abspath(item.source_path))
        return source.lines.get(key) if source else None

    def body_line(self, item, needles) -> int | None:
        path = os.path.abspath(item.source_path)
        if path not in self._texts:
            with open(path, encoding="utf-8-sig") as handle:
                self._texts[path] = handle.read().replace("\r\n", "\n").replace("\r", "\n")
        source = self.build.sources.get(path)
        start = source.body_line if source else 1
        body = "\n".join(self._texts[path].split("\n")[start - 1 :])
        return locate(body, needles, start) or start


#: Stands in for a relative SITEURL (development) while bodies are checked, so the links
#: Pelican made from ``{filename}`` can be told from the writer's own relative links.
LOCAL_SITEURL = "https://site.invalid"


def reading_siteurl(settings: Mapping) -> str:
    """The SITEURL bodies are read with: the site's own when it is absolute, else
    :data:`LOCAL_SITEURL`."""
    siteurl = str(settings.get("SITEURL") or "").rstrip("/")
    return siteurl if siteurl.lower().startswith(("http://", "https://")) else LOCAL_SITEURL
