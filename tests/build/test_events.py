"""Events, built: the fixture site with generated events (support.GENERATED_EVENTS), built for
production as on a day before the webinar and as on a day after it (SOURCE_DATE_EPOCH), and
read back with BeautifulSoup, the icalendar package and json: upcoming then past, the banner on
every page then gone, the calendar files, the schema.org Event, the home page, the service
lines, search, the sitemap, and two builds of one day byte for byte the same."""

from __future__ import annotations

import datetime
import json
import shutil
from zoneinfo import ZoneInfo

import icalendar
import pytest

from support import (
    BEFORE,
    FIXTURE,
    GENERATED_EVENTS,
    LATER,
    PRODUCTION_URL,
    Site,
    build_on,
    derived_settings,
    epoch,
    event_text,
    linked_slugs,
    recent_list,
    run_pelican,
    text_of,
    tree_digest,
    write_events,
)

SITE = PRODUCTION_URL
UTC = datetime.UTC
NEW_YORK = ZoneInfo("America/New_York")


def words(node) -> str:
    """The text of ``node`` as a reader reads it: runs of spaces (non-breaking too) as one."""
    return " ".join(node.get_text().split())


def section(soup, heading: str):
    """The <section> of ``soup``'s main content whose heading reads ``heading`` (or None)."""
    for found in soup.select("main section"):
        title = found.find(["h2", "h3"])
        if title is not None and text_of(title).strip() == heading:
            return found
    return None


def card_slugs(node) -> list[str]:
    return linked_slugs(node) if node is not None else []


def json_ld(soup) -> dict[str, dict]:
    blocks = [json.loads(script.string) for script in soup.select('script[type="application/ld+json"]')]
    return {block["@type"]: block for block in blocks}


def banner_of(soup):
    return soup.select_one("aside.banner")


# --- upcoming, then past ------------------------------------------------------------------


def test_an_event_is_upcoming_before_its_day_and_past_after_it(events_before, events_after):
    before, after = events_before.soup("events/"), events_after.soup("events/")
    assert card_slugs(section(before, "Upcoming events")) == [
        "lean-basics-webinar",
        "supplier-forum",
        "iso-9001-workshop",
        "export-growth-webinar",
    ]
    assert card_slugs(section(before, "Past events")) == ["safety-roundtable"]
    assert card_slugs(section(after, "Upcoming events")) == [
        "supplier-forum",
        "iso-9001-workshop",
        "export-growth-webinar",
    ]
    assert card_slugs(section(after, "Past events")) == ["lean-basics-webinar", "safety-roundtable"], "newest first"
    for soup in (before, after):
        assert "planning-session-draft" not in str(soup) and "members-only-briefing" not in str(soup), (
            "drafts and hidden events are not listed"
        )


def test_with_nothing_upcoming_the_events_page_says_so_and_points_to_the_contact_page(events_source, tmp_path):
    later = build_on(LATER, FIXTURE / "publishconf.py", events_source, tmp_path / "out")
    upcoming = section(later.soup("events/"), "Upcoming events")
    assert "No events are scheduled just now" in text_of(upcoming)
    assert upcoming.select_one(".empty-note a")["href"] == f"{SITE}/contact/" and later.path("contact/").is_file()
    assert len(card_slugs(section(later.soup("events/"), "Past events"))) == 5
    assert all(banner_of(soup) is None for soup in later.pages().values()), "no banner once every event has ended"
    assert section(later.soup(""), "Upcoming events") is None, "the home page shows no events section"
    feed = icalendar.Calendar.from_ical((later.output / "feeds" / "events.ics").read_bytes())
    assert feed.walk("VEVENT") == [] and feed.walk("VTIMEZONE"), "an empty feed is still a valid calendar"


# --- the banner follows the calendar ---------------------------------------------------------


def test_the_next_event_is_the_banner_on_every_page_until_it_ends(events_before, events_after):
    for site, slug, title, day in (
        (events_before, "lean-basics-webinar", "Lean Basics Webinar", "Thursday, January 14, 2027, 11:00 a.m. ET"),
        (events_after, "supplier-forum", "Supplier Forum", "Wednesday, February 10, 2027, 11:00 a.m. ET"),
    ):
        pages = site.pages()
        assert len(pages) > 20
        for relative, soup in pages.items():
            banner = banner_of(soup)
            assert banner is not None, relative
            assert words(banner) == f"Next event: {title}, {day}", relative
            assert banner.a["href"] == f"{SITE}/events/{slug}/"
    assert all("Lean Basics" not in text_of(banner_of(soup)) for soup in events_after.pages().values()), (
        "gone once it has ended"
    )


def test_a_current_banner_setting_wins_over_the_next_event(events_source, tmp_path):
    conf = tmp_path / "conf_with_banner.py"
    derived_settings(conf, 'BANNER = {"text": "Our new office opens on Monday.", "ends": "2027-01-12"}')
    for day, expected in (
        ("2027-01-11T12:00:00", "Our new office opens on Monday."),
        ("2027-01-13T12:00:00", "Next event: Lean Basics Webinar"),
    ):
        out = tmp_path / day[:10]
        result = run_pelican(
            conf, out, content=events_source, env={"SOURCE_DATE_EPOCH": epoch(day), "FIXTURE": str(FIXTURE)}
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert text_of(banner_of(Site(out, "", 0).soup("about/"))).strip().startswith(expected), day


# --- each event's page --------------------------------------------------------------------------


def facts(soup) -> dict[str, str]:
    return {words(row.dt): words(row.dd) for row in soup.select("main .post__fact")}


def test_an_events_page_says_when_where_and_what_it_costs_and_links_registration_and_calendar(events_before):
    soup = events_before.soup("events/lean-basics-webinar/")
    assert text_of(soup.h1).strip() == "Lean Basics Webinar"
    assert facts(soup) == {
        "When": "Thursday, January 14, 2027, 11:00 a.m. – 12:00 p.m. ET",
        "Format": "Online",
        "Where": "Online",
        "Price": "Free",
        "Services": "Continuous Improvement & Lean Strategies Business Growth",
    }
    assert soup.select_one("main time")["datetime"] == "2027-01-14T11:00:00-05:00"
    register, calendar = soup.select(".event__actions a.button")
    assert register["href"] == "https://example.zoom.us/webinar/register/lean-basics"
    assert words(register) == "Register for Lean Basics Webinar", "the button's name says which event"
    assert words(calendar) == "Add to calendar"
    assert calendar["href"] == f"{SITE}/events/lean-basics-webinar.ics" and calendar["type"] == "text/calendar"
    assert [text_of(a) for a in soup.select(".breadcrumbs a")] == ["Home", "Events"]
    workshop = facts(events_before.soup("events/iso-9001-workshop/"))
    assert workshop["When"] == "Saturday, March 13, 2027, 9:00 a.m. – Sunday, March 14, 2027, 4:00 p.m. ET", (
        "over two days, and the clock change"
    )
    assert (
        workshop["Where"] == "Generated Center, 1 Example Road, Suite 2, Hartford, CT 06103"
        and workshop["Price"] == "$149.50"
    )
    forum = facts(events_before.soup("events/supplier-forum/"))
    assert forum["When"] == "Wednesday, February 10, 2027, 11:00 a.m. – 1:00 p.m. ET", (
        "given in Chicago's time, said in the center's"
    )
    assert (
        forum["Format"] == "In person and online"
        and forum["Where"].endswith(", and online")
        and forum["Price"] == "$25"
    )


def test_a_past_events_page_says_it_has_ended_and_takes_no_registration(events_before, events_after):
    before, after = events_before.soup("events/lean-basics-webinar/"), events_after.soup("events/lean-basics-webinar/")
    assert before.select_one(".event__ended") is None
    assert [words(a) for a in before.select(".event__actions a")] == [
        "Register for Lean Basics Webinar",
        "Add to calendar",
    ]
    assert (
        words(after.select_one(".event__ended")) == "This event has ended."
        and words(after.select_one(".post__kicker")) == "Past event"
    )
    assert [words(a) for a in after.select(".event__actions a")] == ["Add to calendar"]
    assert (
        "availability" not in json_ld(after)["Event"]["offers"] and json_ld(before)["Event"]["offers"]["availability"]
    )


def test_drafts_and_hidden_events(events_before, events_source, tmp_path):
    assert not (events_before.output / "drafts").exists(), "production writes no draft"
    assert events_before.path("events/members-only-briefing/").is_file(), (
        "a hidden event is published at its address, unlisted"
    )
    dev = build_on("2027-01-10T12:00:00", FIXTURE / "pelicanconf.py", events_source, tmp_path / "dev", siteurl="")
    assert (
        dev.path("drafts/events/planning-session-draft/").is_file()
        and (dev.output / "drafts" / "events" / "planning-session-draft.ics").is_file()
    )
    assert "planning-session-draft" not in str(dev.soup("events/"))


# --- the calendar files ----------------------------------------------------------------------------


def read_calendar(site, relative: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site.output / relative).read_bytes())


def test_each_events_calendar_file_has_the_right_start_in_its_zone(events_before):
    calendar = read_calendar(events_before, "events/lean-basics-webinar.ics")
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.datetime(2027, 1, 14, 11, tzinfo=NEW_YORK)
    assert event.decoded("DTSTART").astimezone(UTC) == datetime.datetime(2027, 1, 14, 16, tzinfo=UTC)
    assert event["DTSTART"].params["TZID"] == "America/New_York" and [
        tz["TZID"] for tz in calendar.walk("VTIMEZONE")
    ] == ["America/New_York"]
    assert (
        str(event["UID"]) == "event-lean-basics-webinar@fixture-mep.example"
        and str(event["SUMMARY"]) == "Lean Basics Webinar"
    )
    assert event.decoded("DTSTAMP") == event.decoded("DTSTART"), "from the content, not the clock"
    assert str(event["URL"]) == f"{SITE}/events/lean-basics-webinar/"
    forum = read_calendar(events_before, "events/supplier-forum.ics").walk("VEVENT")[0]
    assert forum["DTSTART"].params["TZID"] == "America/Chicago" and forum.decoded("DTSTART").hour == 10
    roundtable = read_calendar(events_before, "events/safety-roundtable.ics").walk("VEVENT")[0]
    assert roundtable.decoded("DTSTAMP") == datetime.datetime(2026, 10, 5, tzinfo=NEW_YORK), "its Modified"


def test_the_feed_of_upcoming_events_is_linked_from_the_events_page(events_before, events_after):
    for site, expected in (
        (events_before, ["lean-basics-webinar", "supplier-forum", "iso-9001-workshop", "export-growth-webinar"]),
        (events_after, ["supplier-forum", "iso-9001-workshop", "export-growth-webinar"]),
    ):
        link = site.soup("events/").select_one('head link[rel="alternate"][type="text/calendar"]')
        assert link["href"] == f"{SITE}/feeds/events.ics"
        feed = read_calendar(site, "feeds/events.ics")
        assert [str(e["UID"]) for e in feed.walk("VEVENT")] == [
            f"event-{slug}@fixture-mep.example" for slug in expected
        ]
        assert str(feed["X-WR-CALNAME"]) == "Fixture MEP: upcoming events"
    same = read_calendar(events_before, "events/supplier-forum.ics").walk("VEVENT")[0]
    in_feed = next(
        e for e in read_calendar(events_after, "feeds/events.ics").walk("VEVENT") if str(e["UID"]) == str(same["UID"])
    )
    assert in_feed.to_ical() == same.to_ical(), "an event is the same in every file and every build"


# --- schema.org Event ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "mode", "location"),
    [
        ("lean-basics-webinar", "Online", "VirtualLocation"),
        ("iso-9001-workshop", "Offline", "Place"),
        ("supplier-forum", "Mixed", ["Place", "VirtualLocation"]),
    ],
)
def test_each_event_page_has_a_complete_schema_org_event(events_before, slug, mode, location):
    soup = events_before.soup(f"events/{slug}/")
    blocks = json_ld(soup)
    event = blocks["Event"]
    assert {
        "name",
        "description",
        "startDate",
        "endDate",
        "eventStatus",
        "eventAttendanceMode",
        "location",
        "organizer",
        "offers",
        "url",
        "image",
    } <= set(event)
    assert (
        event["name"] == text_of(soup.h1).strip()
        and event["description"] == soup.select_one('meta[name="description"]')["content"]
    )
    assert (
        event["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
        and event["eventStatus"] == "https://schema.org/EventScheduled"
    )
    found = event["location"]
    assert ([place["@type"] for place in found] if isinstance(found, list) else found["@type"]) == location
    for place in found if isinstance(found, list) else [found]:
        assert (
            place.get("url", "").startswith("https://")
            if place["@type"] == "VirtualLocation"
            else place["address"]["streetAddress"]
        )
    assert datetime.datetime.fromisoformat(event["startDate"]).utcoffset() is not None, "with its offset"
    assert event["organizer"]["name"] == "Fixture MEP" and event["organizer"]["url"] == "https://fixture-mep.example"
    assert (
        event["offers"]["priceCurrency"] == "USD"
        and event["offers"]["url"].startswith("https://")
        and "price" in event["offers"]
    )
    assert event["url"] == f"{SITE}/events/{slug}/" and event["image"] == [
        soup.select_one('meta[property="og:image"]')["content"]
    ]
    assert [item["name"] for item in blocks["BreadcrumbList"]["itemListElement"]] == ["Home", "Events", event["name"]]


# --- the rest of the site ------------------------------------------------------------------------


def test_the_home_page_lists_up_to_three_upcoming_events(events_before, events_after):
    before = section(events_before.soup(""), "Upcoming events")
    assert card_slugs(before) == ["lean-basics-webinar", "supplier-forum", "iso-9001-workshop"], "three of the four"
    assert before.find("a", string="All events")["href"] == f"{SITE}/events/"
    assert card_slugs(section(events_after.soup(""), "Upcoming events")) == [
        "supplier-forum",
        "iso-9001-workshop",
        "export-growth-webinar",
    ]
    assert text_of(before).count("Free") == 1 and "$25" in text_of(before)


def test_each_service_line_lists_the_events_that_name_it(events_after):
    lean = events_after.soup("services/continuous-improvement-lean-strategies/")
    assert card_slugs(section(lean, "Upcoming events")) == [] and card_slugs(section(lean, "Past events")) == [
        "lean-basics-webinar"
    ]
    growth = events_after.soup("services/business-growth/")
    assert card_slugs(section(growth, "Past events")) == ["lean-basics-webinar"]
    assert linked_slugs(growth.select("main > ol.card-list")[-1]) == ["alpha"], "then its case studies, as before"
    assert card_slugs(section(events_after.soup("services/supply-chain-management/"), "Upcoming events")) == [
        "supplier-forum"
    ]
    assert section(events_after.soup("services/human-resources/"), "Upcoming events") is None


def test_recent_posts_stay_the_posts_and_events_are_not_in_the_posts_feeds(events_before):
    for soup in events_before.pages().values():
        assert not [slug for slug in linked_slugs(recent_list(soup)) if "webinar" in slug or "forum" in slug]
    assert "events/" not in (events_before.output / "feeds" / "all.atom.xml").read_text()


def test_events_are_laid_out_for_the_search_index_with_their_filter(events_before):
    indexed = events_before.output.with_name(f"{events_before.output.name}-search")
    assert (indexed / "events" / "lean-basics-webinar" / "index.html").is_file(), "event pages go to Pagefind"
    assert not (indexed / "events" / "index.html").exists(), "the list is not a search result"
    article = events_before.soup("events/lean-basics-webinar/").select_one("main article")
    assert "data-pagefind-body" in article.attrs and article["data-pagefind-filter"] == "kind:Events"
    assert [a.get_text() for a in article.select('a[data-pagefind-filter="service"]')] == [
        "Continuous Improvement & Lean Strategies",
        "Business Growth",
    ]
    assert events_before.soup("search/").select_one('input[name="kind"][value="Events"]') is not None


def test_the_sitemap_lists_published_events_and_the_events_page(events_before):
    sitemap = (events_before.output / "sitemap.xml").read_text()
    for path in ("events/", "events/lean-basics-webinar/", "events/safety-roundtable/"):
        assert f"<loc>{SITE}/{path}</loc>" in sitemap, path
    assert "members-only" not in sitemap and "planning" not in sitemap and ".ics" not in sitemap
    assert f"<loc>{SITE}/events/safety-roundtable/</loc>\n    <lastmod>2026-10-05</lastmod>" in sitemap


def test_two_builds_as_on_the_same_day_are_identical_byte_for_byte(events_after, events_source, tmp_path):
    again = build_on("2027-01-15T12:00:00", FIXTURE / "publishconf.py", events_source, tmp_path / "again")
    assert tree_digest(again.output) == tree_digest(events_after.output)


def test_what_an_event_says_is_text_on_its_page_in_its_json_ld_and_in_its_calendar_file(tmp_path):
    """Front matter is text wherever it goes: typed markup is shown as typed, never run. (A
    calendar file is text, not HTML: there it is the same text, as typed.)"""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    title = 'Lean <b>&</b> "Mean" </script><img src=x onerror=alert(1)>'
    place = "<b onmouseover=alert(1)>Generated Hall</b>, 12 Test Street, Springfield, IL 62701"
    (content / "events").mkdir()
    (content / "events" / "hostile.md").write_text(
        event_text(
            title,
            "2027-01-14 11:00",
            "2027-01-14 12:00",
            format="in person",
            location=place,
            slug="hostile",
            body="A plain body.",
            summary="<script>alert(1)</script> and a summary long enough for a card, as text.",
        ),
        encoding="utf-8",
    )
    site = build_on(BEFORE, FIXTURE / "publishconf.py", content, tmp_path / "out")
    for path in site.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            raw = path.read_text(encoding="utf-8", errors="ignore")
            assert "<img src=x" not in raw and "<b onmouseover" not in raw and "<script>alert" not in raw, path
    page = site.soup("events/hostile/")
    typed = "Lean <b>&</b> “Mean” </script><img src=x onerror=alert(1)>"  # typogrify's quotes
    assert words(page.h1) == typed
    assert facts(page)["Where"] == place and words(page.select_one(".post__lead")).startswith(
        "<script>alert(1)</script>"
    )
    assert words(banner_of(site.soup("about/"))).startswith("Next event: Lean <b>&</b>")
    event = json_ld(page)["Event"]
    assert event["name"] == typed and event["location"]["name"] == "<b onmouseover=alert(1)>Generated Hall</b>"
    calendar = icalendar.Calendar.from_ical((site.output / "events" / "hostile.ics").read_bytes())
    item = calendar.walk("VEVENT")[0]
    assert str(item["SUMMARY"]) == typed and str(item["LOCATION"]) == place
    assert str(item["DESCRIPTION"]).startswith("<script>alert(1)</script> and a summary")


def test_event_addresses_follow_the_settings_and_may_name_the_year(tmp_path):
    conf = tmp_path / "conf_with_years.py"
    derived_settings(
        conf, 'EVENT_URL = "events/{date:%Y}/{slug}/"\nEVENT_SAVE_AS = "events/{date:%Y}/{slug}/index.html"'
    )
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    write_events(content, {"webinar.md": GENERATED_EVENTS["lean-webinar.md"]})
    result = run_pelican(
        conf, tmp_path / "out", content=content, env={"SOURCE_DATE_EPOCH": epoch(BEFORE), "FIXTURE": str(FIXTURE)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = Site(tmp_path / "out", "", 0, SITE)
    assert site.path("events/2027/lean-basics-webinar/").is_file(), "{date} is the event's start, not the build's time"
    assert (site.output / "events" / "2027" / "lean-basics-webinar.ics").is_file()
    assert site.soup("events/").select_one("main .card__title a")["href"] == f"{SITE}/events/2027/lean-basics-webinar/"


def test_past_events_are_paginated_after_the_upcoming_ones(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    past = {
        f"past-{n:02d}.md": event_text(f"Roundtable {n:02d}", f"2026-{n:02d}-10 09:00", f"2026-{n:02d}-10 10:00")
        for n in range(1, 13)
    }
    write_events(content, {**past, "next.md": GENERATED_EVENTS["lean-webinar.md"]})
    site = build_on(BEFORE, FIXTURE / "publishconf.py", content, tmp_path / "out")
    first, second = site.soup("events/"), site.soup("events/page/2/")
    assert card_slugs(section(first, "Upcoming events")) == ["lean-basics-webinar"]
    assert card_slugs(section(first, "Past events")) == [f"roundtable-{n:02d}" for n in range(12, 2, -1)], (
        "ten to a page, newest first"
    )
    assert section(second, "Upcoming events") is None and words(second.h1) == "Past events"
    assert card_slugs(second.select_one("main section")) == ["roundtable-02", "roundtable-01"]
    assert first.select_one('.pagination a[rel="next"]')["href"] == f"{SITE}/events/page/2/"
    assert second.select_one('.pagination a[rel="prev"]')["href"] == f"{SITE}/events/"
    assert (
        words(first.title) == "Events – Fixture MEP"
        and words(second.title) == "Past events (page 2 of 2) – Fixture MEP"
    )
    assert second.select_one('link[rel="canonical"]')["href"] == f"{SITE}/events/page/2/"
    assert f"<loc>{SITE}/events/page/2/</loc>" in (site.output / "sitemap.xml").read_text()
