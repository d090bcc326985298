"""The site's Markdown reader: Pelican's, plus figure callouts and the content schema.

Each file is read once, by Python-Markdown as Pelican configures it, with the figures
extension (:mod:`mep_kit.markdown_ext`). Then its front matter (Markdown's ``meta``) is
checked against its content type's schema (:mod:`mep_kit.schema`). A file with problems is
recorded in the build's state and skipped, so nothing half-made reaches a page; the build
then reports every problem of every file together (see :func:`mep_kit.all_generators_finalized`).

Front-matter text that the templates show as HTML (the title and summary, which typogrify
dresses) is escaped here first (:func:`mep_kit.content.escape_text`): markup typed into it
is shown as text. The case-study fields become template data (``kind``, ``client``,
``services``, ``metrics``, ...).
"""

from __future__ import annotations

import os

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category

from . import placeholders, schema, state
from .content import escape_text
from .errors import Problem, line_of
from .figures import Figure, Source as FigureSource, parse_number
from .frontmatter import field_lines
from .markdown_ext import FiguresExtension, FigureSyntaxError
from .reading_time import reading_minutes
from .state import Source

#: Fields read as text: joined, never run through Markdown; the first two are escaped for
#: typogrify and shown as HTML, the rest are escaped by the templates.
ESCAPED_FIELDS = ("title", "summary")
LIST_FIELDS = ("services", "tags", "aliases")
#: The theme's template for case studies (articles keep Pelican's ``article``).
CASE_STUDY_TEMPLATE = "case_study"


def display_path(path: str) -> str:
    """Paths in messages are relative to the current folder: content/case-studies/x.md."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def joined(key: str, values: list[str]) -> str:
    """A field's value from Markdown's meta lists: a repeated list field joins with commas,
    anything else (continuation lines) with spaces."""
    return (", " if key in LIST_FIELDS else " ").join(v.strip() for v in values).strip()


class SiteMarkdownReader(MarkdownReader):
    """Registered for .md files by :func:`mep_kit.register` (see ``readers_init``)."""

    def read(self, source_path):
        build = state.current()
        shown = display_path(source_path)
        build.files.append(shown)
        try:
            with open(source_path, encoding="utf-8-sig") as handle:
                text = handle.read()
        except UnicodeDecodeError as exc:
            return self._skip(build, Problem(shown, None, f"not valid UTF-8 (byte {exc.start}: {exc.reason}); save the file as UTF-8"))
        if not text.strip():
            return self._skip(build, Problem(shown, None, "the file is empty; a page needs at least a 'Title:' line"))

        self._source_path = source_path
        settings = dict(self.settings["MARKDOWN"])
        settings["extensions"] = [*settings.get("extensions", []), FiguresExtension(build.registry, build.renderer)]
        self._md = Markdown(**settings)
        try:
            content = self._md.convert(text)
        except FigureSyntaxError as exc:
            return self._skip(build, Problem(shown, line_of(text, exc.snippet), str(exc)))

        meta = {key.lower(): joined(key.lower(), values) for key, values in getattr(self._md, "Meta", {}).items()}
        lines, body_line = field_lines(text)
        build.sources[os.path.abspath(source_path)] = Source(shown, lines, body_line)
        kind = schema.kind_of(os.path.relpath(source_path, self.settings["PATH"]))
        if kind is not None:
            problems = schema.validate(kind, meta, lines, shown, self.settings["SERVICE_LINES"], templates=build.template_names)
            problems += placeholders.problems(kind, meta, text, lines, body_line, shown)  # outside drafts only
        elif not meta.get("title"):
            problems = [Problem(shown, 1, "title: required field is missing; a page needs: title")]
        else:
            problems = []
        if problems:
            return self._skip(build, *problems)

        metadata = self._parse_metadata({key: values for key, values in self._md.Meta.items() if key.lower() not in schema.TEXT_FIELDS})
        for key in schema.TEXT_FIELDS:
            if key in meta:
                metadata[key] = escape_text(meta[key]) if key in ESCAPED_FIELDS else meta[key]
        metadata["reading_time"] = reading_minutes(content)
        if kind is not None:
            metadata["kind"] = kind
        if kind == "case-study":
            self._case_study(metadata, meta)
        return content, metadata

    def _case_study(self, metadata, meta):
        metadata["template"] = CASE_STUDY_TEMPLATE
        names = schema.split_list(meta["services"])
        metadata["services"] = [Category(name, self.settings) for name in names]
        metadata["category"] = metadata["services"][0]
        metadata.setdefault("logo", None)
        metadata.setdefault("logo_alt", "")
        source = FigureSource("case-study", self.settings["CENTER"].get("name", self.settings["SITENAME"]), meta["title"])
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
    def _skip(build, *problems):
        build.problems.extend(problems)
        return "", {"status": "skip"}
