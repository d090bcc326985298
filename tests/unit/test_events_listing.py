"""mep_kit.events.listing: upcoming until an event ends, past after; the service lines' events;
the banner."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from mep_kit.events.listing import banner, by_service, split

UTC = datetime.UTC
NOW = datetime.datetime(2027, 1, 14, 12, tzinfo=UTC)


def event(slug, start_hours, length=1, services=()):
    start = NOW + datetime.timedelta(hours=start_hours)
    return SimpleNamespace(
        slug=slug,
        start=start,
        end=start + datetime.timedelta(hours=length),
        services=[SimpleNamespace(name=name) for name in services],
    )


def test_upcoming_soonest_first_until_it_ends_and_past_newest_first():
    events = [
        event("over", -3, 2),  # ended an hour ago
        event("ends-now", -1, 1),  # ends exactly now: past
        event("under-way", -1, 2),  # started an hour ago, ends in an hour: still upcoming
        event("b-tomorrow", 24),
        event("a-tomorrow", 24),  # same start: by slug
        event("next-week", 24 * 7),
        event("last-year", -24 * 365),
    ]
    upcoming, past = split(events, NOW)
    assert [e.slug for e in upcoming] == ["under-way", "a-tomorrow", "b-tomorrow", "next-week"]
    assert [e.slug for e in past] == ["ends-now", "over", "last-year"]
    assert split([], NOW) == ([], [])


def test_each_service_line_lists_the_events_that_name_it():
    lean, both, other = (
        event("lean", 2, services=["Lean"]),
        event("both", 5, services=["Lean", "Quality"]),
        event("other", -5, services=["Quality"]),
    )
    found = by_service([lean, both], [other], ["Lean", "Quality", "Safety"])
    assert {
        name: {key: [e.slug for e in events] for key, events in lists.items()} for name, lists in found.items()
    } == {
        "Lean": {"upcoming": ["lean", "both"], "past": []},
        "Quality": {"upcoming": ["both"], "past": ["other"]},
        "Safety": {"upcoming": [], "past": []},
    }


def test_the_banner_setting_wins_while_current_then_the_next_event_then_none():
    setting = {"text": "Our new office opens on Monday.", "ends": datetime.date(2027, 1, 31)}
    upcoming, _ = split([event("later", 48), event("next", 24)], NOW)
    assert banner(setting, upcoming) == setting
    assert banner(None, upcoming) == {"event": upcoming[0]} and upcoming[0].slug == "next"
    assert banner(None, []) is None
