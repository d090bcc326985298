"""mep_kit.core.brand: the palette made from the brand's colours, its contrast, the favicon."""

from __future__ import annotations

import io

import pytest
from coloraide import Color
from PIL import Image

from mep_kit.core.brand import (
    PAIRS,
    BrandError,
    contrast,
    contrast_problems,
    favicon_ico,
    favicon_svg,
    initial,
    palette,
    palette_css,
    palette_file,
)
from mep_kit.images.sharecards import DEFAULTS as CARD_DEFAULTS
from mep_kit.settings import apply, validate

GOOD = {"CENTER": {"name": "Pine State MEP", "state": "Maine"}, "SERVICE_LINES": {"Lean": "Less waste."}}


@pytest.mark.parametrize(
    "primary", ["#005ea2", "#0b6e4f", "#6a1b9a", "#c8102e", "#000000", "#1d4f91", "navy", "rgb(120 30 40)"]
)
def test_a_dark_enough_brand_colour_gives_a_palette_that_meets_wcag_aa_in_both_schemes(primary):
    colors = palette(primary)
    assert contrast_problems(colors) == []
    for tokens in (colors.light, colors.dark):
        for what, foregrounds, background, least in PAIRS:
            best = max(
                contrast(tokens[name], tokens[background])
                for name in ((foregrounds,) if isinstance(foregrounds, str) else foregrounds)
            )
            assert best >= least, (primary, what)


def test_the_palette_keeps_the_brands_hue_and_its_own_colour_for_links():
    colors = palette("#0b6e4f")
    assert colors.light["primary"] == "#0b6e4f"
    hue = Color("#0b6e4f").convert("oklch")["hue"]
    for token in ("primary-dark", "primary-darker"):
        assert abs(Color(colors.light[token]).convert("oklch")["hue"] - hue) < 12, token
    assert Color(colors.dark["primary"]).luminance() > Color(colors.light["primary"]).luminance(), (
        "lighter links in the dark scheme"
    )


@pytest.mark.parametrize(
    ("primary", "accent", "field", "what"),
    [
        (
            "#a0c4ff",
            None,
            "primary",
            "links: #a0c4ff on #ffffff in the light scheme has a contrast of 1.77:1; expected at least 4.5:1 (WCAG AA)",
        ),
        ("#ffd200", None, "primary", "links: #ffd200 on #ffffff in the light scheme has a contrast of 1.45:1"),
        (
            "#00843d",
            None,
            "primary",
            "links on panels: #00843d on #f1f4f7 in the light scheme has a contrast of 4.36:1",
        ),
        (
            "#005ea2",
            "#1b1b1b",
            "accent",
            "text on the focus highlight: #0b0c0c on #1b1b1b in the light scheme has a contrast of 1.14:1",
        ),
    ],
)
def test_a_pair_below_aa_is_named_with_its_colours_and_ratio(primary, accent, field, what):
    found = contrast_problems(palette(primary, accent))
    assert any(f == field and message.startswith(what) for f, message in found), found


def test_no_colour_is_a_brand_error():
    with pytest.raises(BrandError, match=r"^'primary': expected a CSS colour such as #005ea2, got 'blueish'$"):
        palette("blueish")
    with pytest.raises(BrandError, match="opaque"):
        palette("#005ea280")


def test_the_brand_setting_is_checked_when_pelican_starts():
    assert validate({**GOOD, "BRAND": {"primary": "#005ea2"}}) == []
    messages = [
        p.message
        for p in validate(
            {**GOOD, "BRAND": {"primary": "#e87722", "colour": "red", "logo": "https://example.org/x.png"}}
        )
    ]
    assert messages == [
        "BRAND: unknown key 'colour'; expected one of: primary, accent, logo",
        "BRAND: 'logo': 'https://example.org/x.png' is an address, not a file; put the image under content/images/ and give its path, "
        "expected a path from the content folder such as 'images/acme-logo.png'",
    ]
    messages = [p.message for p in validate({**GOOD, "BRAND": {"primary": "#e87722"}})]
    assert messages[0].startswith(
        "BRAND: 'primary' #e87722: links: #e87722 on #ffffff in the light scheme has a contrast of 2.96:1"
    )
    assert validate({**GOOD, "BRAND": "#005ea2"})[0].message.startswith("BRAND: expected a dict")
    assert validate({**GOOD, "BRAND": {}})[0].message == "BRAND: 'primary': required"


def test_share_cards_take_the_brands_colours_unless_the_center_set_its_own():
    settings = {**GOOD, "BRAND": {"primary": "#6a1b9a"}}
    assert apply(settings) == []
    assert settings["SHARE_CARD_COLORS"]["background"] == palette("#6a1b9a").light["primary-darker"]
    own = {"background": "#000000", "title": "#ffffff", "site": "#eeeeee", "accent": "#ffbf47"}
    settings = {**GOOD, "BRAND": {"primary": "#6a1b9a"}, "SHARE_CARD_COLORS": own}
    assert apply(settings) == [] and settings["SHARE_CARD_COLORS"] == own
    assert CARD_DEFAULTS["SHARE_CARD_COLORS"]["background"] == palette("#005ea2").light["primary-darker"]


def test_the_palette_is_css_custom_properties_for_both_schemes(tmp_path):
    css = palette_css(palette("#005ea2"))
    light, dark = css.split("@media screen and (prefers-color-scheme: dark)")
    assert "--color-primary: #005ea2;" in light and "--color-on-primary: #0b0c0c;" in dark
    path = palette_file(css, str(tmp_path / "brand"))
    assert open(path, encoding="utf-8").read() == css
    assert palette_file(css, str(tmp_path / "brand")) == path, "the same palette, the same file"


def test_the_favicon_is_the_centers_initial_on_its_deep_colour():
    colors = palette("#0b6e4f")
    assert initial("3M Center") == "3" and initial("  pine state") == "P" and initial("") == "M"
    svg = favicon_svg("<Pine & State>", colors)
    assert f'fill="{colors.light["primary-darker"]}"' in svg and ">P</text>" in svg
    from mep_kit.images.sharecards import FONT

    data = favicon_ico("Pine State MEP", colors, str(FONT))
    assert data == favicon_ico("Pine State MEP", colors, str(FONT)), "the same bytes every build"
    with Image.open(io.BytesIO(data)) as icon:
        assert icon.format == "ICO" and (48, 48) in icon.info["sizes"]
        icon.size = (48, 48)
        corner, middle = icon.convert("RGB").getpixel((24, 2)), icon.convert("RGB").getpixel((2, 24))
        assert Color("srgb", [c / 255 for c in corner]).delta_e(colors.light["primary-darker"]) < 2
        assert middle == corner
