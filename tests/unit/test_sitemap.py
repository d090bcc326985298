"""mep_kit.outputs.sitemap: pages, dates and the XML, as plain functions."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

from mep_kit.outputs.sitemap import (
    Entry,
    alternates_of,
    is_absolute_siteurl,
    is_public,
    lastmod_of,
    page_url,
    robots_txt,
    sitemap_xml,
)

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def when(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))


def post(date: str, modified: str | None = None, status: str = "published"):
    return SimpleNamespace(date=when(date), modified=when(modified) if modified else None, status=status)


def test_page_url_is_the_clean_url():
    assert page_url("index.html") == ""
    assert page_url("services/business-growth/index.html") == "services/business-growth/"
    assert page_url("2019/old.html") == "2019/old.html"
    assert page_url("feeds/all.atom.xml") is None and page_url("data/figures.json") is None


def test_lastmod_from_the_context():
    older, newer = post("2026-01-01 23:30"), post("2025-06-01", modified="2026-02-03")
    assert lastmod_of({"article": older, "articles": [newer]}) == datetime.date(2026, 1, 1), "local date, not UTC"
    assert lastmod_of({"article": newer}) == datetime.date(2026, 2, 3), "Modified wins over Date"
    assert lastmod_of({"page": SimpleNamespace(status="published")}) is None
    assert lastmod_of({"blog": True, "articles": [older, newer]}) == datetime.date(2026, 2, 3)
    page_two = SimpleNamespace(object_list=[older])
    assert lastmod_of({"blog": True, "articles": [older, newer], "articles_page": page_two}) == datetime.date(
        2026, 1, 1
    )
    assert lastmod_of({"blog": True, "articles": []}) is None
    assert lastmod_of({"articles": [older, newer]}) is None, "not a list of posts (the numbers page)"


def test_what_is_public():
    assert is_public("alpha/index.html", {"article": post("2026-01-01")})
    assert not is_public("drafts/x/index.html", {"article": post("2026-01-01", status="draft")})
    assert not is_public("echo/index.html", {"article": post("2026-01-01", status="hidden")})
    assert not is_public("404.html", {"page": SimpleNamespace()})
    assert not is_public("feeds/all.atom.xml", {})
    assert is_public("numbers/index.html", {})


def test_sitemap_xml_is_sorted_escaped_and_parses():
    entries = [
        Entry("b/", datetime.date(2026, 1, 2)),
        Entry("", None),
        Entry("a&b/", datetime.date(2025, 1, 1)),
        Entry("b/", datetime.date(2026, 1, 2)),
    ]
    text = sitemap_xml("https://example.org", entries)
    root = ET.fromstring(text.encode())
    locs = [u.findtext(f"{SM}loc") for u in root.findall(f"{SM}url")]
    assert locs == ["https://example.org/", "https://example.org/a&b/", "https://example.org/b/"]
    assert "a&amp;b/" in text
    assert [u.findtext(f"{SM}lastmod") for u in root.findall(f"{SM}url")] == [None, "2025-01-01", "2026-01-02"]
    assert sitemap_xml("https://example.org", reversed(entries)) == text


def test_robots_and_siteurl():
    assert robots_txt("https://example.org", "sitemap.xml").endswith("\nSitemap: https://example.org/sitemap.xml\n")
    assert "Sitemap" not in robots_txt("https://example.org", "")
    assert is_absolute_siteurl("https://example.org") and is_absolute_siteurl("http://localhost:8000")
    assert not is_absolute_siteurl("") and not is_absolute_siteurl("/") and not is_absolute_siteurl(None)


def test_a_translated_post_lists_every_language_in_each_entry_and_the_namespace_only_then():
    original = SimpleNamespace(lang="en", url="alpha/", status="published", translations=[])
    spanish = SimpleNamespace(lang="es", url="es/alpha/", status="published", translations=[original])
    draft = SimpleNamespace(lang="fr", url="drafts/fr/alpha/", status="draft", translations=[])
    original.translations = [spanish, draft]
    assert (
        alternates_of({"article": original})
        == alternates_of({"article": spanish})
        == (("en", "alpha/"), ("es", "es/alpha/"))
    )
    assert (
        alternates_of({"page": SimpleNamespace(lang="en", url="about/", translations=[])}) == ()
        and alternates_of({}) == ()
    )
    plain = sitemap_xml("https://example.org", [Entry("b/")])
    assert "xhtml" not in plain, "a site without translations: the sitemap as ever"
    text = sitemap_xml(
        "https://example.org", [Entry("alpha/", None, alternates_of({"article": original})), Entry("b/")]
    )
    root = ET.fromstring(text.encode())
    links = [
        (
            u.findtext(f"{SM}loc"),
            [
                (link.get("rel"), link.get("hreflang"), link.get("href"))
                for link in u.findall("{http://www.w3.org/1999/xhtml}link")
            ],
        )
        for u in root.findall(f"{SM}url")
    ]
    assert links == [
        (
            "https://example.org/alpha/",
            [("alternate", "en", "https://example.org/alpha/"), ("alternate", "es", "https://example.org/es/alpha/")],
        ),
        ("https://example.org/b/", []),
    ]
