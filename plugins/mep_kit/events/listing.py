"""Which events are upcoming and which past, on the build's now, and what follows from it:
the lists of ``/events/``, the home page and each service line, and the banner.

An event is upcoming until it ends: one under way is still upcoming (its page is still the
place to join), and it moves to the past on the first build after its end. Upcoming events
come soonest first, past ones newest first; events that start together are ordered by slug,
so every build lists them in the same order.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping


def soonest_first(event) -> tuple:
    return (event.start.timestamp(), event.slug)


def newest_first(event) -> tuple:
    return (-event.start.timestamp(), event.slug)


def ended(event, now: datetime.datetime) -> bool:
    """Whether ``event`` is over at ``now`` (compared as instants: Python compares two times
    of one zone by their clock time, which repeats an hour the night the clocks go back)."""
    return event.end.timestamp() <= now.timestamp()


def split(events: Iterable, now: datetime.datetime) -> tuple[list, list]:
    """(upcoming, past) of ``events`` (the published ones) on a build made at ``now``."""
    events = list(events)
    upcoming = sorted((event for event in events if not ended(event, now)), key=soonest_first)
    past = sorted((event for event in events if ended(event, now)), key=newest_first)
    return upcoming, past


def by_service(upcoming: Iterable, past: Iterable, service_lines: Iterable[str]) -> dict[str, dict[str, list]]:
    """{service line: {"upcoming": [...], "past": [...]}}: the events that name each line in
    their ``Services:``, in the order of ``upcoming`` and ``past``."""
    found: dict[str, dict[str, list]] = {name: {"upcoming": [], "past": []} for name in service_lines}
    for key, events in (("upcoming", upcoming), ("past", past)):
        for event in events:
            for service in getattr(event, "services", None) or ():
                if service.name in found:
                    found[service.name][key].append(event)
    return found


def banner(setting_banner: Mapping | None, upcoming: list) -> dict | None:
    """The banner of every page: the ``BANNER`` setting while it is set and current
    (``setting_banner``, already None once it has ended), else the next upcoming event,
    else none."""
    if setting_banner:
        return dict(setting_banner)
    if upcoming:
        return {"event": upcoming[0]}
    return None
