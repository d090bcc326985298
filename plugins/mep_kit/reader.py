"""The site's Markdown reader: Pelican's, plus figure callouts and the content schema.

For each file it renders ``[[callout: ...]]`` / ``[[figure: ...]]`` with the figures
registry, checks the front matter against the file's schema, and turns the case-study
fields into template data (``kind``, ``client``, ``services``, ``metrics``, ...). A file
with problems is not rendered: its problems are recorded for the build to report all
together, and Pelican is told to skip it, so nothing half-made reaches a page.
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
        relative = os.path.relpath(source_path, self.settings["PATH"])
        with open(source_path, "rb") as handle:
            raw = handle.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return self._skip(build, [Problem(shown, None, f"not valid UTF-8 (byte {exc.start}: {exc.reason}); save the file as UTF-8")])
        if not text.strip():
            return self._skip(build, [Problem(shown, None, "the file is empty; a page needs at least a 'Title:' line")])

        meta, lines, _ = read_front_matter(text)
        kind = schema.kind_of(relative)
        problems = []
        if kind is not None:
            problems += schema.validate(
                kind, meta, lines, shown, self.settings.get("SERVICE_LINES", {}),
                templates=build.templates,
                file_exists=lambda p: os.path.isfile(os.path.join(self.settings["PATH"], p)),
            )
        elif not meta.get("title"):
            problems.append(Problem(shown, 1, "title: required field is missing"))

        if problems:  # before Pelican parses anything it could choke on (a date such as 2026-02-30)
            return self._skip(build, problems)

        self._source_path = source_path
        settings = dict(self.settings["MARKDOWN"])
        settings["extensions"] = [*settings.get("extensions", []), FiguresExtension(build.registry, build.renderer)]
        self._md = Markdown(**settings)
        try:
            content = self._md.convert(text)
            metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        except FigureSyntaxError as exc:
            return self._skip(build, [Problem(shown, line_of(text, exc.snippet), str(exc))])

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
        date = schema.parse_date(meta["date"]).date()
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
