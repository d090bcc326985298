"""``<picture>`` elements from processed images: the data a template needs, and the
rewrite of a rendered body's ``<img>`` elements.

:func:`picture_of` turns a :class:`~mep_kit.images.cache.CachedImage` into a
:class:`Picture`: one ``<source>`` per modern format (AVIF, then WebP) with its ``srcset``,
the fallback's ``src`` and ``srcset``, the ``sizes`` of the slot it fills, the ``width`` and
``height`` of the largest variant (so the browser reserves the space before it loads), and
the files to copy from the cache into the output. Output names carry a hash of the bytes
(``images/shop-floor-800w.3f2a9c1b0d.avif``), so hosts may cache them for a year.

:func:`rewrite_images` finds the ``<img>`` elements of an HTML fragment with the standard
library's HTML parser and replaces each one it can resolve by a ``<picture>``; every other
byte of the fragment is left as it was. The first image gets ``fetchpriority="high"`` when
the fragment opens the page's main content; the others get ``loading="lazy"`` and
``decoding="async"``. Every value written is HTML-escaped.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from .cache import CachedFile, CachedImage
from .pipeline import MIME_TYPES

#: ``sizes`` of an image in the article column: the column is the viewport less the
#: gutters on a phone, less the 20rem aside and the gaps from 60em, and 49rem from 76rem
#: (``--page-max`` less gutters, aside and gap in theme/static/css/site.css).
DEFAULT_SIZES = "(min-width: 76rem) 49rem, (min-width: 60em) calc(100vw - 27rem), calc(100vw - 2rem)"
#: The fallback ``src`` for browsers without ``srcset``: the widest variant at most this wide.
DEFAULT_FALLBACK_WIDTH = 800
#: Attributes of an ``<img>`` that the picture sets itself; the writer's others are kept.
MANAGED = frozenset({"src", "srcset", "sizes", "width", "height", "loading", "decoding", "fetchpriority"})


@dataclass(frozen=True)
class OutputFile:
    """A file to copy from the cache into the output, at ``save_as`` (relative, with /)."""

    save_as: str
    path: object  # pathlib.Path of the cached file


@dataclass(frozen=True)
class PictureSource:
    type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """What a template needs for ``<picture>``; every URL already made by ``url_of``."""

    sources: tuple[PictureSource, ...]
    type: str
    src: str
    srcset: str
    sizes: str
    width: int
    height: int
    files: tuple[OutputFile, ...]


def variant_save_as(name: str, variant: CachedFile) -> str:
    """Where a variant of the source ``name`` (relative to the content folder, such as
    ``images/shop-floor.jpg``) is written: ``images/shop-floor-800w.<hash>.avif``."""
    folder, filename = posixpath.split(name.replace("\\", "/"))
    stem = posixpath.splitext(filename)[0]
    return posixpath.join(folder, f"{stem}-{variant.width}w.{variant.sha256[:10]}.{variant.extension}")


def picture_of(
    image: CachedImage,
    name: str,
    url_of: Callable[[str], str],
    sizes: str = DEFAULT_SIZES,
    fallback_width: int = DEFAULT_FALLBACK_WIDTH,
) -> Picture:
    """The ``<picture>`` data of a processed source ``name``; ``url_of(save_as)`` gives the
    URL of an output file (the caller adds ``SITEURL``)."""
    files: list[OutputFile] = []
    srcsets: dict[str, str] = {}
    for fmt in dict.fromkeys(v.format for v in image.variants):
        parts = []
        for variant in image.of_format(fmt):
            save_as = variant_save_as(name, variant)
            files.append(OutputFile(save_as, variant.path))
            parts.append(f"{url_of(save_as)} {variant.width}w")
        srcsets[fmt] = ", ".join(parts)
    fallback = image.of_format(image.fallback)
    chosen = [v for v in fallback if v.width <= fallback_width] or fallback[:1]
    return Picture(
        sources=tuple(
            PictureSource(MIME_TYPES[fmt], srcset) for fmt, srcset in srcsets.items() if fmt != image.fallback
        ),
        type=MIME_TYPES[image.fallback],
        src=url_of(variant_save_as(name, chosen[-1])),
        srcset=srcsets[image.fallback],
        sizes=sizes,
        width=image.width,
        height=image.height,
        files=tuple(files),
    )


def attributes(attrs: Mapping[str, str | None] | list[tuple[str, str | None]]) -> str:
    pairs = attrs.items() if isinstance(attrs, Mapping) else attrs
    return "".join(
        f" {name}" if value is None else f' {name}="{escape(str(value), quote=True)}"' for name, value in pairs
    )


def picture_html(
    picture: Picture,
    alt: str | None,
    *,
    priority: bool = False,
    attrs: Mapping[str, str | None] | list[tuple[str, str | None]] = (),
) -> str:
    """``<picture>`` HTML for ``picture``: ``alt`` (None: no attribute) and ``attrs`` (other
    ``<img>`` attributes, such as ``class`` or ``title``) are escaped here. ``priority``: the first image of the
    page's main content (``fetchpriority="high"``), else lazy loading and async decoding."""
    kept = [
        (k, v) for k, v in (attrs.items() if isinstance(attrs, Mapping) else attrs) if k not in MANAGED and k != "alt"
    ]
    loading = [("fetchpriority", "high")] if priority else [("loading", "lazy"), ("decoding", "async")]
    sources = "".join(
        f"<source{attributes([('type', s.type), ('srcset', s.srcset), ('sizes', picture.sizes)])}>"
        for s in picture.sources
    )
    img = attributes(
        [
            ("src", picture.src),
            ("srcset", picture.srcset),
            ("sizes", picture.sizes),
            ("width", str(picture.width)),
            ("height", str(picture.height)),
            *([("alt", alt)] if alt is not None else []),
            *kept,
            *loading,
        ]
    )
    return f"<picture>{sources}<img{img}></picture>"


@dataclass(frozen=True)
class ImgTag:
    """An ``<img>`` start tag found in HTML: its attributes (values unescaped), the line it
    starts on (1-based) and its exact span in the text."""

    attrs: tuple[tuple[str, str | None], ...]
    line: int
    start: int
    end: int
    in_picture: bool

    def get(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return default


class _ImgFinder(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", html))]
        self.found: list[ImgTag] = []
        self.picture_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "picture":
            self.picture_depth += 1
        elif tag == "img":
            line, column = self.getpos()
            start = self.line_starts[line - 1] + column
            text = self.get_starttag_text()
            if not self.html.startswith(text, start):
                raise RuntimeError(f"line {line}: the HTML parser's position does not match the text")
            self.found.append(ImgTag(tuple(attrs), line, start, start + len(text), self.picture_depth > 0))

    def handle_endtag(self, tag):
        if tag == "picture" and self.picture_depth:
            self.picture_depth -= 1


def find_images(html: str) -> list[ImgTag]:
    """Every ``<img>`` of ``html``, in document order (none inside ``<script>``, comments...)."""
    finder = _ImgFinder(html)
    finder.feed(html)
    finder.close()
    return finder.found


def rewrite_images(html: str, resolve: Callable[[ImgTag], Picture | None], *, priority_first: bool = False) -> str:
    """``html`` with each ``<img>`` that ``resolve`` turns into a :class:`Picture` replaced
    by that ``<picture>``. Images already in a ``<picture>``, and those ``resolve`` returns
    None for (an external URL, an SVG), are left alone. With ``priority_first``, the first
    image of the fragment (whichever kind it is) is the page's first: it is not lazy."""
    out, last = [], 0
    for index, tag in enumerate(find_images(html)):
        if tag.in_picture:
            continue
        picture = resolve(tag)
        if picture is None:
            continue
        out.append(html[last : tag.start])
        out.append(picture_html(picture, tag.get("alt"), priority=priority_first and index == 0, attrs=list(tag.attrs)))
        last = tag.end
    out.append(html[last:])
    return "".join(out)
