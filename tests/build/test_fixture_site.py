"""The plugin over a small fixture site: metrics, logos, drafts, hidden and future posts
(published on the build's now, SOURCE_DATE_EPOCH), ties, service lines with several case
studies, and feeds."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime

from support import FIXTURE, linked_slugs, recent_list, text_of

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def test_recent_posts_count_order_and_exclusions_in_production(fixture_prod):
    # RECENT_POSTS_COUNT = 3; the draft, the hidden and the future-dated post never appear;
    # bravo and charlie share a date and are ordered by slug.
    soup = fixture_prod.soup("about/")
    assert linked_slugs(recent_list(soup)) == ["alpha", "bravo", "charlie"]
    assert not (fixture_prod.output / "future").exists()


def test_future_posts_are_shown_in_development(fixture_dev):
    assert linked_slugs(recent_list(fixture_dev.soup("about/"))) == ["future", "alpha", "bravo"]
    assert not (fixture_dev.output / "delta-draft").exists(), "drafts are written under drafts/ only"


def test_own_post_is_left_out_of_its_recent_posts(fixture_prod):
    assert linked_slugs(recent_list(fixture_prod.soup("alpha/"))) == ["bravo", "charlie"]


def test_case_study_metrics_render_as_callouts(fixture_prod):
    article = fixture_prod.soup("alpha/").select_one("main article")
    values = {d["value"]: text_of(d).strip() for d in article.select("figure.impact data[value]")}
    assert values["1200000"] == "$1.2 million" and values["12"] == "12"
    assert values["226000000"] == "$226 million", "the [[callout]] in the body renders too"
    inline = article.select_one("data.impact-inline")
    assert inline["value"] == "24.6" and text_of(inline) == "$24.60"


def test_callout_text_is_escaped(fixture_prod):
    # The fixture's per-dollar label is `per federal dollar <& "quoted">`.
    assert "per federal dollar <&" not in fixture_prod.path("alpha/").read_text()
    inline = fixture_prod.soup("alpha/").select_one("main data.impact-inline")
    assert inline["title"].startswith('per federal dollar <& "quoted">, as of January 14, 2025')


def test_card_shows_logo_with_alt_or_a_text_badge_and_the_headline_metric(fixture_prod):
    items = recent_list(fixture_prod.soup("about/")).find_all("li", recursive=False)
    alpha, bravo = items[0], items[1]
    logo = alpha.find("img")
    assert logo["alt"] == "Alpha Tooling logo" and logo["src"].endswith("images/alpha-logo.svg")
    assert "$1.2 million in new or retained sales" in text_of(alpha)
    assert bravo.find("img") is None and bravo.select_one(".card__badge") is not None
    assert "Bravo Plastics" in text_of(bravo)
    assert alpha.select_one('time[datetime="2026-01-10"]') is not None


def test_service_line_pages_list_case_studies_of_every_listed_service(fixture_prod):
    # alpha's services: Business Growth (primary), Technology Adoption (secondary).
    assert linked_slugs(fixture_prod.soup("services/business-growth/").select_one("main")) == ["alpha"]
    assert linked_slugs(fixture_prod.soup("services/technology-adoption/").select_one("main")) == ["alpha"]
    empty = fixture_prod.soup("services/cybersecurity-compliance/").select_one("main")
    assert linked_slugs(empty) == [] and "no case studies" in text_of(empty).lower()


def test_atom_and_rss_feeds_validate(fixture_prod):
    atom = ET.parse(fixture_prod.output / "feeds" / "all.atom.xml").getroot()
    entries = atom.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)) == 4  # alpha, bravo, charlie, news: no draft, hidden or future post
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link").get("href").startswith("https://fixture-mep.example/")
    rss = ET.parse(fixture_prod.output / "feeds" / "all.rss.xml").getroot()
    assert len(rss.findall("channel/item")) == 4 and rss.findtext("channel/link").startswith(
        "https://fixture-mep.example"
    )
    per_service = ET.parse(fixture_prod.output / "feeds" / "services" / "technology-adoption.atom.xml").getroot()
    titles = [e.findtext(f"{ATOM}title").replace("\xa0", " ") for e in per_service.findall(f"{ATOM}entry")]
    assert titles == ["Alpha Tooling Grows Sales"]


def test_json_feed_of_recent_posts(fixture_prod):
    feed = json.loads((fixture_prod.output / "feeds" / "recent.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://fixture-mep.example/feeds/recent.json"
    items = feed["items"]
    assert [i["url"] for i in items] == [f"https://fixture-mep.example/{s}/" for s in ("alpha", "bravo", "charlie")]
    assert len({i["id"] for i in items}) == 3 and all(RFC3339.match(i["date_published"]) for i in items)


def test_every_page_links_its_feeds_for_autodiscovery(fixture_prod):
    for page, soup in fixture_prod.pages().items():
        types = {link.get("type") for link in soup.select('head link[rel="alternate"]')}
        assert {"application/atom+xml", "application/rss+xml", "application/feed+json"} <= types, page


def test_numbers_page_and_registry_json(fixture_prod):
    soup = fixture_prod.soup("numbers/")
    assert len(soup.select("main figure.impact")) == 5
    data = json.loads((fixture_prod.output / "data" / "figures.json").read_text())
    sales = next(f for f in data["figures"] if f["key"] == "center-sales")
    assert (
        sales["value"] == 226000000
        and sales["fiscal_year"] == 2023
        and sales["source"]["publisher"] == "Fixture Publisher"
    )


def test_home_figures_of_one_period_and_the_center_are_headed_with_it(fixture_prod):
    home = fixture_prod.soup("")
    periods = {p.get_text() for p in home.select("#impact-heading ~ .impact-row .impact__period")}
    assert len(periods) == 1, "the fixture features the center's figures of one fiscal year"
    assert home.select_one("#impact-heading").get_text(strip=True) == f"Our impact in {periods.pop()}"


# --- The build's now: SOURCE_DATE_EPOCH, not the wall clock, decides what is published --------


def prod_on(tmp_path, epoch: str):
    """The fixture site built for production as on ``epoch`` (SOURCE_DATE_EPOCH)."""
    from support import Site, run_pelican

    result = run_pelican(
        FIXTURE / "publishconf.py", tmp_path / "out", content=FIXTURE / "content", env={"SOURCE_DATE_EPOCH": epoch}
    )
    return Site(tmp_path / "out", result.stdout + result.stderr, result.returncode)


def epoch_of(day: str) -> str:
    return str(int(datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()))


def test_the_build_now_decides_which_dated_posts_production_publishes(tmp_path):
    # Pelican leaves out a post dated after its wall clock; the kit decides on the build's now.
    # future.md is dated 2099-01-01, alpha 2026-01-10, bravo and charlie 2026-01-05.
    later = prod_on(tmp_path / "later", epoch_of("2099-01-02"))
    assert later.returncode == 0, later.log
    assert linked_slugs(recent_list(later.soup("about/"))) == ["future", "alpha", "bravo"]
    assert (later.output / "future" / "index.html").exists()
    earlier = prod_on(tmp_path / "earlier", epoch_of("2026-01-07"))
    assert earlier.returncode == 0, earlier.log
    assert linked_slugs(recent_list(earlier.soup("about/"))) == ["bravo", "charlie", "news"]
    assert not (earlier.output / "alpha").exists() and not (earlier.output / "future").exists()


def test_a_malformed_source_date_epoch_stops_the_build_saying_what_is_expected(tmp_path):
    site = prod_on(tmp_path, "next Tuesday")
    assert site.returncode != 0
    assert (
        "SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970-01-01 UTC" in site.log
        and "Traceback" not in site.log
    )
    assert not (tmp_path / "out" / "index.html").exists()
