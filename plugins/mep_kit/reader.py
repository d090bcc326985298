"""The site's Markdown reader: Pelican's, plus figure callouts and the content schema.

For each file it renders ``[[callout: ...]]`` / ``[[figure: ...]]`` with the figures
registry and turns the case-study fields into template data (``kind``, ``client``,
``services``, ``metrics``, ...). Files the build's check (:mod:`mep_kit.check`, run once
at the start of the build) found problems in are skipped, so nothing half-made reaches a
page; the build then reports every problem together.
"""

from __future__ import annotations

import os

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category

from . import schema
from .errors import Problem, line_of
from .figures import Figure, Source, parse_number
from .frontmatter import read_front_matter
from .markdown_ext import FiguresExtension, FigureSyntaxError
from .navigation import reading_minutes


def display_path(path: str) -> str:
    """Paths in messages are relative to the current folder: content/case-studies/x.md."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


class SiteMarkdownReader(MarkdownReader):
    """Registered for .md files by :func:`mep_kit.register` (see ``readers_init``)."""

    #: Set by the plugin at the start of each build: registry, renderer, problems list.
    build = None

    def read(self, source_path):
        build = self.build
        shown = display_path(source_path)
        if shown in build.bad_files:  # already reported by the build's check
            return "", {"status": "skip"}
        with open(source_path, encoding="utf-8-sig") as handle:
            text = handle.read()
        kind = schema.kind_of(os.path.relpath(source_path, self.settings["PATH"]))
        meta, _, _ = read_front_matter(text)

        self._source_path = source_path
        settings = dict(self.settings["MARKDOWN"])
        settings["extensions"] = [*settings.get("extensions", []), FiguresExtension(build.registry, build.renderer)]
        self._md = Markdown(**settings)
        try:
            content = self._md.convert(text)
            metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        except FigureSyntaxError as exc:
            return self._skip(build, [Problem(shown, line_of(text, exc.snippet), str(exc))])

        metadata["reading_time"] = reading_minutes(content)
        if kind is not None:
            metadata["kind"] = kind
        if kind == "case-study":
            self._case_study(metadata, meta)
        return content, metadata

    def _case_study(self, metadata, meta):
        names = schema.split_list(meta["services"])
        metadata["services"] = [Category(name, self.settings) for name in names]
        metadata["category"] = metadata["services"][0]
        metadata.setdefault("logo", None)
        metadata.setdefault("logo_alt", "")
        source = Source("case-study", self.settings.get("CENTER", {}).get("name", self.settings["SITENAME"]), meta["title"])
        date = metadata["date"].date()
        metrics = []
        for field, (unit, label) in schema.METRICS.items():
            if meta.get(field, "").strip():
                metrics.append(Figure(
                    key=field.replace("_", "-"), value=parse_number(meta[field]), unit=unit, label=label,
                    scope="center", source=source, as_of=date,
                ))
        metadata["metrics"] = metrics
        metadata["headline_metric"] = metrics[0] if metrics else None

    @staticmethod
    def _skip(build, problems):
        build.problems.extend(problems)
        return "", {"status": "skip"}

