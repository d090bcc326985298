"""The center's brand: its colours made into the theme's palette, checked for contrast, and
its favicon.

``BRAND`` in the identity block names one or two colours and, optionally, a logo::

    BRAND = {"primary": "#005ea2", "accent": "#ffbf47", "logo": "images/logo.svg"}

:func:`palette` derives every colour token the theme uses (``--color-*`` in
``theme/static/css/site.css``), for the light and the dark scheme, from ``primary`` (links,
buttons; the header and footer are a deep shade of it) and ``accent`` (the focus ring):
shades are taken in OKLCH (the ``coloraide`` package), which keeps the hue as the lightness
changes. The neutral colours (text, backgrounds, borders) and the colour of the center's own
figures are the kit's. :func:`contrast_problems` then checks every pair of text (or control)
and background the stylesheet puts together, in both schemes, against WCAG 2.x AA (4.5:1 for
text, 3:1 for the focus ring), and names each pair that fails with its ratio: a brand colour
too light for links on white is refused, not published.

:func:`palette_css` writes the palette as custom properties (the build puts them at the top
of the site's one stylesheet: :mod:`mep_kit.outputs.assets`); :func:`favicon_svg` and
:func:`favicon_ico` draw the site's icon, the center's initial on its deep brand colour; and
:func:`share_card_colors` gives the share cards the same colours.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from coloraide import Color

#: The kit's own colours: text, backgrounds, borders, visited links and the colour of the
#: center's own figures, in the light and the dark scheme.
NEUTRAL = {
    "light": {
        "text": "#1b1b1b",
        "muted": "#565c65",
        "bg": "#ffffff",
        "surface": "#f1f4f7",
        "border": "#c9d1da",
        "visited": "#54278f",
        "center": "#0b6e4f",
        "center-bg": "#eef6f2",
        "on-dark": "#ffffff",
        "focus-text": "#0b0c0c",
    },
    "dark": {
        "text": "#e8eaed",
        "muted": "#aab3bd",
        "bg": "#121519",
        "surface": "#1c2229",
        "border": "#3b4550",
        "visited": "#c9a9f5",
        "center": "#70d5aa",
        "center-bg": "#11251d",
        "on-dark": "#ffffff",
        "focus-text": "#0b0c0c",
    },
}
DEFAULT_PRIMARY = "#005ea2"
DEFAULT_ACCENT = "#ffbf47"
DARK_TEXT = "#0b0c0c"
SCHEMES = ("light", "dark")

#: Every pair of colours the stylesheet puts together: (what it is, foreground token(s),
#: background token, the least contrast WCAG AA asks of it). The focus ring is a dark outline
#: inside a highlight: it shows where either of the two stands out from the background.
PAIRS = (
    ("body text", "text", "bg", 4.5),
    ("body text on panels", "text", "surface", 4.5),
    ("secondary text", "muted", "bg", 4.5),
    ("secondary text on panels", "muted", "surface", 4.5),
    ("links", "primary", "bg", 4.5),
    ("links on panels", "primary", "surface", 4.5),
    ("links as hovered", "primary-dark", "bg", 4.5),
    ("visited links", "visited", "bg", 4.5),
    ("button text", "on-primary", "primary", 4.5),
    ("button text as hovered", "on-primary", "primary-dark", 4.5),
    ("header and footer text", "on-dark", "primary-darker", 4.5),
    ("the header's tagline", "on-dark-muted", "primary-darker", 4.5),
    ("the network's figures", "national", "national-bg", 4.5),
    ("secondary text by the network's figures", "muted", "national-bg", 4.5),
    ("the center's figures", "center", "center-bg", 4.5),
    ("text on the focus highlight", "focus-text", "focus", 4.5),
    ("the focus ring", ("focus", "focus-text"), "bg", 3.0),
    ("the focus ring on panels", ("focus", "focus-text"), "surface", 3.0),
    ("the focus ring in the header", ("focus", "focus-text"), "primary-darker", 3.0),
)
#: The brand's colour each token comes from (the others are the kit's own).
FROM_ACCENT = {"focus"}
FROM_PRIMARY = {"primary", "primary-dark", "primary-darker", "on-primary", "on-dark-muted", "national", "national-bg"}


class BrandError(ValueError):
    """A brand colour that is no colour."""


@dataclass(frozen=True)
class Palette:
    """Every colour token (name without ``--color-``) -> ``#rrggbb``, per scheme."""

    light: dict[str, str]
    dark: dict[str, str]

    def scheme(self, name: str) -> dict[str, str]:
        return self.light if name == "light" else self.dark


def parse_color(value, what: str) -> Color:
    """A CSS colour (``#005ea2``, ``rgb(0 94 162)``, ``navy``), or :class:`BrandError`."""
    try:
        color = Color(str(value))
    except (ValueError, TypeError):
        raise BrandError(f"{what}: expected a CSS colour such as #005ea2, got {value!r}") from None
    if color.alpha() < 1:
        raise BrandError(f"{what}: expected an opaque colour, got {value!r}")
    return color


def _hex(color: Color) -> str:
    return color.convert("srgb").fit("srgb").to_string(hex=True)


def shade(color: Color, lightness: float, most_chroma: float | None = None) -> str:
    """``color`` at OKLCH ``lightness`` (0 black .. 1 white), its hue kept and its chroma at
    most ``most_chroma``, brought into the sRGB gamut."""
    oklch = color.convert("oklch")
    oklch["lightness"] = lightness
    if most_chroma is not None:
        oklch["chroma"] = min(oklch["chroma"], most_chroma)
    return _hex(oklch)


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2.x contrast ratio of two colours (1 to 21)."""
    return Color(foreground).contrast(background, method="wcag21")


def readable_on(*backgrounds: str) -> str:
    """White or near-black, whichever reads better on every one of ``backgrounds``."""
    return max(("#ffffff", DARK_TEXT), key=lambda text: min(contrast(text, background) for background in backgrounds))


def palette(primary, accent=None) -> Palette:
    """The theme's palette from the brand's colours (see the module)."""
    brand = parse_color(primary, "'primary'")
    focus = _hex(parse_color(accent or DEFAULT_ACCENT, "'accent'"))
    lightness = brand.convert("oklch")["lightness"]
    darker = shade(brand, 0.30, 0.08)
    shared = {"primary-darker": darker, "on-dark-muted": shade(brand, 0.93, 0.03), "focus": focus}
    base = _hex(brand)
    light = {
        **NEUTRAL["light"],
        **shared,
        "primary": base,
        "primary-dark": shade(brand, min(lightness, 0.5) * 0.8, 0.12),
        "national-bg": shade(brand, 0.965, 0.012),
    }
    light["on-primary"] = readable_on(base, light["primary-dark"])
    light["national"] = light["primary-dark"]
    dark = {
        **NEUTRAL["dark"],
        **shared,
        "primary": shade(brand, 0.77, 0.11),
        "primary-dark": shade(brand, 0.86, 0.07),
        "national": shade(brand, 0.81, 0.09),
        "national-bg": shade(brand, 0.25, 0.03),
        "on-primary": DARK_TEXT,
    }
    return Palette(light, dark)


def contrast_problems(colors: Palette) -> list[tuple[str, str]]:
    """Every pair of :data:`PAIRS` below its least contrast, in either scheme, as (the brand
    colour to change, ``'primary'`` or ``'accent'``; what is wrong)."""
    problems = []
    for scheme in SCHEMES:
        tokens = colors.scheme(scheme)
        for what, foregrounds, background, least in PAIRS:
            foregrounds = (foregrounds,) if isinstance(foregrounds, str) else foregrounds
            ratio, foreground = max((contrast(tokens[name], tokens[background]), name) for name in foregrounds)
            if ratio < least:
                field = "accent" if FROM_ACCENT & {*foregrounds, background} else "primary"
                problems.append(
                    (
                        field,
                        f"{what}: {tokens[foreground]} on {tokens[background]} in the {scheme} scheme has a contrast of "
                        f"{ratio:.2f}:1; expected at least {least:g}:1 (WCAG AA)",
                    )
                )
    return problems


def palette_css(colors: Palette) -> str:
    """The palette as the stylesheet's colour tokens: ``:root`` for the light scheme, and
    the dark scheme for screens whose reader asks for it (print keeps the light one)."""

    def block(tokens: Mapping[str, str], indent: str) -> str:
        return "\n".join(f"{indent}--color-{name}: {value};" for name, value in sorted(tokens.items()))

    return (
        "/* Colours: the center's brand (BRAND), made into the palette by the build. */\n"
        f":root {{\n{block(colors.light, '  ')}\n}}\n"
        "@media screen and (prefers-color-scheme: dark) {\n"
        f"  :root {{\n{block(colors.dark, '    ')}\n  }}\n}}\n"
    )


def initial(name: str) -> str:
    """The letter of the site's icon: the first letter or digit of the center's name."""
    return next((char.upper() for char in name if char.isalnum()), "M")


def favicon_svg(name: str, colors: Palette) -> str:
    """The site's icon as SVG: the center's initial on its deep brand colour."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="6" fill="{colors.light["primary-darker"]}"/>'
        '<text x="16" y="22.5" text-anchor="middle" font-family="system-ui, -apple-system, \'Segoe UI\', Roboto, Arial, sans-serif" '
        f'font-size="19" font-weight="700" fill="{colors.light["on-dark"]}">{escape(initial(name))}</text></svg>\n'
    )


def favicon_ico(name: str, colors: Palette, font: str) -> bytes:
    """The same icon as ``favicon.ico`` (16, 32 and 48 pixels), for what asks for that file,
    drawn with the kit's font so every machine draws the same bytes."""
    from PIL import Image, ImageDraw, ImageFont

    size = 48
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=9, fill=colors.light["primary-darker"])
    draw.text(
        (size / 2, size / 2 + 1),
        initial(name),
        font=ImageFont.truetype(font, 30),
        fill=colors.light["on-dark"],
        anchor="mm",
    )
    out = io.BytesIO()
    image.save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def share_card_colors(colors: Palette) -> dict[str, str]:
    """The share cards' colours (``SHARE_CARD_COLORS``) from the palette: the header's."""
    return {
        "background": colors.light["primary-darker"],
        "title": colors.light["on-dark"],
        "site": colors.light["on-dark-muted"],
        "accent": colors.light["focus"],
    }


def palette_file(css: str, folder: str) -> str:
    """``css`` kept as ``folder/palette-<hash>.css`` (written once, whole) for the stylesheet
    to be made from: its path."""
    path = os.path.join(folder, f"palette-{hashlib.sha256(css.encode()).hexdigest()[:16]}.css")
    if not os.path.isfile(path):
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".palette-", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(css)
        os.replace(temporary, path)
    return path
