"""Calendar files of events (iCalendar, RFC 5545), written with the ``icalendar`` package.

Two kinds of file: one per event, behind its page's "Add to calendar"
(:func:`event_calendar`), and one of every upcoming event, which a calendar application
subscribes to (:func:`feed`). Both are the same bytes on every build of the same content:

* each event's ``UID`` is its slug at the center's domain (``event-lean-101@example-center.org``),
  so a calendar that has it recognises it again, whatever the build;
* ``DTSTAMP`` comes from the content, never the clock: the event's ``Modified:`` when it has
  one (also its ``LAST-MODIFIED``), else its start;
* times keep their zone: ``DTSTART;TZID=America/New_York:20270114T110000``, with the
  ``VTIMEZONE`` that defines it for the years the file covers (a time written with a bare
  offset is written in UTC, which needs none).

The subscription file names itself (``NAME``, ``X-WR-CALNAME``) and asks to be fetched again
daily (``REFRESH-INTERVAL``, ``X-PUBLISHED-TTL``), as the site is rebuilt daily. With no
upcoming event it still holds the site's ``VTIMEZONE``: RFC 5545 wants one component at least.

Events are read as objects with the attributes of :class:`mep_kit.events.content.Event`
(``slug``, ``title``, ``summary``, ``start``, ``end``, ``format``, ``location``,
``registration``, ``url``, and optionally ``modified`` and ``services``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from ..content import event_fields as fields
from ..content.markup import absolute, plain

PRODUCT_ID = "-//MEP center website kit//Events//EN"
REFRESH = datetime.timedelta(days=1)


def domain(center_url: str | None, siteurl: str | None, fallback: str) -> str:
    """The center's domain, for UIDs: of its ``CENTER["url"]``, else of ``SITEURL``, else
    ``fallback`` (the site's name made a slug)."""
    for url in (center_url, siteurl):
        host = urlsplit(url or "").hostname
        if host:
            return host.removeprefix("www.")
    return fallback


def uid(slug: str, center_domain: str) -> str:
    return f"event-{slug}@{center_domain}"


def ics_time(moment: datetime.datetime) -> datetime.datetime:
    """A time as the file writes it: in its zone when it has a named one, else in UTC."""
    return moment if isinstance(moment.tzinfo, ZoneInfo) else moment.astimezone(datetime.UTC)


def stamp(event) -> datetime.datetime:
    """DTSTAMP: the event's Modified, else its start, in UTC (never the build's time)."""
    return (getattr(event, "modified", None) or event.start).astimezone(datetime.UTC)


def vevent(event, siteurl: str, center_domain: str, language) -> icalendar.Event:
    """One event, its words (the links of its description, an online event's place) in the
    site's ``language``."""
    page = absolute(siteurl, event.url)
    published = page.startswith(("http://", "https://"))  # a URI: only with an absolute SITEURL
    # Translators: a line of an event's description in calendar applications.
    links = [language.gettext("Details: %(url)s") % {"url": page}] if published else []
    if event.registration:
        # Translators: a line of an event's description in calendar applications.
        links.append(language.gettext("Register: %(url)s") % {"url": event.registration})
    description = plain(event.summary) + ("\n\n" + "\n".join(links) if links else "")
    item = icalendar.Event()
    item.add("uid", uid(event.slug, center_domain))
    item.add("dtstamp", stamp(event))
    item.add("dtstart", ics_time(event.start))
    item.add("dtend", ics_time(event.end))
    item.add("summary", plain(event.title))
    item.add("description", description)
    item.add("location", fields.place(event.format, event.location, language))
    if published:
        item.add("url", page)
    item.add("status", "CONFIRMED")
    if getattr(event, "modified", None):
        item.add("last-modified", event.modified.astimezone(datetime.UTC))
    services = [service.name for service in getattr(event, "services", None) or ()]
    if services:
        item.add("categories", services)
    return item


def calendar(
    events: Iterable, siteurl: str, center_domain: str, timezone: str, year: int, language, name: str | None = None
) -> bytes:
    """A VCALENDAR of ``events``, with the VTIMEZONE of every zone they use (and of
    ``timezone``, the site's, when there is none), covering their years (``year`` when there
    are no events)."""
    events = list(events)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "P1D")
    for event in events:
        cal.add_component(vevent(event, siteurl, center_domain, language))
    first = min((event.start.year for event in events), default=year)
    last = max((event.end.year for event in events), default=year) + 1
    span = {"first_date": datetime.date(first, 1, 1), "last_date": datetime.date(last, 1, 1)}
    if events:
        cal.add_missing_timezones(**span)
        # icalendar adds them in the order of a set, which changes from process to process:
        # by TZID, so that two builds write the same bytes.
        zones = sorted(cal.timezones, key=lambda zone: str(zone["TZID"]))
        cal.subcomponents[:] = [*zones, *(part for part in cal.subcomponents if part.name != "VTIMEZONE")]
    else:
        cal.add_component(icalendar.Timezone.from_tzinfo(ZoneInfo(timezone or "UTC"), **span))
    return cal.to_ical()


def event_calendar(event, siteurl: str, center_domain: str, timezone: str, language) -> bytes:
    """The file of one event (its page's "Add to calendar")."""
    return calendar([event], siteurl, center_domain, timezone, event.start.year, language)


def feed(upcoming: Iterable, siteurl: str, center_domain: str, timezone: str, year: int, language, name: str) -> bytes:
    """The subscription of every upcoming event, named ``name``."""
    return calendar(upcoming, siteurl, center_domain, timezone, year, language, name)
