"""mep_kit.events.ical: calendar files (RFC 5545) of events, read back with the icalendar
package: the right start in its zone, a UID and DTSTAMP from the content, never the clock."""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import icalendar

from mep_kit.content.event_times import parse_moment
from mep_kit.events import ical
from mep_kit.languages.words import language

NEW_YORK = "America/New_York"
SITE = "https://fixture-mep.example"
ENGLISH = language("en")


@dataclass
class Event:
    slug: str = "lean-101"
    title: str = "Lean 101: Less&nbsp;Waste, Same&nbsp;Team"
    summary: str = "An hour on lean, with the center&#8217;s advisors; free."
    start: datetime.datetime = field(default_factory=lambda: parse_moment("2027-01-14 11:00", NEW_YORK))
    end: datetime.datetime = field(default_factory=lambda: parse_moment("2027-01-14 12:00", NEW_YORK))
    format: str = "online"
    location: str | None = None
    registration: str | None = "https://example.zoom.us/webinar/register/lean-101"
    price: decimal.Decimal = decimal.Decimal("0")
    url: str = "events/lean-101/"
    modified: datetime.datetime | None = None
    services: list = field(default_factory=list)


def read(data: bytes) -> icalendar.Calendar:
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n")), "lines are folded at 75 octets"
    return icalendar.Calendar.from_ical(data)


def only_event(calendar: icalendar.Calendar) -> icalendar.Event:
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_an_events_file_has_its_start_and_end_in_its_zone_a_stable_uid_and_text_as_text():
    calendar = read(ical.event_calendar(Event(), SITE, "fixture-mep.example", NEW_YORK, ENGLISH))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"] and calendar["METHOD"] == "PUBLISH"
    item = only_event(calendar)
    start, end = item.decoded("DTSTART"), item.decoded("DTEND")
    assert start == datetime.datetime(2027, 1, 14, 16, tzinfo=datetime.UTC) and end - start == datetime.timedelta(
        hours=1
    )
    assert item["DTSTART"].params["TZID"] == NEW_YORK and start.tzinfo == ZoneInfo(NEW_YORK)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [NEW_YORK], "the zone it names is defined in the file"
    assert str(item["UID"]) == "event-lean-101@fixture-mep.example"
    assert str(item["SUMMARY"]) == "Lean 101: Less Waste, Same Team"
    assert str(item["DESCRIPTION"]) == (
        "An hour on lean, with the center’s advisors; free.\n\n"
        "Details: https://fixture-mep.example/events/lean-101/\nRegister: https://example.zoom.us/webinar/register/lean-101"
    )
    assert str(item["LOCATION"]) == "Online" and str(item["URL"]) == "https://fixture-mep.example/events/lean-101/"
    assert "SUMMARY:Lean 101: Less Waste\\, Same Team" in calendar.to_ical().decode(), "commas escaped as RFC 5545 asks"


def test_an_events_words_are_in_the_sites_language():
    item = only_event(read(ical.event_calendar(Event(), SITE, "fixture-mep.example", NEW_YORK, language("es"))))
    assert str(item["DESCRIPTION"]).endswith(
        "\n\nDetalles: https://fixture-mep.example/events/lean-101/\n"
        "Inscripción: https://example.zoom.us/webinar/register/lean-101"
    )
    assert str(item["LOCATION"]) == "En línea"


def test_dtstamp_comes_from_the_content_never_the_clock():
    plain = only_event(read(ical.event_calendar(Event(), SITE, "fixture-mep.example", NEW_YORK, ENGLISH)))
    assert plain.decoded("DTSTAMP") == datetime.datetime(2027, 1, 14, 16, tzinfo=datetime.UTC), (
        "its start, without Modified"
    )
    assert "LAST-MODIFIED" not in plain
    modified = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=ZoneInfo(NEW_YORK))
    changed = only_event(
        read(ical.event_calendar(Event(modified=modified), SITE, "fixture-mep.example", NEW_YORK, ENGLISH))
    )
    assert changed.decoded("DTSTAMP") == changed.decoded("LAST-MODIFIED") == modified
    assert changed["DTSTAMP"].to_ical() == b"20261102T143000Z", "DTSTAMP is in UTC"
    assert ical.event_calendar(Event(), SITE, "fixture-mep.example", NEW_YORK, ENGLISH) == ical.event_calendar(
        Event(), SITE, "fixture-mep.example", NEW_YORK, ENGLISH
    )


def test_a_place_a_zone_name_and_an_offset():
    chicago = Event(
        slug="iso",
        start=parse_moment("2027-03-13 09:00 America/Chicago", NEW_YORK),
        end=parse_moment("2027-03-14 16:00 America/Chicago", NEW_YORK),
        format="hybrid",
        location="Training Center, 100 Main Street, Springfield, IL 62701",
        registration=None,
        services=[type("Line", (), {"name": "Quality"})()],
    )
    calendar = read(ical.event_calendar(chicago, SITE, "fixture-mep.example", NEW_YORK, ENGLISH))
    item = only_event(calendar)
    assert item["DTSTART"].params["TZID"] == "America/Chicago" and [
        tz["TZID"] for tz in calendar.walk("VTIMEZONE")
    ] == ["America/Chicago"]
    utc = datetime.UTC
    assert item.decoded("DTEND").astimezone(utc) - item.decoded("DTSTART").astimezone(utc) == datetime.timedelta(
        hours=30
    ), "the clocks go forward"
    assert str(item["LOCATION"]) == "Training Center, 100 Main Street, Springfield, IL 62701, and online"
    assert "Register" not in str(item["DESCRIPTION"]) and item["CATEGORIES"].cats == ["Quality"]
    offset = Event(
        start=parse_moment("2027-01-14 11:00 -06:00", NEW_YORK), end=parse_moment("2027-01-14 12:00 -06:00", NEW_YORK)
    )
    written = read(ical.event_calendar(offset, SITE, "fixture-mep.example", NEW_YORK, ENGLISH))
    assert b"DTSTART:20270114T170000Z" in written.to_ical(), "a bare offset is written in UTC, which needs no VTIMEZONE"
    assert only_event(written).decoded("DTSTART") == datetime.datetime(2027, 1, 14, 17, tzinfo=datetime.UTC)


def test_a_development_build_has_no_address_to_give():
    item = only_event(read(ical.event_calendar(Event(), "", "fixture-mep.example", NEW_YORK, ENGLISH)))
    assert "URL" not in item and "Details" not in str(item["DESCRIPTION"])


def test_the_feed_names_itself_asks_to_be_refreshed_daily_and_is_valid_when_empty():
    events = [
        Event(),
        Event(
            slug="iso", start=parse_moment("2028-02-01 09:00", NEW_YORK), end=parse_moment("2028-02-01 12:00", NEW_YORK)
        ),
    ]
    calendar = read(
        ical.feed(events, SITE, "fixture-mep.example", NEW_YORK, 2027, ENGLISH, "Fixture MEP: upcoming events")
    )
    assert calendar["NAME"] == calendar["X-WR-CALNAME"] == "Fixture MEP: upcoming events"
    assert (
        calendar.decoded("REFRESH-INTERVAL") == datetime.timedelta(days=1)
        and calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    )
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
        "event-lean-101@fixture-mep.example",
        "event-iso@fixture-mep.example",
    ]
    assert len(calendar.walk("VTIMEZONE")) == 1
    zones = [
        Event(
            slug=zone.split("/")[1].lower(),
            start=parse_moment(f"2027-01-14 11:00 {zone}", NEW_YORK),
            end=parse_moment(f"2027-01-14 12:00 {zone}", NEW_YORK),
        )
        for zone in ("America/New_York", "America/Phoenix", "America/Chicago", "Pacific/Honolulu")
    ]
    written = ical.feed(zones, SITE, "fixture-mep.example", NEW_YORK, 2027, ENGLISH, "x")
    assert [tz["TZID"] for tz in read(written).walk("VTIMEZONE")] == [
        "America/Chicago",
        "America/New_York",
        "America/Phoenix",
        "Pacific/Honolulu",
    ]
    assert written.index(b"BEGIN:VTIMEZONE") < written.index(b"BEGIN:VEVENT"), (
        "zones by TZID (the same bytes every build), before the events"
    )
    empty = read(ical.feed([], SITE, "fixture-mep.example", NEW_YORK, 2027, ENGLISH, "Fixture MEP: upcoming events"))
    assert empty.walk("VEVENT") == [] and [tz["TZID"] for tz in empty.walk("VTIMEZONE")] == [NEW_YORK], (
        "RFC 5545 wants one component"
    )


def test_uids_are_of_the_centers_domain():
    assert ical.domain("https://www.fixture-mep.example/", "https://staging.example.net", "x") == "fixture-mep.example"
    assert ical.domain(None, "https://staging.example.net/site", "x") == "staging.example.net"
    assert ical.domain(None, "", "northwind-mep") == "northwind-mep"
