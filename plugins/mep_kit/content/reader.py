"""The site's Markdown reader: Pelican's, plus figure callouts and the content schema.

Reading a file has two halves. :func:`read_file` is the costly one, a plain function from a
file to plain data (:class:`ReadFile`): Python-Markdown as Pelican configures it, with the
figures extension (:mod:`mep_kit.content.markdown_ext`); the front matter (Markdown's ``meta``)
checked against its content type's schema (:mod:`mep_kit.content.schema`) and for placeholders;
then typogrify. :mod:`mep_kit.content.readahead` runs it for every file of a build on every core,
and keeps its results in ``.cache/read`` between builds. :class:`SiteMarkdownReader`, the
reader Pelican calls, does the cheap half: it turns a :class:`ReadFile` into Pelican's
metadata. A file with problems is recorded in the build's state and skipped, so nothing
half-made reaches a page; the build then reports every problem of every file together (see
:func:`mep_kit.plugin.all_generators_finalized`).

Front-matter text that the templates show as HTML (the title and summary, which typogrify
dresses) is escaped here first (:func:`mep_kit.content.markup.escape_text`): markup typed into it
is shown as text. The case-study fields become template data (``kind``, ``client``,
``services``, ``metrics``, ...), and so do an event's (``start``, ``end``, ``format``,
``price``, ...: :mod:`mep_kit.content.event_fields`).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category

from ..core import internals, state
from ..core.errors import CONTROL, Problem, control_character, line_of
from ..core.paths import display_path, link_out, project_folder
from ..core.state import Source
from ..languages.words import of_settings
from . import event_fields as event_fields
from . import placeholders, schema
from .figures import Figure, parse_number
from .figures import Source as FigureSource
from .frontmatter import field_lines
from .markdown_ext import FiguresExtension, FigureSyntaxError
from .markup import escape_text
from .reading_time import reading_minutes

#: Fields read as text: joined, never run through Markdown; the first two are escaped for
#: typogrify and shown as HTML, the rest are escaped by the templates.
ESCAPED_FIELDS = ("title", "summary")
LIST_FIELDS = ("services", "tags", "aliases")
#: The theme's template for case studies (articles keep Pelican's ``article``).
CASE_STUDY_TEMPLATE = "case_study"
#: The theme's template for events (mep_kit.events).
EVENT_TEMPLATE = "event"


def joined(key: str, values: list[str]) -> str:
    """A field's value from Markdown's meta lists: a repeated list field joins with commas,
    anything else (continuation lines) with spaces."""
    return (", " if key in LIST_FIELDS else " ").join(v.strip() for v in values).strip()


@dataclass
class ReadFile:
    """What reading one file gives before Pelican makes metadata of it: plain data, the same
    whether it was read in this process, in another, or came from the cache."""

    shown: str  # the file as messages name it
    problems: list[Problem] = field(default_factory=list)
    content: str = ""  # the body's HTML, typogrified
    meta: dict[str, list[str]] = field(default_factory=dict)  # Markdown's meta, as read
    text: dict[str, str] = field(default_factory=dict)  # schema.TEXT_FIELDS, joined (title, summary: HTML)
    lines: dict[str, int] | None = None  # front-matter key -> line, once the file was parsed
    body_line: int = 0
    reading_time: int = 1
    kind: str | None = None

    # Pickled (the read cache, forked readers), the body goes as UTF-8 bytes encoded here: left
    # to pickle, a non-ASCII str keeps a UTF-8 copy of itself from then on (CPython caches the
    # one pickle asks for), which would double every body's memory for the rest of the build.
    def __getstate__(self):
        return {**self.__dict__, "content": self.content.encode("utf-8")}

    def __setstate__(self, state):
        self.__dict__.update(state, content=state["content"].decode("utf-8"))


def typogrify_text(text: str, settings) -> str:
    """Pelican's typogrify pass (``pelican.readers.Readers.read_file``, with its
    ``TYPOGRIFY_DASHES``, ``TYPOGRIFY_IGNORE_TAGS`` and ``TYPOGRIFY_OMIT_FILTERS``), made while
    the file is read so that it runs on every core and is cached with the body; Pelican's own
    pass after reading is skipped (:func:`mep_kit.core.internals.skip_typogrify_pass`), so no text is dressed twice."""
    import smartypants
    from typogrify.filters import typogrify

    smartypants.Attr.default = {"oldschool": smartypants.Attr.set2, "oldschool_inverted": smartypants.Attr.set3}.get(
        settings["TYPOGRIFY_DASHES"], smartypants.Attr.set1
    ) | smartypants.Attr.w
    return typogrify(
        text, settings["TYPOGRIFY_IGNORE_TAGS"], **dict.fromkeys(settings["TYPOGRIFY_OMIT_FILTERS"], False)
    )


_held = threading.local()


def markdown_for(settings, registry, renderer) -> Markdown:
    """The Markdown that reads this build's files in this process (and thread), reset for the
    next file: Python-Markdown's documented way to reuse an instance. Pelican makes one per
    file, a sizeable share of converting a short case study. A new one is made
    when the ``MARKDOWN`` setting, the figures registry or the renderer is another."""
    options = repr(settings["MARKDOWN"])
    held = getattr(_held, "markdown", None)
    if held is None or held[0] != options or held[1] is not registry or held[2] is not renderer:
        configured = dict(settings["MARKDOWN"])
        configured["extensions"] = [*configured.get("extensions", []), FiguresExtension(registry, renderer)]
        held = _held.markdown = (options, registry, renderer, Markdown(**configured))
    md = held[3]
    md.reset()
    return md


def control_problems(text: str, shown: str) -> list[Problem]:
    """A control character (any C0 character but tab, LF and CR) can be neither shown nor
    written to a feed: one problem per line that holds one, naming the first."""
    problems = {}
    for found in CONTROL.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        if line not in problems:
            problems[line] = Problem(
                shown,
                line,
                f"control character {control_character(found.group())}; delete it (it is invisible in most editors: retype the line)",
            )
    return list(problems.values())


def read_file(source_path: str, settings, registry, renderer, templates=()) -> ReadFile:
    """Read, render and check one Markdown file: the costly half of reading, as plain data.

    ``registry`` and ``renderer`` serve the figures extension; ``templates`` are the theme's
    template names (for the ``Template:`` field)."""
    shown = display_path(source_path)
    out = link_out(source_path, project_folder(settings), settings["PATH"])
    if out is not None:  # never opened
        return ReadFile(shown, [Problem(display_path(out.link), None, out.message())])
    try:
        with open(source_path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        return ReadFile(
            shown, [Problem(shown, None, f"not valid UTF-8 (byte {exc.start}: {exc.reason}); save the file as UTF-8")]
        )
    if not text.strip():
        return ReadFile(shown, [Problem(shown, None, "the file is empty; a page needs at least a 'Title:' line")])
    controls = control_problems(text, shown)
    if controls:
        return ReadFile(shown, controls)

    md = markdown_for(settings, registry, renderer)
    try:
        content = md.convert(text)
    except FigureSyntaxError as exc:
        return ReadFile(shown, [Problem(shown, line_of(text, exc.snippet), str(exc))])

    raw = dict(getattr(md, "Meta", {}))
    meta = {key.lower(): joined(key.lower(), values) for key, values in raw.items()}
    lines, body_line = field_lines(text)
    done = ReadFile(shown, meta=raw, lines=lines, body_line=body_line)
    done.kind = schema.kind_of(os.path.relpath(source_path, settings["PATH"]))
    if done.kind is not None:
        done.problems = schema.validate(
            done.kind,
            meta,
            lines,
            shown,
            settings["SERVICE_LINES"],
            templates=templates,
            timezone=settings.get("TIMEZONE"),
        )
        done.problems += placeholders.problems(done.kind, meta, text, lines, body_line, shown)  # outside drafts only
    elif not meta.get("title"):
        done.problems = [Problem(shown, 1, "title: required field is missing; a page needs: title")]
    if done.problems:
        return done

    dress = (lambda html: typogrify_text(html, settings)) if settings.get("TYPOGRIFY") else (lambda html: html)
    done.reading_time = reading_minutes(content)
    done.content = dress(content) if content else content
    for key in schema.TEXT_FIELDS:
        if key in meta:
            done.text[key] = dress(escape_text(meta[key])) if key in ESCAPED_FIELDS else meta[key]
    return done


class SiteMarkdownReader(MarkdownReader):
    """Registered for .md files by :func:`mep_kit.plugin.register` (see ``readers_init``): each file
    comes read from :mod:`mep_kit.content.readahead` and is made Pelican metadata here."""

    def read(self, source_path):
        build = state.current()
        done = build.readahead.get(source_path) if build.readahead is not None else None
        if done is None:
            done = read_file(source_path, build.settings, build.registry, build.renderer, build.template_names)
        build.files.append(done.shown)
        if done.lines is not None:
            build.sources[os.path.abspath(source_path)] = Source(done.shown, done.lines, done.body_line)
        if done.problems:
            build.problems.extend(done.problems)
            return "", {"status": "skip"}

        self._source_path = source_path
        fields = {key: values for key, values in done.meta.items() if key.lower() not in schema.TEXT_FIELDS}
        formatted = any(key.lower() in self.settings["FORMATTED_FIELDS"] for key in fields)
        metadata = internals.parse_metadata(self, fields, Markdown(**self.settings["MARKDOWN"]) if formatted else None)
        metadata.update(done.text)
        metadata["reading_time"] = done.reading_time
        if done.kind is not None:
            metadata["kind"] = done.kind
        if done.kind == "case-study":
            self._case_study(metadata, {key.lower(): joined(key.lower(), values) for key, values in done.meta.items()})
        elif done.kind == "event":
            self._event(metadata, {key.lower(): joined(key.lower(), values) for key, values in done.meta.items()})
        return done.content, metadata

    def _event(self, metadata, meta):
        """An event's times, format, place, price and registration as values
        (:func:`mep_kit.content.event_fields.metadata`), and its service lines as categories."""
        metadata.update(event_fields.metadata(meta, self.settings.get("TIMEZONE")))
        metadata["template"] = EVENT_TEMPLATE
        metadata["services"] = [
            Category(name, self.settings) for name in schema.split_list(meta.get("services", "")) if name
        ]

    def _case_study(self, metadata, meta):
        metadata["template"] = CASE_STUDY_TEMPLATE
        names = schema.split_list(meta["services"])
        metadata["services"] = [Category(name, self.settings) for name in names]
        metadata["category"] = metadata["services"][0]
        metadata.setdefault("logo", None)
        metadata.setdefault("logo_alt", "")
        source = FigureSource(
            "case-study", self.settings["CENTER"].get("name", self.settings["SITENAME"]), meta["title"]
        )
        date = metadata["date"].date()
        language = of_settings(self.settings)
        metrics = []
        for field_name, (unit, label) in schema.METRICS.items():
            if meta.get(field_name, "").strip():
                metrics.append(
                    Figure(
                        key=field_name.replace("_", "-"),
                        value=parse_number(meta[field_name]),
                        unit=unit,
                        label=language.gettext(label),
                        scope="center",
                        source=source,
                        as_of=date,
                    )
                )
        metadata["metrics"] = metrics
        metadata["headline_metric"] = metrics[0] if metrics else None
