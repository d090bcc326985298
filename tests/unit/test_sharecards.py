"""Share cards (mep_kit.images.sharecards): 1200x630, in the theme's colours, deterministic and
cached; a cover image is cropped to fit with its metadata gone."""

from __future__ import annotations

import io
import json
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from photos import phone_photo
from PIL import Image, ImageChops, ImageDraw

from mep_kit.images import sharecards
from mep_kit.images.cache import ImageCache
from mep_kit.images.pipeline import ImageError
from mep_kit.images.sharecards import DEFAULTS, ShareCardStyle, share_card, wrap
from support import run_fresh

TITLE = "Generated Machine Shop Cuts Setup Time and Wins a New Aerospace Contract with Lean Cells"
STYLE = ShareCardStyle()


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def pixels_of(image: Image.Image, colour, box=None) -> int:
    region = image.convert("RGB").crop(box or (0, 0, image.width, image.height))
    return sum(count for count, value in region.getcolors(region.width * region.height) if value == colour)


def test_a_drawn_card(tmp_path):
    card = share_card(ImageCache(tmp_path), title=TITLE, site_name="Fixture MEP", metric="$2.4 million in new sales")
    assert (card.format, card.width, card.height) == ("png", 1200, 630)
    with Image.open(card.path) as image:
        assert image.format == "PNG" and image.size == (1200, 630) and not image.info.get("icc_profile")
        assert image.mode == "P"  # a palette: one byte a pixel
        colours = {role: rgb(value) for role, value in DEFAULTS["SHARE_CARD_COLORS"].items()}
        assert image.convert("RGB").getpixel((600, 625)) == colours["background"]
        assert image.convert("RGB").getpixel((4, 315)) == colours["accent"]
        assert pixels_of(image, colours["site"], (60, 60, 400, 120)) > 500  # the center's name
        assert pixels_of(image, colours["accent"], (72, 130, 168, 136)) == 96 * 6  # the bar under it
        assert pixels_of(image, colours["title"], (60, 170, 1140, 460)) > 10_000  # the title's letters
        assert pixels_of(image, colours["accent"], (60, 480, 1140, 600)) > 2_000  # the metric's
        assert pixels_of(image, colours["background"], (20, 0, 1200, 60)) == 1180 * 60  # nothing above the name


def test_without_a_metric_the_card_has_no_metric_line(tmp_path):
    card = share_card(ImageCache(tmp_path), title="Short title", site_name="Fixture MEP", metric=None)
    with Image.open(card.path) as image:
        assert pixels_of(image, rgb(DEFAULTS["SHARE_CARD_COLORS"]["accent"]), (60, 480, 1140, 600)) == 0


def rgb_drawing(title, site_name, metric, style):
    """The same layout drawn as the cards were before they had a palette: on an RGB image."""
    card = Image.new("RGB", (style.width, style.height), style.color("background"))
    draw = ImageDraw.Draw(card)
    boxes, site_lines = sharecards.frame_layout(site_name, style)
    for role, box in boxes:
        draw.rectangle(box, fill=style.color(role))
    for line in site_lines + sharecards.post_layout(title, metric, style):
        draw.text(line.xy, line.text, font=sharecards._font(style.font, line.size), fill=style.color(line.role))
    return card


CONTRAST = ShareCardStyle(
    600, 315, (("background", "#ffffff"), ("title", "#000000"), ("site", "#ff0000"), ("accent", "#0000ff"))
)


@pytest.mark.parametrize(
    "title,site_name,metric,style",
    [
        (TITLE, "Fixture MEP", "$2.4 million in new sales", STYLE),
        ("Short title", "Fixture MEP", None, STYLE),
        (
            "Ægir & Sons: “Lean” cuts lead time 40% — again",
            "Fixture MEP",
            "12 jobs created or retained and 3 new hires",
            STYLE,
        ),
        ("word " * 200, "Fixture MEP", "x" * 300, STYLE),  # cut short by an ellipsis, the metric broken between letters
        # Black on white shows every shade; the center's name ends in a glyph whose antialiasing
        # Pillow's draw.textbbox on a "P" image leaves out.
        (TITLE, "Manufacturing Extension Partnership of Ŷ", "12 jobs", CONTRAST),
        ("Ǻngström ÀÉÎÕÜ gjpqy", "Ǻ gjpqy", "ǺÅ gjpqy ÇŞ ẫ", ShareCardStyle(2400, 1260)),
    ],
)
def test_the_palette_card_looks_like_an_rgb_drawing_of_its_layout(title, site_name, metric, style):
    card = sharecards.drawn_card(title, site_name, metric, style)
    assert card.mode == "P" and card.size == (style.width, style.height)
    difference = ImageChops.difference(card.convert("RGB"), rgb_drawing(title, site_name, metric, style))
    assert max(high for _, high in difference.getextrema()) <= 2  # each shade of the antialiasing, to 2 levels
    png = sharecards.card_png(sharecards.draw_post(title, metric, site_name, style), site_name, style)
    with Image.open(io.BytesIO(png)) as decoded:  # the PNG, made of the frame's rows and the post's bands
        assert decoded.size == card.size and decoded.tobytes() == card.tobytes()


def idat(png: bytes) -> bytes:
    chunks, at = [], 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        data = png[at + 8 : at + 8 + length]
        assert struct.unpack(">I", png[at + 8 + length : at + 12 + length])[0] == zlib.crc32(kind + data)
        chunks.append((kind, data))
        at += 12 + length
    assert [kind for kind, _ in chunks] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    return chunks[2][1]


def test_the_png_holds_the_card_and_its_bytes_do_not_depend_on_what_was_cached():
    card = sharecards.drawn_card(TITLE, "Fixture MEP", "12 jobs", STYLE)
    png = sharecards.card_png(sharecards.draw_post(TITLE, "12 jobs", "Fixture MEP", STYLE), "Fixture MEP", STYLE)
    assert len(zlib.decompress(idat(png))) == 630 * (1 + 1200)  # zlib checks the Adler-32 too
    with Image.open(io.BytesIO(png)) as decoded:
        assert decoded.mode == "P" and decoded.getpalette() == card.getpalette()
        assert decoded.tobytes() == card.tobytes()
    for cached in (
        sharecards._frame,
        sharecards._frame_rows,
        sharecards._frame_piece,
        sharecards._repeated,
        sharecards._glyph_rows,
    ):
        cached.cache_clear()
    assert (
        sharecards.card_png(sharecards.draw_post(TITLE, "12 jobs", "Fixture MEP", STYLE), "Fixture MEP", STYLE) == png
    )
    # No larger than the RGB card at zlib's default level that it replaces.
    rgb_png = io.BytesIO()
    rgb_drawing(TITLE, "Fixture MEP", "12 jobs", STYLE).save(rgb_png, "PNG", compress_level=6)
    assert len(png) < len(rgb_png.getvalue())


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="AVgjpqy.,'\"-—…$%019 éÅǺŶẫÇ中😀\u0301_|()", min_size=1, max_size=30),
    st.sampled_from((16, 32, 38, 68)),
)
def test_a_band_holds_every_row_of_its_line(text, size):
    # Bands are worked out from each character's rows, measured once, not the line's.
    line = sharecards.Line("accent", (72, 300), text, size)
    top, bottom = sharecards._rows([line], STYLE.font)
    _, ink_top, _, ink_bottom = sharecards._font(STYLE.font, size).getbbox(text)
    assert top <= 300 + ink_top and 300 + ink_bottom <= bottom


def test_bands_that_meet_are_drawn_as_one():
    title, metric = (
        sharecards.Line("title", (72, 300), "Title", 68),
        sharecards.Line("accent", (72, 340), "12 jobs", 38),
    )
    (band,) = sharecards._bands([title, metric], STYLE)
    assert band[:2] == (sharecards._rows([title], STYLE.font)[0], sharecards._rows([metric], STYLE.font)[1])
    assert band[2] == [title, metric]
    apart = sharecards._bands([title, metric._replace(xy=(72, 500))], STYLE)
    assert [lines for _, _, lines in apart] == [[title], [metric._replace(xy=(72, 500))]]


@given(st.binary(max_size=300), st.binary(max_size=300))
def test_adler32_of_two_pieces(first, second):
    combined = sharecards.adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
    assert combined == zlib.adler32(first + second)


def test_cards_are_deterministic_and_cached(tmp_path, monkeypatch):
    made = [
        share_card(ImageCache(tmp_path / name), title=TITLE, site_name="Fixture MEP", metric="12 jobs")
        for name in ("a", "b")
    ]
    assert made[0].path.read_bytes() == made[1].path.read_bytes()

    def no_drawing(*args, **kwargs):
        raise AssertionError("a cached card was drawn again")

    monkeypatch.setattr(sharecards, "draw_post", no_drawing)
    warm = share_card(ImageCache(tmp_path / "a"), title=TITLE, site_name="Fixture MEP", metric="12 jobs")
    assert warm == made[0]
    with pytest.raises(AssertionError, match="drawn again"):  # a new title is a new card
        share_card(ImageCache(tmp_path / "a"), title=TITLE + " Again", site_name="Fixture MEP", metric="12 jobs")


def test_a_cover_image_is_cropped_to_fill_the_card_without_its_metadata(tmp_path):
    cover = phone_photo(2000, 1500, seed=4, orientation=6)
    card = share_card(
        ImageCache(tmp_path), title=TITLE, site_name="Fixture MEP", cover=cover, cover_name="images/cover.jpg"
    )
    data = card.path.read_bytes()
    assert (card.format, card.width, card.height) == ("jpeg", 1200, 630)
    for marker in (b"Exif", b"GPS", b"Test Phone", b"ICC_PROFILE", b"http://ns.adobe.com/xap"):
        assert marker not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 630) and not image.getexif()
    again = share_card(
        ImageCache(tmp_path / "other"),
        title="Another title",
        site_name="Fixture MEP",
        cover=cover,
        cover_name="images/cover.jpg",
    )
    assert again.path.read_bytes() == data  # the cover alone makes the card


def test_a_bad_cover_is_refused_with_its_name(tmp_path):
    with pytest.raises(ImageError, match=r"^images/cover\.jpg: is not an image the build can read"):
        share_card(
            ImageCache(tmp_path),
            title=TITLE,
            site_name="Fixture MEP",
            cover=b"not a picture",
            cover_name="images/cover.jpg",
        )


def test_long_titles_wrap_within_the_card():
    font = sharecards._font(STYLE.font, 68)
    lines = wrap("Supercalifragilisticexpialidociousmanufacturingexcellence and more words " * 3, font, 1056)
    assert len(lines) > 3 and all(font.getlength(line) <= 1056 for line in lines)
    _, fitted, _ = sharecards.fit_title("word " * 200, STYLE.font, 1056, 300, (68, 42))
    assert len(fitted) <= 4 and fitted[-1].endswith("\u2026")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AVTWYLoaeyrv.,'\"-–—…$%019 éÅÆßñ中😀\u0301ﬁ", max_size=40), st.sampled_from((32, 38, 42, 68)))
def test_text_width_is_pillows_length(text, size):
    # Fitting a title adds up advances and kerning pairs instead of asking Pillow each time:
    # with the basic layout engine that sum is exactly Pillow's length, kerned pairs included.
    font = sharecards._font(STYLE.font, size)
    assert sharecards.text_width(text, font) == font.getlength(text)


def test_a_line_grown_word_by_word_is_measured_like_the_whole_line():
    font = sharecards._font(STYLE.font, 62)
    lines = wrap("AVAILABLE TOYOTA-WAY Training: “Lean” yields $2.4M… at Ægir & Co", font, 500)
    assert len(lines) > 1
    for line, following in zip(lines, lines[1:] + [None], strict=False):
        assert font.getlength(line) <= 500
        if following is not None:  # the next word would not have fitted, by Pillow's measure
            assert font.getlength(f"{line} {following.split()[0]}") > 500


@pytest.mark.parametrize(
    "settings,expected",
    [
        (
            {"SHARE_CARD_COLORS": {"background": "navy-ish"}},
            r"SHARE_CARD_COLORS\['background'\]: expected a CSS colour",
        ),
        ({"SHARE_CARD_SIZE": (1200,)}, r"SHARE_CARD_SIZE: expected \(width, height\)"),
        ({"SHARE_CARD_FONT": "/nonexistent/font.ttf"}, r"SHARE_CARD_FONT: expected a TrueType or OpenType font file"),
        ({"SHARE_CARD_JPEG_QUALITY": 0}, r"SHARE_CARD_JPEG_QUALITY: expected a whole number from 1 to 100"),
    ],
)
def test_bad_settings_are_named(settings, expected):
    with pytest.raises(ValueError, match=expected):
        ShareCardStyle.from_settings(settings)


#: Makes the cards ahead in a new process (forking is refused where other threads run, as
#: the browser tier's do in the whole suite) and prints how many it made.
MAKE_IN_A_FRESH_PROCESS = """
import json, sys
from mep_kit.images import sharecards
from mep_kit.images.cache import ImageCache
requests = json.loads(sys.argv[2])
print(sharecards.make_ahead(ImageCache(sys.argv[1]), requests, processes=2), sharecards.make_ahead(ImageCache(sys.argv[1]), requests, processes=2))
"""


def test_cards_made_ahead_in_forked_processes_are_the_cards_made_here(tmp_path, monkeypatch):
    requests = [
        {
            "title": f"Case study number {n} cut its setup time",
            "site_name": "Fixture MEP",
            "metric": f"{n} jobs" if n % 2 else None,
        }
        for n in range(40)
    ]
    here = ImageCache(tmp_path / "here")
    expected = [share_card(here, **request) for request in requests]
    made = run_fresh(MAKE_IN_A_FRESH_PROCESS, tmp_path / "ahead", json.dumps(requests))
    assert made.stdout.split() == ["40", "0"], "all 40 made ahead, then none left to make"

    def drawn(*args, **kwargs):
        raise AssertionError("a card made ahead was drawn again")

    monkeypatch.setattr(sharecards, "card_png", drawn)
    ahead = [share_card(ImageCache(tmp_path / "ahead"), **request) for request in requests]
    assert [(card.sha256, card.size) for card in ahead] == [(card.sha256, card.size) for card in expected]


def test_a_few_cards_or_one_process_are_made_here(tmp_path):
    requests = [{"title": f"Post {n}", "site_name": "Fixture MEP"} for n in range(40)]
    assert sharecards.make_ahead(ImageCache(tmp_path), requests[:5], processes=2) == 0
    assert sharecards.make_ahead(ImageCache(tmp_path), requests, processes=1) == 0
    assert not list(tmp_path.rglob("*.png"))


def test_cached_card_finds_the_card_share_card_made_and_makes_none(tmp_path):
    cache = ImageCache(tmp_path)
    request = {"title": "A case study cut its setup time", "site_name": "Fixture MEP", "metric": "12 jobs"}
    assert sharecards.cached_card(cache, **request) is None
    assert not list(tmp_path.rglob("*.png")), "looking up makes nothing"
    made = share_card(cache, **request)
    assert sharecards.cached_card(cache, **request, image_settings=None) == made
    assert sharecards.cached_card(cache, **{**request, "metric": "13 jobs"}) is None
