"""Posts and pages with their translations, on Pelican's own Lang: and Translation: (the fixture
site's Alpha case study and About page have a Spanish translation each, under the same slug):
each links to the other in the other's language, with hreflang, in the page and in its <head>;
the sitemap gives every language of each; every list (the lists of posts, service lines, tags,
archives, recent posts, related case studies, the feeds and the search index) shows the site's
language only. What the check says of a translation whose original is missing is in
tests/build/test_check.py."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from support import PRODUCTION_URL, text_of

SM, XHTML = "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/1999/xhtml}"
#: (original, translation) of the fixture site, and the Spanish translation's words.
PAIRS = [("alpha/", "es/alpha/"), ("about/", "es/about/")]
SPANISH_TITLES = ["Alpha Tooling aumenta sus ventas", "Acerca del centro de prueba"]


@pytest.mark.parametrize(("original", "translation"), PAIRS)
def test_each_links_to_the_other_in_its_language_with_hreflang(fixture_prod, original, translation):
    for here, there, lang, words in (
        (original, translation, "es", "Leer en español"),
        (translation, original, "en", "Read in English"),
    ):
        soup = fixture_prod.soup(here)
        links = soup.select("main .translations a")
        assert [(a["href"], a["hreflang"], a["lang"], text_of(a)) for a in links] == [
            (f"{PRODUCTION_URL}/{there}", lang, lang, words)
        ]
        alternates = {link["hreflang"]: link["href"] for link in soup.select('head link[rel="alternate"][hreflang]')}
        assert alternates == {"en": f"{PRODUCTION_URL}/{original}", "es": f"{PRODUCTION_URL}/{translation}"}, (
            "every language, this one among them"
        )
        assert soup.html["lang"] == "en", "the page is the site's, in the site's language"


def test_a_translations_own_words_are_marked_with_its_language_and_the_frame_stays_the_sites(fixture_prod):
    soup = fixture_prod.soup("es/alpha/")
    assert (
        soup.select_one("h1.post__title")["lang"] == "es"
        and text_of(soup.select_one("h1.post__title")) == SPANISH_TITLES[0]
    )
    assert soup.select_one(".post__lead")["lang"] == soup.select_one(".post__body")["lang"] == "es"
    assert text_of(soup.select_one(".post__kicker")) == "Case study"
    jsonld = [json.loads(script.string) for script in soup.select('script[type="application/ld+json"]')]
    assert next(data for data in jsonld if data["@type"] == "Article")["inLanguage"] == "es"
    original = fixture_prod.soup("alpha/")
    assert (
        original.select_one("h1.post__title").get("lang") is None
        and original.select_one(".post__body").get("lang") is None
    )
    page = fixture_prod.soup("es/about/")
    assert page.select_one("h1.page-title")["lang"] == page.select_one(".prose")["lang"] == "es"


def test_the_sitemap_gives_every_language_of_each(fixture_prod):
    root = ET.parse(fixture_prod.output / "sitemap.xml").getroot()
    entries = {
        url.find(f"{SM}loc").text: {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        for url in root.findall(f"{SM}url")
    }
    for original, translation in PAIRS:
        both = {"en": f"{PRODUCTION_URL}/{original}", "es": f"{PRODUCTION_URL}/{translation}"}
        assert entries[f"{PRODUCTION_URL}/{original}"] == entries[f"{PRODUCTION_URL}/{translation}"] == both
    assert [loc for loc, alternates in entries.items() if alternates] == sorted(
        f"{PRODUCTION_URL}/{path}" for pair in PAIRS for path in pair
    )
    assert all(link.get("rel") == "alternate" for link in root.iter(f"{XHTML}link"))


@pytest.mark.parametrize("site", ["fixture_prod", "fixture_dev"])
def test_every_list_shows_the_sites_language_only(request, site):
    built = request.getfixturevalue(site)
    for path in [
        "",
        "posts/",
        "archives/",
        "services/business-growth/",
        "services/technology-adoption/",
        "tags/tooling/",
        "about/",
        "bravo/",
    ]:
        soup = built.soup(path)
        assert not any(title in text_of(soup.select_one("body")) for title in SPANISH_TITLES), (
            f"/{path} lists a translation"
        )
        listed = [a["href"] for a in soup.select("a[href]") if a.find_parent(class_="translations") is None]
        assert not [href for href in listed if "es" in href.split("/")], f"/{path} links a translation"
    indexed = {
        p.relative_to(built.output.with_name(built.output.name + "-search")).as_posix()
        for p in built.output.with_name(built.output.name + "-search").rglob("*.html")
    }
    assert "alpha/index.html" in indexed and not [page for page in indexed if page.startswith("es/")], (
        "search lists the site's language"
    )
    assert built.soup("es/alpha/").select("[data-pagefind-body]") == [] and built.soup("alpha/").select(
        "[data-pagefind-body]"
    )


def test_the_feeds_list_the_sites_language_only(fixture_prod):
    feeds = [path for path in (fixture_prod.output / "feeds").rglob("*") if path.is_file()]
    assert len(feeds) > 4
    for path in feeds:
        text = path.read_text(encoding="utf-8")
        assert "es/alpha" not in text and SPANISH_TITLES[0] not in text, path.name
    entries = (
        ET.parse(fixture_prod.output / "feeds" / "all.atom.xml").getroot().findall("{http://www.w3.org/2005/Atom}entry")
    )
    assert (
        next(entry.find("{http://www.w3.org/2005/Atom}link").get("href") for entry in entries)
        == f"{PRODUCTION_URL}/alpha/"
    )
