"""Findable and shareable: titles, descriptions, canonical URLs, Open Graph and Twitter tags,
JSON-LD, breadcrumbs, related case studies, older/newer links, reading time and the banner,
checked on real builds of the shipped site and of the fixture site."""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from urllib.parse import urljoin

import pytest
from pelican.settings import read_settings
from support import FIXTURE, ROOT, Site, run_pelican, text_of

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
OG_PROPERTIES = ("og:site_name", "og:type", "og:title", "og:description", "og:url")


def url_of(site, relative: str) -> str:
    clean = relative.removesuffix("index.html")
    return f"{site.siteurl}/{clean}"


def meta(soup, key: str) -> str | None:
    tag = soup.select_one(f'meta[property="{key}"]') or soup.select_one(f'meta[name="{key}"]')
    return tag["content"] if tag else None


def json_ld(soup) -> dict[str, list[dict]]:
    """The page's JSON-LD blocks by @type (each must parse as JSON)."""
    blocks: dict[str, list[dict]] = {}
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        blocks.setdefault(data["@type"], []).append(data)
    return blocks


@pytest.fixture(scope="module", params=["prod_site", "fixture_prod"])
def site(request):
    return request.getfixturevalue(request.param)


def test_every_page_has_a_unique_title_description_and_canonical_url(site):
    found = site.pages()
    assert len(found) > 10
    titles, descriptions, canonicals = {}, {}, {}
    for relative, soup in found.items():
        title = soup.title.string.strip()
        description = meta(soup, "description")
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        assert title and description, relative
        assert canonical == url_of(site, relative), relative
        for seen, value in ((titles, title), (descriptions, description), (canonicals, canonical)):
            assert value not in seen, f"{relative} repeats {value!r} of {seen.get(value)}"
            seen[value] = relative


def test_every_page_has_open_graph_and_twitter_card_tags(site):
    for relative, soup in site.pages().items():
        values = {key: meta(soup, key) for key in OG_PROPERTIES}
        assert all(values.values()), (relative, values)
        assert values["og:url"] == soup.select_one('link[rel="canonical"]')["href"]
        assert values["og:title"] == soup.title.string.strip()
        assert values["og:description"] == meta(soup, "description")
        assert meta(soup, "twitter:card") == "summary_large_image"
        is_post = soup.select_one("main article.post") is not None
        assert values["og:type"] == ("article" if is_post else "website"), relative


def test_every_page_describes_the_center_in_json_ld(site):
    for relative, soup in site.pages().items():
        organization = json_ld(soup)["Organization"]
        assert len(organization) == 1, relative
        assert organization[0]["name"] == "CONNSTEP" and organization[0]["telephone"] == "860-513-3200"


def test_posts_carry_article_json_ld_matching_the_page(site):
    posts = [(r, s) for r, s in site.pages().items() if s.select_one("main article.post")]
    assert posts
    for relative, soup in posts:
        (article,) = json_ld(soup)["Article"]
        assert article["headline"] == text_of(soup.select_one("h1")).replace("\xa0", " ")
        assert article["url"] == url_of(site, relative)
        published = soup.select_one("main time[datetime]")["datetime"]
        assert article["datePublished"].startswith(published)
        assert article["description"] == meta(soup, "description")
        assert meta(soup, "article:published_time") == article["datePublished"]


def test_breadcrumbs_are_shown_and_given_as_json_ld(site):
    found = site.pages()
    for relative, soup in found.items():
        trail = soup.select("nav.breadcrumbs li")
        if relative in ("index.html", "404.html"):
            assert not trail and "BreadcrumbList" not in json_ld(soup), relative
            continue
        (crumbs,) = json_ld(soup)["BreadcrumbList"]
        items = crumbs["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert [item["name"] for item in items] == [text_of(li).replace("\xa0", " ") for li in trail], relative
        assert items[0]["item"] == f"{site.siteurl}/" and items[-1]["item"] == url_of(site, relative)
        assert trail[-1].get("aria-current") == "page" and trail[-1].find("a") is None
        for item, li in zip(items[:-1], trail[:-1]):
            assert li.a["href"] == item["item"]
            target = item["item"].removeprefix(site.siteurl + "/")
            assert target == "" or site.path(target).exists(), (relative, target)


def case_studies(site) -> dict[str, dict]:
    """Each case study page's URL, its service lines and its date, read from the page."""
    found = {}
    for relative, soup in site.pages().items():
        if soup.select_one("article.post--case-study"):
            services = [text_of(a) for a in soup.select('a[data-pagefind-filter="service"]')]
            found[url_of(site, relative)] = {"soup": soup, "services": services,
                                             "date": soup.select_one("main time[datetime]")["datetime"]}
    return found


def test_related_case_studies_share_a_service_line_most_shared_then_newest(prod_site):
    studies = case_studies(prod_site)
    assert len(studies) == 10
    with_related = 0
    for url, study in studies.items():
        def rank(other):
            shared = len(set(studies[other]["services"]) & set(study["services"]))
            return (-shared, -date.fromisoformat(studies[other]["date"]).toordinal(), other)

        sharing = [other for other in studies if other != url and set(studies[other]["services"]) & set(study["services"])]
        expected = sorted(sharing, key=rank)[:3]
        links = [a["href"] for a in study["soup"].select("section.related .card__title a")]
        assert links == expected, url
        with_related += bool(links)
    assert with_related >= 2, "the shipped case studies do share service lines"


def test_older_and_newer_links_walk_every_post_in_date_order(site):
    archive = [urljoin(site.siteurl + "/", a["href"]) for a in site.soup("archives/").select("a.archive__link")]
    walked, url = [], archive[0]
    while url:
        walked.append(url)
        soup = site.soup(url.removeprefix(site.siteurl))
        older, newer = soup.select_one('nav.post-nav a[rel="prev"]'), soup.select_one('nav.post-nav a[rel="next"]')
        assert (newer["href"] if newer else None) == (walked[-2] if len(walked) > 1 else None)
        url = older["href"] if older else None
    assert walked == archive


def test_posts_show_a_reading_time_from_their_length(prod_site):
    soup = prod_site.soup("breaking-it-down-mep-explained/")
    words = len(text_of(soup.select_one("main .post__body")).split())
    minutes = int(re.search(r"(\d+) min read", text_of(soup.select_one(".post__date"))).group(1))
    assert words > 400 and abs(minutes - math.ceil(words / 200)) <= 1
    for study in case_studies(prod_site).values():
        facts = {text_of(div.dt): text_of(div.dd) for div in study["soup"].select(".post__fact")}
        assert re.fullmatch(r"\d+ min", facts["Reading time"])


def test_service_line_pages_describe_the_service_and_list_its_case_studies(prod_site):
    studies = case_studies(prod_site)
    for name, description in SETTINGS["SERVICE_LINES"].items():
        link = prod_site.soup("services/").find("a", string=name)
        soup = prod_site.soup(link["href"].removeprefix(prod_site.siteurl))
        assert text_of(soup.select_one(".page-header__lead")) == description
        listed = {a["href"] for a in soup.select("main .card__title a")}
        assert listed == {url for url, study in studies.items() if name in study["services"]}, name


def test_industry_tag_pages_list_the_posts_with_that_tag(prod_site):
    tags = prod_site.soup("tags/").select("a.tag-list__link")
    assert tags
    for tag in tags:
        soup = prod_site.soup(tag["href"].removeprefix(prod_site.siteurl))
        for card in soup.select("main .card__title a"):
            post = prod_site.soup(card["href"].removeprefix(prod_site.siteurl))
            assert tag.string in [text_of(a) for a in post.select('a[data-pagefind-filter="industry"]')]


# --- The banner: BANNER in pelicanconf.py, left out after its end date --------------------

def banner_build(tmp_path, when: str, banner: str | None = None):
    """The fixture site built as on the day ``when`` (SOURCE_DATE_EPOCH), with ``banner``."""
    conf = tmp_path / "banner_conf.py"
    conf.write_text(f"from conf import *\n{banner or ''}\n")
    epoch = str(int(datetime.fromisoformat(f"{when}T12:00:00+00:00").timestamp()))
    return run_pelican(conf, tmp_path / "out", content=FIXTURE / "content",
                       env={"SOURCE_DATE_EPOCH": epoch, "PYTHONPATH": str(FIXTURE)})


#: An announcement that is not an event, as a center would set it in pelicanconf.py.
BANNER = {"text": "Meet our team at the next free webinar on Zoom.", "link": "contact/#webinar", "link_text": "How to join", "ends": "2026-12-31"}


def test_banner_shows_until_its_end_date_then_the_build_leaves_it_out(tmp_path, prod_site):
    ends = date.fromisoformat(BANNER["ends"])
    for day, shown in ((ends, True), (date.fromordinal(ends.toordinal() + 1), False)):
        out = tmp_path / day.isoformat()
        out.mkdir()
        result = banner_build(out, day.isoformat(), f"BANNER = {BANNER!r}")
        assert result.returncode == 0, result.stderr
        site = Site(out / "out", result.stderr, result.returncode)
        for page in ("", "alpha/", "about/"):
            banner = site.soup(page).select_one("aside.banner")
            assert (banner is not None) is shown, (day, page)
            if shown:
                assert BANNER["text"] in text_of(banner)
                assert banner.a["href"].endswith(BANNER["link"])
    page, _, anchor = BANNER["link"].partition("#")
    assert prod_site.soup(page).find(id=anchor), "the contact page has the webinar's section to link to"
    assert SETTINGS["BANNER"] is None, "the shipped site's banner is its next event: it has none (no event is shipped)"
    assert prod_site.soup("").select_one("aside.banner") is None


def test_a_wrong_banner_setting_fails_the_build_naming_the_key(tmp_path):
    result = banner_build(tmp_path, "2026-01-01", 'BANNER = {"text": "Hello", "ends": "next Friday"}')
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "banner_conf.py:2: BANNER: 'ends': expected a date as YYYY-MM-DD, got 'next Friday'" in log, log
    assert "Traceback" not in log
    assert not (tmp_path / "out" / "index.html").exists()
