"""<picture> data and the rewrite of rendered <img> elements (mep_kit.images.picture), read back
with BeautifulSoup as a browser would read them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from photos import phone_photo
from PIL import Image

from mep_kit.images.cache import ImageCache, process_images
from mep_kit.images.picture import DEFAULT_SIZES, find_images, picture_html, picture_of, rewrite_images
from mep_kit.images.pipeline import ImageSettings

SITEURL = "https://fixture-mep.example"


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    """A 2000x1500 phone photo and a 500x250 logo with transparency, processed."""
    logo = Image.new("RGBA", (500, 250), (0, 0, 0, 0))
    logo.paste((22, 46, 81, 255), (20, 20, 480, 230))
    out = io.BytesIO()
    logo.save(out, "PNG")
    sources = [("images/shop-floor.jpg", phone_photo(2000, 1500, seed=2)), ("images/logo.png", out.getvalue())]
    return process_images(sources, ImageSettings(), ImageCache(tmp_path_factory.mktemp("cache")))


def url_of(save_as: str) -> str:
    return f"{SITEURL}/{save_as}"


@pytest.mark.slow
def test_picture_data_for_a_photo(cached):
    picture = picture_of(cached["images/shop-floor.jpg"], "images/shop-floor.jpg", url_of)
    assert [s.type for s in picture.sources] == ["image/avif", "image/webp"]
    assert picture.type == "image/jpeg" and (picture.width, picture.height) == (1600, 1200)
    for srcset in [s.srcset for s in picture.sources] + [picture.srcset]:
        entries = [entry.split() for entry in srcset.split(", ")]
        assert [w for _, w in entries] == ["400w", "800w", "1200w", "1600w"]
        assert all(
            re.fullmatch(rf"{SITEURL}/images/shop-floor-\d+w\.[0-9a-f]{{10}}\.(avif|webp|jpg)", url)
            for url, _ in entries
        )
    assert re.fullmatch(rf"{SITEURL}/images/shop-floor-800w\.[0-9a-f]{{10}}\.jpg", picture.src)
    assert picture.sizes == DEFAULT_SIZES
    # Every URL of the picture is a file to write, and each file comes from the cache.
    urls = {
        url
        for srcset in [s.srcset for s in picture.sources] + [picture.srcset]
        for url, _ in (e.split() for e in srcset.split(", "))
    }
    assert {url_of(f.save_as) for f in picture.files} == urls and len(picture.files) == 12
    assert all(Path(f.path).is_file() for f in picture.files)


@pytest.mark.slow
def test_a_logo_with_transparency_falls_back_to_png(cached):
    picture = picture_of(cached["images/logo.png"], "images/logo.png", url_of)
    assert picture.type == "image/png" and (picture.width, picture.height) == (500, 250)
    assert picture.src.endswith(".png") and "500w" in picture.srcset


@pytest.mark.slow
def test_picture_html_escapes_what_the_writer_wrote(cached):
    picture = picture_of(cached["images/shop-floor.jpg"], "images/shop-floor.jpg", url_of)
    alt = 'The "new" cell <script>alert(1)</script> & more'
    html = picture_html(picture, alt, attrs={"title": 'x" onerror="alert(1)', "class": "wide"})
    soup = BeautifulSoup(html, "html.parser")
    img = soup.picture.img
    assert img["alt"] == alt and img["title"] == 'x" onerror="alert(1)' and not img.has_attr("onerror")
    assert soup.find("script") is None
    assert img["loading"] == "lazy" and img["decoding"] == "async" and not img.has_attr("fetchpriority")
    assert (img["width"], img["height"]) == ("1600", "1200")


BODY = (
    "<p>Before the <em>first</em> image &amp; after.</p>\n"
    f'<p><img alt="Operators at the new cell" src="{SITEURL}/images/shop-floor.jpg" title="The cell"></p>\n'
    f'<pre><code>&lt;img src="{SITEURL}/images/shop-floor.jpg"&gt;</code></pre>\r\n'
    f'<script type="application/json">{{"x": "<img src=\'{SITEURL}/images/shop-floor.jpg\'>"}}</script>\n'
    f'<!-- <img src="{SITEURL}/images/shop-floor.jpg"> -->\n'
    '<p><img src="https://example.com/elsewhere.jpg" alt="Hosted elsewhere"></p>\n'
    f'<picture><source srcset="{SITEURL}/a.avif" type="image/avif"><img src="{SITEURL}/images/shop-floor.jpg" alt="done"></picture>\n'
    f'<p>Logo: <IMG SRC="{SITEURL}/images/logo.png" ALT="Client logo" class="logo" /> end.</p>\n'
)


def resolver(cached):
    def resolve(tag):
        name = (tag.get("src") or "").removeprefix(f"{SITEURL}/")
        return picture_of(cached[name], name, url_of) if name in cached else None

    return resolve


@pytest.mark.slow
def test_rewrite_turns_local_images_into_pictures_and_leaves_every_other_byte(cached):
    out = rewrite_images(BODY, resolver(cached), priority_first=True)
    pictures = re.findall(r"<picture><source type=.*?</picture>", out)
    assert len(pictures) == 2
    # Outside the two new <picture> elements, the text is the original less its two <img> tags.
    tags = [t for t in find_images(BODY) if not t.in_picture and "example.com" not in (t.get("src") or "")]
    expected = BODY[: tags[0].start] + BODY[tags[0].end : tags[1].start] + BODY[tags[1].end :]
    assert re.sub(r"<picture><source type=.*?</picture>", "", out) == expected
    assert "\r\n" in out and "&lt;img" in out and "<!-- <img" in out


@pytest.mark.slow
def test_rewrite_sets_priority_on_the_first_image_and_lazy_loading_on_the_rest(cached):
    soup = BeautifulSoup(rewrite_images(BODY, resolver(cached), priority_first=True), "html.parser")
    first, logo = [p.img for p in soup.find_all("picture") if p.source.get("sizes")]
    assert first["fetchpriority"] == "high" and not first.has_attr("loading")
    assert first["alt"] == "Operators at the new cell" and first["title"] == "The cell"
    assert first.parent.find_all("source")[0]["type"] == "image/avif"
    assert logo["loading"] == "lazy" and logo["decoding"] == "async" and logo["class"] == ["logo"]
    assert logo["alt"] == "Client logo" and logo["src"].endswith(".png")
    external = soup.find("img", src="https://example.com/elsewhere.jpg")
    assert external.parent.name == "p" and not external.has_attr("loading")  # left as it was


@pytest.mark.slow
def test_rewrite_without_priority_makes_every_image_lazy(cached):
    soup = BeautifulSoup(rewrite_images(BODY, resolver(cached)), "html.parser")
    rewritten = [p.img for p in soup.find_all("picture") if p.source.get("sizes")]
    assert [img.get("loading") for img in rewritten] == ["lazy", "lazy"]
    assert not any(img.has_attr("fetchpriority") for img in rewritten)


@pytest.mark.slow
def test_an_image_without_alt_text_keeps_no_alt(cached):
    out = rewrite_images(f'<p><img src="{SITEURL}/images/logo.png"></p>', resolver(cached))
    assert not BeautifulSoup(out, "html.parser").img.has_attr("alt")


def test_find_images_reports_lines():
    tags = find_images('<p>a</p>\n<p>b</p>\n\n<img src="x.png" alt="x">\n<img src=y.png>')
    assert [(t.line, t.get("src")) for t in tags] == [(4, "x.png"), (5, "y.png")]
