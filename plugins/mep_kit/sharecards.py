"""Share cards: the 1200x630 picture a post shows when shared (``og:image``).

A post with a cover image gets that image, upright and stripped of metadata like every
published image, cropped to fill the card (:func:`cover_card`, a JPEG). Any other post gets
a card drawn at build time (:func:`drawn_card`, a PNG): its title, wrapped and sized to
fit, the center's name and, for a case study, its headline metric, in the theme's colours
(``SHARE_CARD_COLORS``, the tokens of theme/static/css/site.css) and with the font the
kit ships (DejaVu Sans Bold, in ``fonts/``), so every machine draws the same card.

:func:`share_card` caches each card like the images (:mod:`mep_kit.image_cache`): keyed on
what is drawn, the style, the font file's bytes and the library versions, so the same post
gives the same bytes on every build and a warm build draws nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

from . import images
from .image_cache import CachedFile, ImageCache, cache_key
from .images import ImageSettings

FONT = Path(__file__).parent / "fonts" / "DejaVuSans-Bold.ttf"

#: Settings of the share cards (pelicanconf.py) and their defaults.
DEFAULTS = {
    "SHARE_CARD_SIZE": (1200, 630),
    # From the theme's tokens: --color-primary-darker (the header), --color-on-dark,
    # --color-on-dark-muted and --color-focus (the yellow of focus rings), all AA or
    # better on the background.
    "SHARE_CARD_COLORS": {"background": "#162e51", "title": "#ffffff", "site": "#d9e8f6", "accent": "#ffbf47"},
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
        for name, value in (("width", self.width), ("height", self.height)):
            if isinstance(value, bool) or not isinstance(value, int) or not 200 <= value <= 4000:
                raise ValueError(f"SHARE_CARD_SIZE: expected (width, height) in pixels from 200 to 4000, got {self.width!r}x{self.height!r}")
        colors = dict(self.colors)
        for role in COLOR_ROLES:
            try:
                ImageColor.getrgb(colors[role])
            except KeyError:
                raise ValueError(f"SHARE_CARD_COLORS: expected a colour for each of {', '.join(COLOR_ROLES)}; {role!r} is missing") from None
            except ValueError:
                raise ValueError(f"SHARE_CARD_COLORS['{role}']: expected a CSS colour such as #162e51, got {colors[role]!r}") from None
        if isinstance(self.jpeg_quality, bool) or not isinstance(self.jpeg_quality, int) or not 1 <= self.jpeg_quality <= 100:
            raise ValueError(f"SHARE_CARD_JPEG_QUALITY: expected a whole number from 1 to 100, got {self.jpeg_quality!r}")
        try:
            object.__setattr__(self, "font_sha256", _file_sha256(os.path.abspath(self.font)))
        except OSError as exc:
            raise ValueError(f"SHARE_CARD_FONT: expected a TrueType or OpenType font file, got {self.font!r} ({exc.strerror})") from None

    @classmethod
    def from_settings(cls, settings: Mapping) -> ShareCardStyle:
        get = lambda name: settings.get(name, DEFAULTS[name])  # noqa: E731
        size, colors = get("SHARE_CARD_SIZE"), get("SHARE_CARD_COLORS")
        if not isinstance(size, (tuple, list)) or len(size) != 2:
            raise ValueError(f"SHARE_CARD_SIZE: expected (width, height), got {size!r}")
        if not isinstance(colors, Mapping):
            raise ValueError(f"SHARE_CARD_COLORS: expected a dict such as {DEFAULTS['SHARE_CARD_COLORS']}, got {colors!r}")
        return cls(size[0], size[1], tuple({**DEFAULTS["SHARE_CARD_COLORS"], **colors}.items()), str(get("SHARE_CARD_FONT")), get("SHARE_CARD_JPEG_QUALITY"))

    def color(self, role: str) -> tuple[int, int, int]:
        return ImageColor.getrgb(dict(self.colors)[role])[:3]

    def fingerprint(self) -> str:
        return json.dumps({"size": [self.width, self.height], "colors": sorted(self.colors), "font": self.font_sha256, "jpeg": self.jpeg_quality, "layout": LAYOUT_VERSION})


_DRAWING = threading.Lock()

#: Bump when a change to the drawing or its encoding changes the cards' bytes (it is part of
#: the cache key).
LAYOUT_VERSION = 2


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


def fit_title(title: str, font_path: str, max_width: float, room: int, sizes: tuple[int, ...], most_lines: int = 4) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
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


def drawn_card(title: str, site_name: str, metric: str | None, style: ShareCardStyle | None = None) -> Image.Image:
    """A card with the post's title, the center's name and an optional headline metric
    (plain text each: no HTML), laid out for 1200x630 and scaled with the height."""
    style = style or ShareCardStyle()
    width, height = style.width, style.height
    px = lambda n: round(n * height / 630)  # noqa: E731
    margin = px(72)
    text_width = width - 2 * margin
    card = Image.new("RGB", (width, height), style.color("background"))
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, px(16) - 1, height), fill=style.color("accent"))  # the accent edge

    y = margin
    site_font = _font(style.font, px(32))
    for line in wrap(" ".join(site_name.split()), site_font, text_width)[:1]:
        draw.text((margin, y), line, font=site_font, fill=style.color("site"))
    y += px(40) + px(18)
    draw.rectangle((margin, y, margin + px(96), y + px(6) - 1), fill=style.color("accent"))
    y += px(6) + px(36)

    metric_font = _font(style.font, px(38))
    metric_lines = wrap(" ".join((metric or "").split()), metric_font, text_width)[:2]
    metric_line_height = px(48)
    metric_top = height - margin - len(metric_lines) * metric_line_height
    room = (metric_top - px(24) if metric_lines else height - margin) - y
    title_font, lines, line_height = fit_title(" ".join(title.split()), style.font, text_width, room, tuple(px(s) for s in (68, 62, 56, 50, 46, 42)))
    for line in lines:
        draw.text((margin, y), line, font=title_font, fill=style.color("title"))
        y += line_height
    for index, line in enumerate(metric_lines):
        draw.text((margin, metric_top + index * metric_line_height), line, font=metric_font, fill=style.color("accent"))
    return card


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


def _encode(card: Image.Image, fmt: str, style: ShareCardStyle) -> bytes:
    out = io.BytesIO()
    if fmt == "png":
        # zlib's default level: optimize=True made each card 3x slower (64 ms against 20) for
        # a file 5% smaller, and a site draws one per page.
        card.save(out, "PNG", compress_level=6)
    else:
        card.save(out, "JPEG", quality=style.jpeg_quality, optimize=True, progressive=True, subsampling="4:2:0")
    return out.getvalue()


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
    :class:`~mep_kit.images.ImageError` for a cover the image pipeline refuses."""
    style = style or ShareCardStyle()
    image_settings = image_settings or ImageSettings()
    if cover is not None:
        fmt = "jpeg"
        key = cache_key("share-card-cover", hashlib.sha256(cover).hexdigest(), style.fingerprint())
    else:
        fmt = "png"
        drawn = json.dumps([" ".join(title.split()), " ".join(site_name.split()), " ".join((metric or "").split())])
        key = cache_key("share-card", hashlib.sha256(drawn.encode()).hexdigest(), style.fingerprint())
    manifest = cache.load(key)
    if manifest is None:
        if cover is not None:
            images.inspect_image(cover, cover_name, image_settings)

            def need(w, h):
                scale = max(style.width / w, style.height / h)
                return max(1, round(w * scale)), max(1, round(h * scale))

            picture, _ = images.decode(cover, cover_name, image_settings, need=need)
            card = cover_card(picture, style)
        else:
            with _DRAWING:  # FreeType faces are shared: draw one card at a time, encode in parallel
                card = drawn_card(title, site_name, metric, style)
        data = _encode(card, fmt, style)
        filename = f"card.{images.EXTENSIONS[fmt]}"
        manifest = cache.store(key, {"files": [{
            "file": filename, "format": fmt, "width": card.width, "height": card.height,
            "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
        }]}, {filename: data})
    item = manifest["files"][0]
    return CachedFile(item["format"], item["width"], item["height"], item["path"], item["size"], item["sha256"])


__all__ = ["DEFAULTS", "ShareCardStyle", "cover_card", "drawn_card", "share_card", "wrap", "fit_title"]
