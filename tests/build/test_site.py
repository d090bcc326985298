"""The shipped site, built with Pelican and read with BeautifulSoup."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from support import broken_links, linked_slugs, recent_list, text_of

# The seed's "Recent Posts", newest first, as the seed lists them (two share February 2).
CASE_STUDIES = [
    ("penn-globe", "Penn Globe", "2026-02-11", ["Workforce Development", "Business Growth"]),
    ("specialty-cable", "Specialty Cable Manufacturers", "2026-02-10", ["Quality Management & Certifications"]),
    ("forum-plastics", "Forum Plastics", "2026-02-09", ["Workforce Development"]),
    ("connecticut-printing-company", "A Connecticut printing company", "2026-02-08", ["Environmental Health & Safety", "Continuous Improvement & Lean Strategies"]),
    ("beekley-medical", "Beekley Medical", "2026-02-07", ["Quality Management & Certifications"]),
    ("pursuit-aerospace", "Pursuit Aerospace", "2026-02-06", ["Quality Management & Certifications"]),
    ("syn-mar-products", "Syn-Mar Products Inc.", "2026-02-05", ["Continuous Improvement & Lean Strategies"]),
    ("wild-cnc", "Wild CNC Machining Services", "2026-02-04", ["Human Resources"]),
    ("modelcraft", "Modelcraft Co.", "2026-02-02", ["Continuous Improvement & Lean Strategies"]),
    ("siftex", "Siftex", "2026-02-02", ["Workforce Development"]),
]
SLUGS = [slug for slug, *_ in CASE_STUDIES]
SERVICE_SLUGS = {
    "Supply Chain Management": "supply-chain-management",
    "Technology Adoption": "technology-adoption",
    "Workforce Development": "workforce-development",
    "Business Growth": "business-growth",
    "Continuous Improvement & Lean Strategies": "continuous-improvement-lean-strategies",
    "Quality Management & Certifications": "quality-management-certifications",
    "Cybersecurity & Compliance": "cybersecurity-compliance",
    "Environmental Health & Safety": "environmental-health-safety",
    "Human Resources": "human-resources",
}
EXPLAINER = "breaking-it-down-mep-explained/"

# Every figure of the seed, as the seed writes it: (value in <data value>, text, qualifier).
SEED_FIGURES = [
    ("1988", "1988", None),
    ("35", "35", "more than"),
    ("51", "51", None),
    ("1440", "1,440", "over"),
    ("460", "460", "approximately"),
    ("36000", "36,000", "more than"),
    ("16200000000", "$16.2 billion", None),
    ("2900000000", "$2.9 billion", None),
    ("4800000000", "$4.8 billion", None),
    ("107100", "107,100", "more than"),
    ("226000000", "$226 million", None),
    ("30000000", "$30 million", None),
    ("39000000", "$39 million", None),
    ("1000", "1,000", "nearly"),
    ("25", "25", "over"),
    ("24.6", "$24.60", None),
    ("27.5", "$27.50", None),
    ("4300000000", "$4.3 billion", "more than"),
    ("1633", "$1,633", None),
    ("150000000000", "$150 billion", "over"),
    ("17", "17:1", None),
    ("30000", "30,000", "over"),
]


def test_build_logs_no_warning(dev_site, prod_site):
    for site in (dev_site, prod_site):
        assert "WARNING" not in site.log and "ERROR" not in site.log, site.log


@pytest.mark.parametrize("value,text,qualifier", SEED_FIGURES)
def test_explainer_carries_every_seed_figure(dev_site, value, text, qualifier):
    soup = dev_site.soup(EXPLAINER)
    data = [d for d in soup.select("main data[value]") if d["value"] == value]
    assert data, f"no <data value={value}> on the explainer"
    assert all(text_of(d).strip() == text for d in data)
    if qualifier:
        assert f"{qualifier} {text}" in text_of(soup.select_one("main"))


def test_explainer_states_the_seed_facts(dev_site):
    main = text_of(dev_site.soup(EXPLAINER).select_one("main"))
    for fact in ("Gaithersburg, MD", "2 CFR 200", "501(c)(3)", "National Institute of Standards and Technology", "GAO", "Puerto Rico"):
        assert fact in main
    assert dev_site.soup(EXPLAINER).select_one("time[datetime]")["datetime"].startswith("2025-01-14")


def test_explainer_callouts_carry_value_label_year_and_source(dev_site):
    callouts = dev_site.soup(EXPLAINER).select("main figure.impact")
    assert len(callouts) >= 10
    for figure in callouts:
        assert figure.select_one("data[value]") is not None
        assert text_of(figure.select_one(".impact__label")).strip()
        caption = text_of(figure.select_one("figcaption"))
        assert re.search(r"FY\d{4}|as of \w+ \d{1,2}, \d{4}", caption), caption
        assert "Source:" in caption and figure.select_one("figcaption cite")


@pytest.mark.parametrize("slug,client,date,services", CASE_STUDIES)
def test_case_study_page(dev_site, slug, client, date, services):
    soup = dev_site.soup(f"{slug}/")
    article = soup.select_one("main article")
    assert client in text_of(article)
    assert article.select_one(f'time[datetime^="{date}"]') is not None
    hrefs = [a["href"] for a in article.find_all("a", href=True)]
    for service in services:
        assert any(f"services/{SERVICE_SLUGS[service]}/" in href for href in hrefs), (service, hrefs)


@pytest.mark.parametrize("service,slug", SERVICE_SLUGS.items())
def test_every_service_line_page_lists_its_case_studies(dev_site, service, slug):
    soup = dev_site.soup(f"services/{slug}/")
    assert service in text_of(soup.select_one("main h1"))
    expected = [s for s, _, _, services in CASE_STUDIES if service in services]
    assert linked_slugs(soup.select_one("main")) == expected


def test_recent_posts_on_every_page_are_the_case_studies_newest_first(dev_site):
    pages = dev_site.html_files()
    assert len(pages) > 30
    for page in pages:
        soup = dev_site.soup(page.relative_to(dev_site.output).as_posix())
        own = page.parent.name if page.name == "index.html" else None
        expected = [slug for slug in SLUGS if slug != own]
        assert linked_slugs(recent_list(soup)) == expected, page


def test_recent_posts_show_more_links_to_the_paginated_list(dev_site):
    soup = dev_site.soup("index.html")
    show_more = [a for a in soup.select("aside a[href]") if "Show More" in a.get_text()]
    assert show_more and show_more[0]["href"].endswith("posts/")
    first = linked_slugs(dev_site.soup("posts/").select_one("main"))
    second = linked_slugs(dev_site.soup("posts/page/2/").select_one("main"))
    assert first == SLUGS and second == ["breaking-it-down-mep-explained"]


def test_navigation_links_resolve(dev_site):
    assert broken_links(dev_site) == []


def test_only_the_search_page_loads_javascript(dev_site, prod_site):
    """JSON-LD data blocks are not scripts that run; the search page's one script is a file."""
    for site in (dev_site, prod_site):
        for page in site.html_files():
            html = page.read_text(encoding="utf-8")
            scripts = BeautifulSoup(html, "html.parser").find_all("script")
            code = [s for s in scripts if s.get("type") != "application/ld+json"]
            if page == site.path("search/"):
                assert [(s.get("type"), bool(s.get("src")), s.string) for s in code] == [("module", True, None)]
            else:
                assert code == [], page
            assert not re.search(r"\son[a-z]+=", html), page


def test_contact_page_calls_and_texts_the_center(dev_site):
    soup = dev_site.soup("contact/")
    hrefs = {a["href"] for a in soup.select("main a[href]")}
    assert "tel:+18605133200" in hrefs and "sms:+18605133200" in hrefs
    assert "https://connstep.org" in {h.rstrip("/") for h in hrefs}
    assert "webinar" in text_of(soup.select_one("main")).lower()


def test_404_page_exists(dev_site):
    assert "not found" in text_of(dev_site.soup("404.html").select_one("main")).lower()


def test_every_page_has_one_h1_and_a_skip_link(dev_site):
    for page in dev_site.html_files():
        soup = dev_site.soup(page.relative_to(dev_site.output).as_posix())
        assert len(soup.find_all("h1")) == 1, page
        skip = soup.find("a", href="#main")
        assert skip is not None and soup.find(id="main") is not None, page


def test_published_feeds_parse_and_list_the_posts_newest_first(prod_site):
    import json
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.parse(prod_site.output / "feeds" / "all.atom.xml").getroot().findall(f"{atom}entry")
    links = [e.find(f"{atom}link").get("href") for e in entries]
    assert links == [f"https://connstep.org/{slug}/" for slug in SLUGS] + [f"https://connstep.org/{EXPLAINER}"]
    assert len({e.findtext(f"{atom}id") for e in entries}) == len(entries)
    rss = ET.parse(prod_site.output / "feeds" / "all.rss.xml").getroot()
    assert len(rss.findall("channel/item")) == 11
    feed = json.loads((prod_site.output / "feeds" / "recent.json").read_text())
    assert [item["url"] for item in feed["items"]] == [f"https://connstep.org/{slug}/" for slug in SLUGS]
