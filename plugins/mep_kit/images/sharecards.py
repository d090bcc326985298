"""Share cards: the 1200x630 picture a post shows when shared (``og:image``).

A post with a cover image gets that image, upright and stripped of metadata like every
published image, cropped to fill the card (:func:`cover_card`, a JPEG). Any other post gets
a card drawn at build time (:func:`drawn_card`, a palette PNG from :func:`card_png`): its
title, wrapped and sized to fit, the center's name and, for a case study, its headline
metric, in the theme's colours (``SHARE_CARD_COLORS``, the tokens of
theme/static/css/site.css) and with the font the kit ships (DejaVu Sans Bold, in
``fonts/``), so every machine draws the same card. A site draws one for every page, so a
card must be cheap (see the comments on drawn cards and their PNG below, and
tests/benchmarks/RESULTS.md for what the PNG writer buys).

:func:`share_card` caches each card like the images (:mod:`mep_kit.images.cache`): keyed on
what is drawn, the style, the font file's bytes and the library versions, so the same post
gives the same bytes on every build and a warm build draws nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import threading
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

from ..core.brand import DEFAULT_PRIMARY, palette, share_card_colors
from . import pipeline as images
from .cache import CachedFile, ImageCache, cache_key
from .pipeline import ImageSettings

FONT = Path(__file__).parents[1] / "fonts" / "DejaVuSans-Bold.ttf"

#: Settings of the share cards (pelicanconf.py) and their defaults.
DEFAULTS = {
    "SHARE_CARD_SIZE": (1200, 630),
    # The header's colours of the kit's default brand (a center's BRAND gives its own:
    # mep_kit.settings.apply): the deep brand colour, the text on it, and the accent.
    "SHARE_CARD_COLORS": share_card_colors(palette(DEFAULT_PRIMARY)),
    "SHARE_CARD_FONT": str(FONT),
    "SHARE_CARD_JPEG_QUALITY": 82,
}
COLOR_ROLES = ("background", "title", "site", "accent")


@dataclass(frozen=True)
class ShareCardStyle:
    width: int = DEFAULTS["SHARE_CARD_SIZE"][0]
    height: int = DEFAULTS["SHARE_CARD_SIZE"][1]
    colors: tuple[tuple[str, str], ...] = tuple(DEFAULTS["SHARE_CARD_COLORS"].items())
    font: str = DEFAULTS["SHARE_CARD_FONT"]
    jpeg_quality: int = DEFAULTS["SHARE_CARD_JPEG_QUALITY"]
    font_sha256: str = field(init=False, default="")

    def __post_init__(self):
        for _name, value in (("width", self.width), ("height", self.height)):
            if isinstance(value, bool) or not isinstance(value, int) or not 200 <= value <= 4000:
                raise ValueError(
                    f"SHARE_CARD_SIZE: expected (width, height) in pixels from 200 to 4000, got {self.width!r}x{self.height!r}"
                )
        colors = dict(self.colors)
        for role in COLOR_ROLES:
            try:
                ImageColor.getrgb(colors[role])
            except KeyError:
                raise ValueError(
                    f"SHARE_CARD_COLORS: expected a colour for each of {', '.join(COLOR_ROLES)}; {role!r} is missing"
                ) from None
            except ValueError:
                raise ValueError(
                    f"SHARE_CARD_COLORS['{role}']: expected a CSS colour such as #162e51, got {colors[role]!r}"
                ) from None
        if (
            isinstance(self.jpeg_quality, bool)
            or not isinstance(self.jpeg_quality, int)
            or not 1 <= self.jpeg_quality <= 100
        ):
            raise ValueError(
                f"SHARE_CARD_JPEG_QUALITY: expected a whole number from 1 to 100, got {self.jpeg_quality!r}"
            )
        try:
            object.__setattr__(self, "font_sha256", _file_sha256(os.path.abspath(self.font)))
        except OSError as exc:
            raise ValueError(
                f"SHARE_CARD_FONT: expected a TrueType or OpenType font file, got {self.font!r} ({exc.strerror})"
            ) from None

    @classmethod
    def from_settings(cls, settings: Mapping) -> ShareCardStyle:
        get = lambda name: settings.get(name, DEFAULTS[name])
        size, colors = get("SHARE_CARD_SIZE"), get("SHARE_CARD_COLORS")
        if not isinstance(size, (tuple, list)) or len(size) != 2:
            raise ValueError(f"SHARE_CARD_SIZE: expected (width, height), got {size!r}")
        if not isinstance(colors, Mapping):
            raise ValueError(
                f"SHARE_CARD_COLORS: expected a dict such as {DEFAULTS['SHARE_CARD_COLORS']}, got {colors!r}"
            )
        return cls(
            size[0],
            size[1],
            tuple({**DEFAULTS["SHARE_CARD_COLORS"], **colors}.items()),
            str(get("SHARE_CARD_FONT")),
            get("SHARE_CARD_JPEG_QUALITY"),
        )

    def color(self, role: str) -> tuple[int, int, int]:
        return ImageColor.getrgb(dict(self.colors)[role])[:3]

    def fingerprint(self) -> str:
        return json.dumps(
            {
                "size": [self.width, self.height],
                "colors": sorted(self.colors),
                "font": self.font_sha256,
                "jpeg": self.jpeg_quality,
                "layout": LAYOUT_VERSION,
            }
        )


_DRAWING = threading.Lock()

#: Bump when a change to the drawing or its encoding changes the cards' bytes (it is part of
#: the cache key).
LAYOUT_VERSION = 3


@lru_cache(maxsize=8)
def _file_sha256(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@lru_cache(maxsize=64)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    # The basic layout engine: the same glyph positions whether or not libraqm is installed.
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=64)
def _widths(path: str, size: int) -> tuple[dict[str, float], dict[str, float]]:
    """The advance of each character met so far and the kerning of each pair, in one font
    at one size: filled as titles are measured, kept for the build."""
    return {}, {}


def text_width(text: str, font: ImageFont.FreeTypeFont) -> float:
    """``font.getlength(text)``, from each character's advance and each pair's kerning.

    Pillow lays a whole string out again on every call (about 25 µs for a title's line), and
    fitting a title measures it several times at several sizes. With the basic layout engine
    a string's length is exactly the sum of its characters' advances and its pairs' kerning
    (tests/unit/test_sharecards.py checks this against Pillow), so each is measured once."""
    advances, kerning = _widths(font.path, font.size)
    total = 0.0
    previous = ""
    for char in text:
        advance = advances.get(char)
        if advance is None:
            advance = advances[char] = font.getlength(char)
        total += advance
        if previous:
            pair = previous + char
            kern = kerning.get(pair)
            if kern is None:
                kern = kerning[pair] = font.getlength(pair) - advances[previous] - advance
            total += kern
        previous = char
    return total


def wrap(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """``text`` broken into lines no wider than ``max_width`` at spaces; a word wider than
    a line is broken between letters. A line is not measured again as it grows: with its
    width known, ``line + " " + word`` is as wide as ``line`` plus ``line[-1] + " " + word``
    less ``line[-1]`` (the same sums of advances and kerning)."""
    lines: list[str] = []
    line, line_width = "", 0.0
    for word in text.split():
        if line:
            candidate = line_width + text_width(f"{line[-1]} {word}", font) - text_width(line[-1], font)
            if candidate <= max_width:
                line, line_width = f"{line} {word}", candidate
                continue
            lines.append(line)
        word_width = text_width(word, font)
        while len(word) > 1 and word_width > max_width:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], font) > max_width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
            word_width = text_width(word, font)
        line, line_width = word, word_width
    if line:
        lines.append(line)
    return lines


def fit_title(
    title: str, font_path: str, max_width: float, room: int, sizes: tuple[int, ...], most_lines: int = 4
) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The font, lines and line height of the largest of ``sizes`` at which ``title`` fits
    ``room`` pixels of height (and ``most_lines``), or of the smallest, its last line cut
    short by an ellipsis."""
    for size in sizes:
        font = _font(font_path, size)
        line_height = round(size * 1.18)
        max_lines = max(1, min(most_lines, room // line_height))
        lines = wrap(title, font, max_width)
        if len(lines) <= max_lines:
            return font, lines, line_height
    lines = lines[:max_lines]
    last = lines[-1]
    while last and text_width(last + "…", font) > max_width:
        last = last[:-1].rstrip()
    lines[-1] = last + "…"
    return font, lines, line_height


# --- drawn cards ------------------------------------------------------------------------------
#
# A drawn card is a palette PNG: a flat background and three text colours need few colours,
# and one byte a pixel in long flat runs encodes many times faster than three, and smaller. The palette holds, for each text colour, SHADES steps from
# the background to it; a colour's text is drawn with antialiasing (fontmode "L") on its own
# band, a box filled with the first index of its ramp, which is the background's colour,
# so the blend of that index and the ramp's last one lands on the ramp: the shade the glyph's
# coverage asks for. The layout keeps the three colours' text apart, so no colour's band lies
# under another colour's text.

#: Shades of each text colour, from the background to the colour itself: three ramps of 85
#: fill 255 of the 256 entries a palette holds (the RGB card's 256 levels, a third as fine:
#: no channel of a pixel is more than 2 off).
SHADES = 85
#: The first index of each colour's ramp; the accent's boxes (edge and bar) are its last.
RAMPS = {"title": 0, "site": SHADES, "accent": 2 * SHADES}


class Line(NamedTuple):
    """A line of text on a card: in the colour of ``role``, its left and top at ``xy``, in
    the card's font at ``size`` pixels."""

    role: str
    xy: tuple[int, int]
    text: str
    size: int


def _scale(style: ShareCardStyle):
    """Lengths of the 1200x630 layout scaled with the card's height."""
    return lambda n: round(n * style.height / 630)


def frame_layout(
    site_name: str, style: ShareCardStyle
) -> tuple[list[tuple[str, tuple[int, int, int, int]]], list[Line]]:
    """What every card of a site shows whatever the post: the accent edge and the accent bar
    (boxes, by role) and the center's name on one line."""
    px = _scale(style)
    margin = px(72)
    site_size = px(32)
    names = wrap(" ".join(site_name.split()), _font(style.font, site_size), style.width - 2 * margin)[:1]
    bar_top = margin + px(40) + px(18)
    boxes = [
        ("accent", (0, 0, px(16) - 1, style.height)),
        ("accent", (margin, bar_top, margin + px(96), bar_top + px(6) - 1)),
    ]
    return boxes, [Line("site", (margin, margin), name, site_size) for name in names]


def post_layout(title: str, metric: str | None, style: ShareCardStyle) -> list[Line]:
    """A post's own lines: its title below the frame, as large as fits above its headline
    metric (up to two lines at the foot of the card), or above the bottom margin."""
    px = _scale(style)
    width, height = style.width, style.height
    margin = px(72)
    text_width = width - 2 * margin
    top = margin + px(40) + px(18) + px(6) + px(36)
    metric_size, metric_line_height = px(38), px(48)
    metric_lines = wrap(" ".join((metric or "").split()), _font(style.font, metric_size), text_width)[:2]
    metric_top = height - margin - len(metric_lines) * metric_line_height
    room = (metric_top - px(24) if metric_lines else height - margin) - top
    title_font, title_lines, line_height = fit_title(
        " ".join(title.split()), style.font, text_width, room, tuple(px(s) for s in (68, 62, 56, 50, 46, 42))
    )
    lines = [
        Line("title", (margin, top + index * line_height), text, title_font.size)
        for index, text in enumerate(title_lines)
    ]
    lines += [
        Line("accent", (margin, metric_top + index * metric_line_height), text, metric_size)
        for index, text in enumerate(metric_lines)
    ]
    return lines


@lru_cache(maxsize=8)
def palette(style: ShareCardStyle) -> bytes:
    """The drawn cards' palette (RGB triplets): each text colour's ramp of SHADES steps from
    the background to it, in the order of RAMPS."""
    background = style.color("background")
    entries = bytearray()
    for role in RAMPS:
        colour = style.color(role)
        for shade in range(SHADES):
            entries += bytes(
                round(b + (c - b) * shade / (SHADES - 1)) for b, c in zip(background, colour, strict=False)
            )
    return bytes(entries)


def _paint(
    card: Image.Image, boxes, lines: list[Line], style: ShareCardStyle, origin: tuple[int, int] = (0, 0)
) -> None:
    """Draw ``boxes`` (solid, in their role's colour) and ``lines`` on a palette image whose
    top left is at ``origin`` on the card: each colour's text on its band (set to the ramp's
    first index), from half an em left of its lines to the right edge, over their rows."""
    dx, dy = -origin[0], -origin[1]
    draw = ImageDraw.Draw(card)
    draw.fontmode = "L"  # antialiased, as on an RGB image (Pillow draws "P" images without)
    for role, (left, top, right, bottom) in boxes:
        draw.rectangle((left + dx, top + dy, right + dx, bottom + dy), fill=RAMPS[role] + SHADES - 1)
    for role, first in RAMPS.items():
        mine = [line for line in lines if line.role == role]
        if not mine:
            continue
        if first:  # the title's ramp starts at index 0, the card's background already
            top, bottom = _rows(mine, style.font)
            left = min(line.xy[0] - line.size // 2 for line in mine)
            draw.rectangle((left + dx, top + dy, card.width, bottom - 1 + dy), fill=first)
        for line in mine:
            draw.text(
                (line.xy[0] + dx, line.xy[1] + dy),
                line.text,
                font=_font(style.font, line.size),
                fill=first + SHADES - 1,
            )


@lru_cache(maxsize=4096)
def _glyph_rows(font_path: str, size: int, char: str) -> tuple[int, int]:
    _, top, _, bottom = _font(font_path, size).getbbox(char)
    return top, bottom


def _rows(lines: list[Line], font_path: str) -> tuple[int, int]:
    """The rows (bottom excluded) that ``lines``' antialiased ink may cover, and 2 more each
    side: a line's ink spans its characters' (the basic layout moves no glyph up or down), so
    each character is measured once per size, not each line by Pillow."""
    top, bottom = [], []
    for line in lines:
        extents = [_glyph_rows(font_path, line.size, char) for char in set(line.text)]
        top.append(line.xy[1] + min(extent[0] for extent in extents))
        bottom.append(line.xy[1] + max(extent[1] for extent in extents))
    return min(top) - 2, max(bottom) + 2


def _bands(lines: list[Line], style: ShareCardStyle) -> list[tuple[int, int, list[Line]]]:
    """The rows a post's lines are drawn on: one band for each colour (:func:`_rows`), bands
    that meet made one, each with its lines."""
    bands = []
    for role in RAMPS:
        mine = [line for line in lines if line.role == role]
        if mine:
            top, bottom = _rows(mine, style.font)
            bands.append((max(0, top), min(style.height, bottom), mine))
    bands.sort(key=lambda band: band[0])
    merged: list[tuple[int, int, list[Line]]] = []
    for top, bottom, mine in bands:
        if merged and top <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(bottom, merged[-1][1]), merged[-1][2] + mine)
        else:
            merged.append((top, bottom, mine))
    return merged


@lru_cache(maxsize=8)
def _frame(style: ShareCardStyle, site_name: str) -> Image.Image:
    """The part of every card of a site that is the same (:func:`frame_layout`), drawn once
    per build, never changed. It has one column more than the card, at the left, all 0: the
    filter byte of each row of a PNG (0: none), so its rows' bytes are PNG's as they are."""
    frame = Image.new("P", (style.width + 1, style.height), 0)
    frame.putpalette(palette(style))
    _paint(frame, *frame_layout(site_name, style), style, origin=(-1, 0))
    return frame


def draw_post(title: str, metric: str | None, site_name: str, style: ShareCardStyle) -> list[tuple[int, Image.Image]]:
    """A post's own lines (:func:`post_layout`), each band of them drawn on a copy of the
    frame's rows it covers: the band's top row and its image (with the frame's extra column).
    The rest of the card is the frame's."""
    frame = _frame(style, " ".join(site_name.split()))
    drawn = []
    for top, bottom, lines in _bands(post_layout(title, metric, style), style):
        band = frame.crop((0, top, frame.width, bottom))
        _paint(band, (), lines, style, origin=(-1, top))
        drawn.append((top, band))
    return drawn


def drawn_card(title: str, site_name: str, metric: str | None, style: ShareCardStyle | None = None) -> Image.Image:
    """A card with the post's title, the center's name and an optional headline metric
    (plain text each: no HTML), laid out for 1200x630 and scaled with the height: a palette
    ("P") image, see the comment above."""
    style = style or ShareCardStyle()
    card = _frame(style, " ".join(site_name.split())).copy()
    for top, band in draw_post(title, metric, site_name, style):
        card.paste(band, (0, top))
    return card.crop((1, 0, card.width, card.height))


# --- a drawn card's PNG -------------------------------------------------------------------------
#
# zlib reads every byte it is given, however flat (a blank card is most of a card's cost),
# so a card is not handed to it whole: only the bands a post drew on are deflated
# with each card. The frame's rows are deflated once per build (at zlib's best level, since
# once): its runs of rows like the last one (the background and the accent edge) as pieces
# of 1, 2, 4... such rows, the rest (the center's name and the bar) as they are. A zlib
# stream may be made of raw deflate pieces each ended by a sync flush (byte-aligned, not
# final); the stream's Adler-32 is worked out from the pieces'. How the card is cut into
# pieces depends on the card alone, so its bytes do not depend on what was cached before.

#: zlib's level for a card's own rows: level 1 deflates a title's rows in well under half the
#: time of level 6, for a file a quarter larger, still about half the size of an RGB card.
CARD_LEVEL = 1
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _deflate(data: bytes, level: int) -> tuple[bytes, int, int]:
    """``data`` as a raw deflate piece that another piece may follow, with the Adler-32 and
    the length of ``data``."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_SYNC_FLUSH), zlib.adler32(data), len(data)


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two pieces of data from each one's (zlib's adler32_combine)."""
    base = 65521
    low = ((first & 0xFFFF) + (second & 0xFFFF) - 1) % base
    high = ((first >> 16) + (second >> 16) + second_length * ((first & 0xFFFF) - 1)) % base
    return high << 16 | low


@lru_cache(maxsize=8)
def _frame_rows(style: ShareCardStyle, site_name: str) -> tuple[bytes, list[bool]]:
    """The frame's bytes (PNG's rows), and whether each row is like the last one."""
    pixels = _frame(style, site_name).tobytes()
    stride = style.width + 1
    last = pixels[-stride:]
    return pixels, [pixels[start : start + stride] == last for start in range(0, len(pixels), stride)]


@lru_cache(maxsize=64)
def _repeated(style: ShareCardStyle, site_name: str, count: int) -> tuple[bytes, int, int]:
    """``count`` rows like the frame's last one, deflated."""
    stride = style.width + 1
    return _deflate(_frame_rows(style, site_name)[0][-stride:] * count, 9)


@lru_cache(maxsize=64)
def _frame_piece(style: ShareCardStyle, site_name: str, top: int, bottom: int) -> tuple[bytes, int, int]:
    """Rows ``top`` to ``bottom`` of the frame, deflated."""
    stride = style.width + 1
    return _deflate(_frame_rows(style, site_name)[0][top * stride : bottom * stride], 9)


def _frame_pieces(style: ShareCardStyle, site_name: str, top: int, bottom: int) -> list[tuple[bytes, int, int]]:
    """Rows ``top`` to ``bottom`` of the frame, deflated once per build (see above)."""
    like_last = _frame_rows(style, site_name)[1]
    pieces = []
    while top < bottom:
        end = top + 1
        while end < bottom and like_last[end] == like_last[top]:
            end += 1
        if like_last[top]:
            count, power = end - top, 1
            while count:
                if count & power:
                    pieces.append(_repeated(style, site_name, power))
                    count -= power
                power <<= 1
        else:
            pieces.append(_frame_piece(style, site_name, top, end))
        top = end
    return pieces


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def card_png(bands: list[tuple[int, Image.Image]], site_name: str, style: ShareCardStyle) -> bytes:
    """The PNG of a card, from the bands :func:`draw_post` drew on its frame (for
    ``site_name`` and ``style``): 8-bit palette, no filter, see the comment above."""
    site_name = " ".join(site_name.split())
    pieces: list[tuple[bytes, int, int]] = []
    row = 0
    for top, band in bands:
        pieces += _frame_pieces(style, site_name, row, top)
        pieces.append(_deflate(band.tobytes(), CARD_LEVEL))
        row = top + band.height
    pieces += _frame_pieces(style, site_name, row, style.height)
    stream, checksum = [b"\x78\x01"], 1  # zlib's header: deflate, 32 KiB window
    for piece, adler, length in pieces:
        stream.append(piece)
        checksum = adler32_combine(checksum, adler, length)
    stream += [b"\x03\x00", struct.pack(">I", checksum)]  # an empty final block, the Adler-32
    header = struct.pack(">IIBBBBB", style.width, style.height, 8, 3, 0, 0, 0)  # 8-bit palette, no interlace
    return b"".join(
        (
            _PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"PLTE", palette(style)),
            _chunk(b"IDAT", b"".join(stream)),
            _chunk(b"IEND", b""),
        )
    )


def cover_card(image: Image.Image, style: ShareCardStyle | None = None) -> Image.Image:
    """A cover image cropped about its centre to fill the card; transparency is laid on
    the card's background colour."""
    style = style or ShareCardStyle()
    if image.mode == "RGBA":
        ground = Image.new("RGB", image.size, style.color("background"))
        ground.paste(image, mask=image.getchannel("A"))
        image = ground
    card = ImageOps.fit(image, (style.width, style.height), Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    card.info = {}
    return card


def _jpeg(card: Image.Image, style: ShareCardStyle) -> bytes:
    out = io.BytesIO()
    card.save(out, "JPEG", quality=style.jpeg_quality, optimize=True, progressive=True, subsampling="4:2:0")
    return out.getvalue()


def card_key(
    *,
    title: str,
    site_name: str,
    metric: str | None = None,
    cover: bytes | None = None,
    style: ShareCardStyle | None = None,
) -> str:
    """The cache key of a card: what it shows (or its cover's bytes) and how it is drawn."""
    style = style or ShareCardStyle()
    if cover is not None:
        return cache_key("share-card-cover", hashlib.sha256(cover).hexdigest(), style.fingerprint())
    drawn = json.dumps([" ".join(title.split()), " ".join(site_name.split()), " ".join((metric or "").split())])
    # card_png deflates with Python's zlib, which may not be Pillow's.
    return cache_key(
        "share-card", hashlib.sha256(drawn.encode()).hexdigest(), style.fingerprint(), zlib=zlib.ZLIB_RUNTIME_VERSION
    )


def _cached_file(manifest: dict) -> CachedFile:
    item = manifest["files"][0]
    return CachedFile(item["format"], item["width"], item["height"], item["path"], item["size"], item["sha256"])


def cached_card(
    cache: ImageCache,
    *,
    title: str,
    site_name: str,
    metric: str | None = None,
    cover: bytes | None = None,
    style: ShareCardStyle | None = None,
    **_making,
) -> CachedFile | None:
    """The card :func:`share_card` would return, if it is in the cache; else None. (The
    other arguments of :func:`share_card` say how to make a card, not which.)"""
    manifest = cache.load(card_key(title=title, site_name=site_name, metric=metric, cover=cover, style=style))
    return _cached_file(manifest) if manifest is not None else None


def _make_in_child(request: dict) -> None:
    share_card(_ahead_cache, **request)


_ahead_cache = None


def make_ahead(
    cache: ImageCache,
    requests: list[dict],
    processes: int,
    at_least: int = 32,
    made: Callable[[int], None] | None = None,
) -> int:
    """Make the cards of ``requests`` (keyword arguments of :func:`share_card`) that are not
    cached yet, shared out between ``processes`` processes forked for the purpose, so that
    :func:`share_card` then finds each in the cache; ``made(count)`` hears of each batch done.
    Nothing is done with fewer than ``at_least`` to make, one process, or where forking is not
    safe (:func:`mep_kit.core.forking.can_fork`). Returns how many were made here."""
    from ..core.forking import can_fork, pool

    missing = [request for request in requests if cached_card(cache, **request) is None]
    if len(missing) < at_least or processes < 2 or not can_fork():
        return 0
    global _ahead_cache
    _ahead_cache = cache
    with pool(processes) as makers:
        for _ in makers.imap_unordered(_make_in_child, missing, chunksize=16):
            if made is not None:
                made(1)
    return len(missing)


def share_card(
    cache: ImageCache,
    *,
    title: str,
    site_name: str,
    metric: str | None = None,
    cover: bytes | None = None,
    cover_name: str = "",
    style: ShareCardStyle | None = None,
    image_settings: ImageSettings | None = None,
) -> CachedFile:
    """The share card of one post, from the cache or made now: from ``cover`` (the bytes of
    the post's cover image, named ``cover_name`` in errors) when given, else drawn. Raises
    :class:`~mep_kit.images.pipeline.ImageError` for a cover the image pipeline refuses."""
    style = style or ShareCardStyle()
    image_settings = image_settings or ImageSettings()
    fmt = "jpeg" if cover is not None else "png"
    key = card_key(title=title, site_name=site_name, metric=metric, cover=cover, style=style)
    manifest = cache.load(key)
    if manifest is None:
        if cover is not None:
            images.inspect_image(cover, cover_name, image_settings)

            def need(w, h):
                scale = max(style.width / w, style.height / h)
                return max(1, round(w * scale)), max(1, round(h * scale))

            picture, _ = images.decode(cover, cover_name, image_settings, need=need)
            card = cover_card(picture, style)
            data = _jpeg(card, style)
        else:
            with _DRAWING:  # FreeType faces and the frames drawn once are shared: one card at a time
                data = card_png(draw_post(title, metric, site_name, style), site_name, style)
        filename = f"card.{images.EXTENSIONS[fmt]}"
        manifest = cache.store(
            key,
            {
                "files": [
                    {
                        "file": filename,
                        "format": fmt,
                        "width": style.width,
                        "height": style.height,
                        "size": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(),
                    }
                ]
            },
            {filename: data},
        )
    return _cached_file(manifest)


__all__ = [
    "DEFAULTS",
    "ShareCardStyle",
    "cached_card",
    "card_png",
    "cover_card",
    "draw_post",
    "drawn_card",
    "fit_title",
    "frame_layout",
    "post_layout",
    "share_card",
    "text_width",
    "wrap",
]
