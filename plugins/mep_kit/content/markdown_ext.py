"""Impact-figure callouts in Markdown, as a Python-Markdown extension.

Two forms, both readable as plain text:

* a **callout block**, a paragraph of its own, showing one figure or a row of them::

      [[callout: national-sales, national-jobs]]

* an **inline figure**, the formatted value inside a sentence::

      MEP Centers helped create or retain [[figure: national-jobs]] jobs.

Keys are looked up in the figures registry (see :mod:`mep_kit.content.figures`). An unknown key,
an empty callout, a callout inside a sentence or a misspelt directive raises
:class:`FigureSyntaxError`, which the plugin's reader turns into a ``file:line`` error.
The HTML comes from a renderer (the theme's ``partials/impact_callout.html`` macros in a
build), stored in Markdown's HTML stash so no later step, typogrify included, rewrites it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Protocol

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor

from .figures import Figure

DIRECTIVE = r"\[\[\s*([A-Za-z_-]+)\s*:([^\[\]\n]*)\]\]"
BLOCK_RE = re.compile(r"^\s*\[\[\s*callout\s*:([^\[\]\n]*)\]\]\s*$")


class FigureSyntaxError(ValueError):
    """A callout or inline figure that cannot be rendered; ``snippet`` locates it."""

    def __init__(self, message: str, snippet: str):
        super().__init__(message)
        self.snippet = snippet


class Renderer(Protocol):
    def callout(self, figures: list[Figure]) -> str: ...

    def inline(self, figure: Figure) -> str: ...


def parse_keys(raw: str, registry: Mapping[str, Figure], snippet: str) -> list[Figure]:
    """The figures named in a directive's comma-separated key list, in order."""
    keys = [key.strip() for key in raw.split(",")]
    if not any(keys):
        raise FigureSyntaxError(f"{snippet}: no figure key given; expected e.g. [[callout: national-sales]]", snippet)
    figures = []
    for key in keys:
        if not key:
            raise FigureSyntaxError(f"{snippet}: empty key in the list; separate keys with single commas", snippet)
        if key not in registry:
            raise FigureSyntaxError(
                f"{snippet}: unknown figure key '{key}'; expected a key of the figures registry{_suggest(key, registry)}",
                snippet,
            )
        figures.append(registry[key])
    return figures


def inline_figure(directive: str, raw: str, registry: Mapping[str, Figure], snippet: str) -> Figure:
    """The one figure an inline ``[[directive: raw]]`` (``snippet``) inside a paragraph names.

    Shared by the Markdown extension and ``invoke check`` (:mod:`mep_kit.tools.check`), so both
    apply the same rules: only ``figure`` may stand in a sentence, with exactly one key."""
    directive = directive.lower()
    if directive == "callout":
        raise FigureSyntaxError(
            f"{snippet}: a callout must be a paragraph of its own, with blank lines around it; inside a sentence use [[figure: key]]",
            snippet,
        )
    if directive != "figure":
        raise FigureSyntaxError(
            f"{snippet}: unknown directive '{directive}'; expected [[figure: key]] in a sentence or [[callout: key, ...]] on its own line",
            snippet,
        )
    figures = parse_keys(raw, registry, snippet)
    if len(figures) != 1:
        raise FigureSyntaxError(
            f"{snippet}: an inline figure shows exactly one key; use [[callout: ...]] for a row", snippet
        )
    return figures[0]


def _suggest(key: str, registry: Mapping[str, Figure]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(registry), n=3)
    return f" (did you mean: {', '.join(close)}?)" if close else ""


class CalloutBlockProcessor(BlockProcessor):
    def __init__(self, parser, extension: FiguresExtension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block):
        return bool(BLOCK_RE.match(block))

    def run(self, parent, blocks):
        block = blocks.pop(0)
        snippet = block.strip()
        figures = parse_keys(BLOCK_RE.match(block).group(1), self.extension.registry, snippet)
        html = self.extension.renderer.callout(figures)
        placeholder = self.parser.md.htmlStash.store(html)
        etree.SubElement(parent, "p").text = placeholder


class FigureInlineProcessor(InlineProcessor):
    def __init__(self, pattern, md, extension: FiguresExtension):
        super().__init__(pattern, md)
        self.extension = extension

    def handleMatch(self, m, data):
        figure = inline_figure(m.group(1), m.group(2), self.extension.registry, m.group(0))
        html = self.extension.renderer.inline(figure)
        return self.md.htmlStash.store(html), m.start(0), m.end(0)


class FiguresExtension(Extension):
    """Registers the callout block and the inline figure with Python-Markdown."""

    def __init__(self, registry: Mapping[str, Figure], renderer: Renderer, **kwargs):
        self.registry = registry
        self.renderer = renderer
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Before paragraphs (10) and every other block processor that could claim the line.
        md.parser.blockprocessors.register(CalloutBlockProcessor(md.parser, self), "mep_callout", 105)
        # Before links and references (160-170), so [[...]] is never read as a link.
        md.inlinePatterns.register(FigureInlineProcessor(DIRECTIVE, md, self), "mep_figure", 185)
