"""Images through the whole build: a writer's phone photo in a copy of the site, built with
`invoke preview` as it would be published, and bad images refused by `invoke check` and the
build with their file and line.

The photo is generated (tests/photos.py): 4000x3000, stored sideways with EXIF orientation 6,
GPS coordinates in EXIF and XMP. It is built once per module (the encoding is the costly part).
"""

from __future__ import annotations

import filecmp
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from photos import MARKER, phone_photo
from PIL import Image

from support import PRODUCTION_URL, copy_project, invoke

CASE_STUDY = "content/case-studies/bravo.md"
ARTICLE = "content/articles/news.md"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}
COVER_ALT = "Supervisors walking the shop floor between two rows of machines"
BODY_ALT = "A supervisor and an operator at a lathe"
ARTICLE_ALT = "A small shop's loading dock"


def add_front_matter(path: Path, *lines: str) -> None:
    """Insert front-matter lines after the title line."""
    text = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([text[0], *lines, *text[1:]]), encoding="utf-8")


def add_paragraph(path: Path, paragraph: str) -> None:
    """Insert a paragraph as the body's first (after the front matter's blank line)."""
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n\n", 1)
    path.write_text(f"{head}\n\n{paragraph}\n\n{body}", encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def tree(folder: Path, ignore=("pagefind",)) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes), but Pagefind's index, whose
    file names are random on each run."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] not in ignore
    }


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """A copy of the site with the phone photo as a case study's cover and in its body, and a
    small oriented photo in an article's body; built twice by `invoke preview` (a cold cache,
    then a warm one). Yields (project, cold output, warm run's timings)."""
    project = copy_project(tmp_path_factory.mktemp("images") / "site")
    images = project / "content" / "images"
    images.mkdir(exist_ok=True)
    photo = phone_photo(4000, 3000, seed=1)
    (images / "shop-floor.jpg").write_bytes(photo)
    (images / "loading-dock.jpg").write_bytes(phone_photo(900, 600, seed=2, orientation=8))
    add_front_matter(project / CASE_STUDY, "Cover: images/shop-floor.jpg", f"Cover_alt: {COVER_ALT}")
    add_paragraph(project / CASE_STUDY, f"![{BODY_ALT}]({{static}}/images/shop-floor.jpg)")
    add_paragraph(
        project / ARTICLE,
        f"![{ARTICLE_ALT}]({{static}}/images/loading-dock.jpg)\n\nAnd a second look: ![{ARTICLE_ALT}, again]({{static}}/images/loading-dock.jpg)\n\n[The photo, full size]({{static}}/images/loading-dock.jpg)",
    )
    # A photo no post shows, committed as a phone writes it (GPS included).
    (images / "unused.jpg").write_bytes(phone_photo(1200, 900, seed=3, orientation=6))

    started = time.perf_counter()
    cold = invoke(project, "preview", SITEURL=PRODUCTION_URL)
    cold_seconds = time.perf_counter() - started
    assert cold.returncode == 0, cold.stdout + cold.stderr
    first = tmp_path_factory.mktemp("cold") / "output"
    shutil.copytree(project / "output", first)

    started = time.perf_counter()
    warm = invoke(project, "preview", SITEURL=PRODUCTION_URL)
    warm_seconds = time.perf_counter() - started
    assert warm.returncode == 0, warm.stdout + warm.stderr
    print(f"\nimage site: cold build {cold_seconds:.1f} s, warm build {warm_seconds:.1f} s")
    return {
        "project": project,
        "output": project / "output",
        "cold": first,
        "photo": photo,
        "logs": (cold.stdout + cold.stderr, warm.stdout + warm.stderr),
    }


def soup_of(output: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((output / relative / "index.html").read_text(encoding="utf-8"), "html.parser")


def local(output: Path, url: str) -> Path:
    """The output file of one of the site's absolute URLs."""
    assert url.startswith(PRODUCTION_URL + "/"), url
    return output / urlsplit(url).path.lstrip("/")


def candidates(srcset: str) -> list[tuple[str, int]]:
    found = []
    for part in srcset.split(","):
        url, width = part.split()
        found.append((url, int(width.rstrip("w"))))
    return found


def test_the_phone_photo_is_served_as_responsive_pictures(photo_site):
    output = photo_site["output"]
    soup = soup_of(output, "bravo")
    pictures = soup.select("main article.post picture")
    assert len(pictures) >= 2  # the cover and the body's photo
    for picture in pictures:
        img = picture.find("img")
        types = [source["type"] for source in picture.find_all("source")]
        assert types == ["image/avif", "image/webp"], types
        assert int(img["width"]) > int(img["height"]) > 0  # upright: the photo is landscape
        assert img["sizes"]
        for srcset in [img["srcset"], *(source["srcset"] for source in picture.find_all("source"))]:
            found = candidates(srcset)
            assert len(found) >= 3, srcset
            assert max(width for _, width in found) == int(img["width"]) == 1600
            for url, width in found:
                path = local(output, url)
                assert path.is_file(), url
                with Image.open(path) as image:
                    assert image.width == width and image.width > image.height, (url, image.size)
                    if width == 1600:
                        assert path.stat().st_size <= 200_000, (url, path.stat().st_size)
        assert local(output, img["src"]).is_file()


def test_loading_first_image_high_priority_others_lazy(photo_site):
    output = photo_site["output"]
    soup = soup_of(output, "bravo")
    cover, body = soup.select("main article.post picture img")[:2]
    assert cover["alt"] == COVER_ALT and body["alt"] == BODY_ALT
    assert cover.get("fetchpriority") == "high" and "loading" not in cover.attrs
    assert body.get("loading") == "lazy" and body.get("decoding") == "async" and "fetchpriority" not in body.attrs

    first, second = soup_of(output, "news").select("main article.post .post__body picture img")
    assert first.get("fetchpriority") == "high" and "loading" not in first.attrs  # no cover above it
    assert second.get("loading") == "lazy" and second["alt"] == f"{ARTICLE_ALT}, again"
    # The small photo: never upscaled, stored sideways (orientation 8) and shown upright.
    assert int(first["width"]) == 900 and int(first["height"]) == 600

    card = soup_of(output, "posts").find("a", href=f"{PRODUCTION_URL}/bravo/").find_parent("article")
    img = card.select_one(".card__media picture img")
    assert img["sizes"] == "6rem" and img["alt"] == COVER_ALT and img.get("loading") == "lazy"


def test_upright_and_private(photo_site):
    output = photo_site["output"]
    published = [path for path in output.rglob("*") if path.is_file()]
    image_files = [path for path in published if path.suffix.lower() in IMAGE_SUFFIXES]
    assert len(image_files) >= 12
    for path in image_files:
        data = path.read_bytes()
        assert b"GPS" not in data and b"Exif" not in data and b"xmpmeta" not in data, path
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "xmp" not in image.info and "icc_profile" not in image.info, path
    # Nothing published is the photo as committed, under its name or any other.
    photo = photo_site["photo"]
    assert not (output / "images" / "shop-floor.jpg").exists()
    assert not any(path.stat().st_size == len(photo) and path.read_bytes() == photo for path in published)
    # Upright: the red marker of the scene's top-left corner is at the top left.
    smallest = min(output.glob("images/shop-floor-400w.*.jpg"))
    with Image.open(smallest) as image:
        assert image.size == (400, 300)
        red, green, blue = image.convert("RGB").getpixel((10, 10))
        assert red > 150 and green < 100 and blue < 100, (red, green, blue)
        assert abs(red - MARKER[0]) < 60


def test_every_post_has_a_share_card(photo_site):
    output = photo_site["output"]
    posts = 0
    for page in sorted(output.rglob("index.html")):
        if page.relative_to(output).parts[0] == "admin":
            continue  # the writers' editor, not a page of the site
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}) is not None:
            continue
        meta = {
            tag.get("property") or tag.get("name"): tag["content"]
            for tag in soup.find_all("meta")
            if tag.get("content") is not None
        }
        assert meta["twitter:card"] == "summary_large_image", page
        assert meta["twitter:image"] == meta["og:image"], page
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630"), page
        assert meta["og:image:alt"].strip(), page
        card = local(output, meta["og:image"])
        with Image.open(card) as image:
            assert image.size == (1200, 630), page
        posts += soup.select_one("main article.post") is not None
    assert posts >= 4, "the fixture site publishes four posts in production (alpha, bravo, charlie, news)"
    cover_card = soup_of(output, "bravo").find("meta", property="og:image")["content"]
    with Image.open(local(output, cover_card)) as image:
        assert image.format == "JPEG"  # the cover, cropped, not a drawn card
        assert image.getpixel((10, 10))[0] > 150  # the scene's top-left marker (upright)


def test_a_warm_build_writes_the_same_bytes_as_a_cold_one(photo_site):
    cold, warm = tree(photo_site["cold"]), tree(photo_site["output"])
    assert sorted(cold) == sorted(warm)
    different = [name for name in cold if cold[name] != warm[name]]
    assert not different, different
    assert any(name.endswith(".avif") for name in warm)
    # The cache is the project's own .cache/images.
    assert any((photo_site["project"] / ".cache" / "images").rglob("*.avif"))
    assert filecmp.cmp(
        photo_site["cold"] / "bravo" / "index.html", photo_site["output"] / "bravo" / "index.html", shallow=False
    )


# --- bad images: file:line in `invoke check` and the build, output/ untouched ------------------


def broken_jpeg() -> bytes:
    photo = phone_photo(320, 240, seed=3, gps=False)
    return photo[: len(photo) * 2 // 3]  # a whole header, a third of the pixels lost


SCRIPT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10"/></svg>'


def body_image(alt: str, name: str):
    def change(project: Path) -> tuple[str, str]:
        line = f"![{alt}]({{static}}/images/{name})"
        add_paragraph(project / CASE_STUDY, line)
        return line, name

    return change


def field_image(field: str, value: str, alt_field: str):
    def change(project: Path) -> tuple[str, str]:
        add_front_matter(project / CASE_STUDY, f"{field}: images/{value}", f"{alt_field}: Something plain")
        return f"{field}: images/{value}", value

    return change


BAD = {
    "missing-body-image": (
        {},
        body_image("A photo", "missing.jpg"),
        "image '/images/missing.jpg': nothing on the site",
    ),
    "missing-cover": (
        {},
        field_image("Cover", "missing.jpg", "Cover_alt"),
        "cover: file 'images/missing.jpg' not found",
    ),
    "corrupt-photo": (
        {"broken.jpg": broken_jpeg()},
        body_image("A photo", "broken.jpg"),
        "image: images/broken.jpg: is damaged",
    ),
    "not-an-image": (
        {"notes.png": b"just some text, not a PNG"},
        field_image("Cover", "notes.png", "Cover_alt"),
        "cover: images/notes.png: is not an image",
    ),
    "svg-logo-with-script": (
        {"acme.svg": SCRIPT_SVG},
        field_image("Logo", "acme.svg", "Logo_alt"),
        "logo: images/acme.svg: has a <script> element",
    ),
    "image-without-alt": (
        {"plain.jpg": phone_photo(320, 240, seed=4, gps=False)},
        body_image("", "plain.jpg"),
        "alt text is empty",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_image_fails_check_and_build_with_its_line(tmp_path, case):
    files, change, message = BAD[case]
    project = copy_project(tmp_path / "site")
    (project / "content" / "images").mkdir(exist_ok=True)
    for name, data in files.items():
        (project / "content" / "images" / name).write_bytes(data)
    written, name = change(project)
    where = f"{CASE_STUDY}:{line_of(project / CASE_STUDY, written)}:"
    good = project / "output"
    good.mkdir()
    (good / "index.html").write_text("the good site", encoding="utf-8")

    checked = invoke(project, "check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    reported = [line for line in checked.stdout.splitlines() if line.startswith(where)]
    assert reported and message in reported[0] and name in reported[0], checked.stdout

    built = invoke(project, "preview", SITEURL=PRODUCTION_URL)
    assert built.returncode != 0
    log = built.stdout + built.stderr
    assert any(line.startswith(where) and message in line for line in log.splitlines()), log
    assert "Traceback" not in log
    assert [path.name for path in good.iterdir()] == ["index.html"]
    assert (good / "index.html").read_text(encoding="utf-8") == "the good site"


def test_no_photo_is_published_as_committed_and_links_lead_to_a_variant(photo_site):
    output = photo_site["output"]
    assert not (output / "images" / "unused.jpg").exists() and not (output / "images" / "loading-dock.jpg").exists()
    article = soup_of(output, "news")
    link = article.find("a", string=lambda text: text and text.startswith("The photo, full"))
    target = local(output, link["href"])
    assert target.is_file() and target.suffix == ".jpg" and "loading-dock" in target.name
    with Image.open(target) as picture:
        assert not picture.getexif()


#: What a page may weigh at first paint: its HTML, its stylesheet and the image it loads
#: with high priority, as a phone (a 412-px-wide screen at 2.625 device pixels per CSS pixel)
#: picks it from the AVIF srcset.
FIRST_PAINT_BUDGET = 250_000
PHONE_PIXELS = 412 * 2.625


def test_first_paint_stays_within_the_page_weight_budget(photo_site):
    output = photo_site["output"]
    page = output / "bravo" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    weight = page.stat().st_size + local(output, soup.find("link", rel="stylesheet")["href"]).stat().st_size
    images = 0
    for img in soup.find_all("img", fetchpriority="high"):
        avif = img.find_parent("picture").find("source", type="image/avif")
        options = sorted(candidates(avif["srcset"]), key=lambda option: option[1])
        url = next((url for url, width in options if width >= PHONE_PIXELS), options[-1][0])
        images += local(output, url).stat().st_size
    assert images > 0, "the cover is loaded at first paint"
    assert weight + images <= FIRST_PAINT_BUDGET, (weight, images)


def test_the_build_says_what_it_made_and_what_it_took_from_the_cache(photo_site):
    """The photos (the phone photo, the small one and the unused one) and the share cards are
    made by the cold build and all taken from .cache/images by the warm one, which says so."""
    cold, warm = (
        re.search(
            r"^Photos: (\d+) made, (\d+) from \.cache/images; Share cards: (\d+) made, (\d+) from \.cache/images\.$",
            log,
            re.M,
        )
        for log in photo_site["logs"]
    )
    assert cold and warm, photo_site["logs"]
    photos, cards = int(cold[1]) + int(cold[2]), int(cold[3]) + int(cold[4])
    assert (int(cold[1]), int(cold[2])) == (3, 0) and int(cold[4]) == 0 and cards >= 5
    assert (int(warm[1]), int(warm[2]), int(warm[3]), int(warm[4])) == (0, photos, 0, cards)
