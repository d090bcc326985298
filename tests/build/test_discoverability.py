"""Findable and shareable: titles, descriptions, canonical URLs, Open Graph and Twitter tags,
JSON-LD, breadcrumbs, related case studies, older/newer links, reading time and the banner,
checked on real builds of the fixture site, and of a richer one: the fixture's content with
generated case studies that share service lines and industries, and a long article."""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from urllib.parse import urljoin

import pytest
from pelican.settings import read_settings

from support import FIXTURE, PRODUCTION_URL, Site, build, derived_settings, run_pelican, text_of

SETTINGS = read_settings(str(FIXTURE / "pelicanconf.py"))
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


#: Generated case studies for the richer site: (slug, services, tags), in date order.
GENERATED = [
    ("gen-anvil", ["Business Growth", "Technology Adoption"], ["machining"]),
    ("gen-bolt", ["Business Growth"], ["machining", "fasteners"]),
    ("gen-cog", ["Technology Adoption", "Workforce Development"], ["gears"]),
    ("gen-die", ["Workforce Development"], []),
    ("gen-edge", ["Quality Management & Certifications", "Business Growth"], ["machining"]),
    ("gen-flange", ["Quality Management & Certifications"], ["fasteners"]),
    ("gen-gasket", ["Human Resources"], []),
    ("gen-hinge", ["Business Growth", "Technology Adoption", "Workforce Development"], ["gears", "machining"]),
]


def generated_case_study(number: int, slug: str, services: list[str], tags: list[str]) -> str:
    tagged = f"Tags: {', '.join(tags)}\n" if tags else ""
    return (
        f"Title: Generated Story {slug.title()}\nDate: 2025-0{1 + number % 9}-1{number}\nSlug: {slug}\nClient: Generated {slug.title()}\n"
        f"Services: {', '.join(services)}\n{tagged}Summary: A generated case study for the tests ({slug}), sharing service lines with others.\n\n"
        + " ".join(f"Generated sentence {n} of the story of {slug}." for n in range(40))
        + "\n"
    )


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory) -> Site:
    """The fixture site with GENERATED case studies and a long article, for production."""
    import shutil

    content = tmp_path_factory.mktemp("rich") / "content"
    shutil.copytree(FIXTURE / "content", content)
    for number, (slug, services, tags) in enumerate(GENERATED):
        (content / "case-studies" / f"{slug}.md").write_text(
            generated_case_study(number, slug, services, tags), encoding="utf-8"
        )
    long = " ".join(f"Word{n}" for n in range(900))
    (content / "articles" / "long-read.md").write_text(
        "Title: A Long Read\nDate: 2025-11-02\nSlug: long-read\nSummary: A generated article long enough to take several minutes to read.\n\n"
        + "\n\n".join(long[i : i + 600] for i in range(0, len(long), 600))
        + "\n",
        encoding="utf-8",
    )
    return build(
        FIXTURE / "publishconf.py",
        tmp_path_factory.mktemp("rich-out") / "output",
        content=content,
        siteurl=PRODUCTION_URL,
    )


@pytest.fixture(scope="module", params=["rich_site", "fixture_prod"])
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
        assert (
            organization[0]["name"] == SETTINGS["CENTER"]["name"]
            and organization[0]["telephone"] == SETTINGS["CENTER"]["phone"]
        )


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
        for item, li in zip(items[:-1], trail[:-1], strict=False):
            assert li.a["href"] == item["item"]
            target = item["item"].removeprefix(site.siteurl + "/")
            assert target == "" or site.path(target).exists(), (relative, target)


def case_studies(site) -> dict[str, dict]:
    """Each listed case study's URL (those the archive lists: not the hidden ones), its
    service lines and its date, read from its page."""
    found = {}
    listed = {urljoin(site.siteurl + "/", a["href"]) for a in site.soup("archives/").select("a.archive__link")}
    for relative, soup in site.pages().items():
        if soup.select_one("article.post--case-study") and url_of(site, relative) in listed:
            services = [text_of(a) for a in soup.select('a[data-pagefind-filter="service"]')]
            found[url_of(site, relative)] = {
                "soup": soup,
                "services": services,
                "date": soup.select_one("main time[datetime]")["datetime"],
            }
    return found


def test_related_case_studies_share_a_service_line_most_shared_then_newest(rich_site):
    studies = case_studies(rich_site)
    assert len(studies) == len(GENERATED) + 3, "the generated ones and the fixture's three published case studies"
    with_related = 0
    for url, study in studies.items():

        def rank(other, study=study):
            shared = len(set(studies[other]["services"]) & set(study["services"]))
            return (-shared, -date.fromisoformat(studies[other]["date"]).toordinal(), other)

        sharing = [
            other for other in studies if other != url and set(studies[other]["services"]) & set(study["services"])
        ]
        expected = sorted(sharing, key=rank)[:3]
        links = [a["href"] for a in study["soup"].select("section.related .card__title a")]
        assert links == expected, url
        with_related += bool(links)
    assert with_related >= len(GENERATED), "the generated case studies share service lines"


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


def test_posts_show_a_reading_time_from_their_length(rich_site):
    soup = rich_site.soup("long-read/")
    words = len(text_of(soup.select_one("main .post__body")).split())
    minutes = int(re.search(r"(\d+) min read", text_of(soup.select_one(".post__date"))).group(1))
    assert words > 400 and abs(minutes - math.ceil(words / 200)) <= 1
    for study in case_studies(rich_site).values():
        facts = {text_of(div.dt): text_of(div.dd) for div in study["soup"].select(".post__fact")}
        assert re.fullmatch(r"\d+ min", facts["Reading time"])


def test_service_line_pages_describe_the_service_and_list_its_case_studies(rich_site):
    studies = case_studies(rich_site)
    for name, description in SETTINGS["SERVICE_LINES"].items():
        link = rich_site.soup("services/").find("a", string=name)
        soup = rich_site.soup(link["href"].removeprefix(rich_site.siteurl))
        assert text_of(soup.select_one(".page-header__lead")) == description
        listed = {a["href"] for a in soup.select("main .card__title a")}
        assert listed == {url for url, study in studies.items() if name in study["services"]}, name


def test_industry_tag_pages_list_the_posts_with_that_tag(rich_site):
    tags = rich_site.soup("tags/").select("a.tag-list__link")
    assert tags
    for tag in tags:
        soup = rich_site.soup(tag["href"].removeprefix(rich_site.siteurl))
        for card in soup.select("main .card__title a"):
            post = rich_site.soup(card["href"].removeprefix(rich_site.siteurl))
            assert tag.string in [text_of(a) for a in post.select('a[data-pagefind-filter="industry"]')]


# --- The banner: BANNER in pelicanconf.py, left out after its end date --------------------


def banner_build(tmp_path, when: str, banner: str | None = None):
    """The fixture site built as on the day ``when`` (SOURCE_DATE_EPOCH), with ``banner``."""
    conf = derived_settings(tmp_path / "banner_conf.py", banner or "", base=FIXTURE / "pelicanconf.py")
    epoch = str(int(datetime.fromisoformat(f"{when}T12:00:00+00:00").timestamp()))
    return run_pelican(conf, tmp_path / "out", content=FIXTURE / "content", env={"SOURCE_DATE_EPOCH": epoch})


#: An announcement that is not an event, as a center would set it in pelicanconf.py.
BANNER = {
    "text": "Meet our team at the next free webinar on Zoom.",
    "link": "contact/",
    "link_text": "How to join",
    "ends": "2026-12-31",
}


def test_banner_shows_until_its_end_date_then_the_build_leaves_it_out(tmp_path):
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


def test_a_wrong_banner_setting_fails_the_build_naming_the_key(tmp_path):
    result = banner_build(tmp_path, "2026-01-01", 'BANNER = {"text": "Hello", "ends": "next Friday"}')
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "banner_conf.py:2: BANNER: 'ends': expected a date as YYYY-MM-DD, got 'next Friday'" in log, log
    assert "Traceback" not in log
    assert not (tmp_path / "out" / "index.html").exists()
