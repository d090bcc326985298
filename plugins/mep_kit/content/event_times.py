"""When an event is: ``Start:`` and ``End:`` read, and said in words.

A time is written ``2027-01-14 11:00``, in the site's ``TIMEZONE``; an explicit offset
(``2027-01-14 11:00 -05:00``) or a zone name (``2027-01-14 10:00 America/Chicago``) may
follow. :func:`parse_moment` turns it into an aware datetime, and refuses what a calendar
could not place: an impossible date, a time that does not exist on the night the clocks go
forward, and one that happens twice on the night they go back unless its offset says which.

:func:`span_in_words` says an event's time as a reader expects it, in the center's zone and
the site's language (:class:`mep_kit.languages.words.Language`): "Thursday, January 14, 2027,
11:00 a.m. – 12:00 p.m. ET", "jueves, 14 de enero de 2027, de 11:00 a 12:00 (hora del este)".
The day is Babel's (CLDR's full date of the language), the time is Babel's in a time pattern
of the catalog (English keeps the kit's "a.m." and "p.m."), and the sentence and the zone's
name are the catalog's; each time is kept on one line with its "a.m." and the zone (no-break
spaces). Nothing depends on the machine's locale.
"""

from __future__ import annotations

import datetime
import difflib
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..core.marker import N_

MOMENT_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?:\s*(?P<zone>\S.*))?$")
OFFSET_RE = re.compile(r"^(?:UTC|GMT)?\s*(?P<sign>[+-])(?P<hours>\d{1,2}):?(?P<minutes>\d{2})?$", re.IGNORECASE)
ZONE_NAME_RE = re.compile(r"^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)+$")
UTC_NAMES = ("Z", "UTC", "GMT")
#: Between a time and "a.m.", and before the zone: kept on one line (a no-break space).
BOUND = "\u00a0"
# Translators: CLDR time patterns (https://cldr.unicode.org/translation/date-time/date-time-patterns)
# for a time before noon and from noon on; a quoted 'word' is written as it is, as the kit's
# English "a.m." and "p.m.". A language with its own day periods uses "h:mm a", one that counts
# 24 hours "H:mm" for both. Keep the no-break space.
MORNING, AFTERNOON = N_("h:mm\u00a0'a.m.'"), N_("h:mm\u00a0'p.m.'")
#: The zones of the United States, as readers name them whatever the season (zone_label); said
#: in the site's language. Other zones are named by their abbreviation or offset.
US_ZONES = (N_("ET"), N_("CT"), N_("MT"), N_("PT"), N_("AKT"), N_("HT"), N_("AT"))


def example(zone: str) -> str:
    return f"expected a date and time such as 2027-01-14 11:00 (in {zone}), or with an offset or a zone name: 2027-01-14 11:00 -05:00, 2027-01-14 10:00 America/Chicago"


def offset_text(offset: datetime.timedelta) -> str:
    """-05:00 for five hours west of UTC."""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_of(text: str) -> datetime.tzinfo:
    """The zone or offset written after a time; ValueError saying what is expected."""
    text = text.strip()
    if text.upper() in UTC_NAMES:
        return datetime.UTC
    offset = OFFSET_RE.match(text)
    if offset:
        hours, minutes = int(offset.group("hours")), int(offset.group("minutes") or 0)
        if hours > 14 or minutes > 59:
            raise ValueError(f"'{text}' is not an offset from UTC; expected one such as -05:00")
        delta = datetime.timedelta(hours=hours, minutes=minutes)
        return datetime.timezone(-delta if offset.group("sign") == "-" else delta)
    if ZONE_NAME_RE.match(text):
        try:
            return ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            close = difflib.get_close_matches(text, sorted(available_timezones()), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ValueError(
                f"unknown time zone '{text}'{hint}; expected a zone name such as America/Chicago, or an offset such as -05:00"
            ) from None
    raise ValueError(f"'{text}' is neither an offset such as -05:00 nor a zone name such as America/Chicago")


def parse_moment(raw: str, timezone: str) -> datetime.datetime:
    """An event time as an aware datetime: ``raw`` in ``timezone`` (the site's), unless it
    names its own offset or zone. ValueError, saying what is expected, otherwise."""
    value = " ".join(str(raw).split())
    match = MOMENT_RE.match(value)
    if not match:
        raise ValueError(f"{example(timezone)}; got '{value}'")
    year, month, day, hour, minute = (int(part) for part in match.groups()[:5])
    try:
        naive = datetime.datetime(year, month, day, hour, minute)
    except ValueError as exc:
        raise ValueError(f"impossible date or time ({exc}), got '{value}'") from None
    written_zone = match.group("zone")
    zone = zone_of(written_zone) if written_zone else ZoneInfo(timezone or "UTC")
    if not isinstance(zone, ZoneInfo):
        return naive.replace(tzinfo=zone)
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValueError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {zone.key}: the clocks skip that hour when daylight saving time begins; "
            f"expected a time before or after it, got '{value}'"
        )
    if first.utcoffset() != second.utcoffset():
        raise ValueError(
            f"{naive:%Y-%m-%d %H:%M} happens twice in {zone.key}, as the clocks go back when daylight saving time ends; "
            f"add its offset: '{naive:%Y-%m-%d %H:%M} {offset_text(first.utcoffset())}' for the first, "
            f"'{offset_text(second.utcoffset())}' for the second"
        )
    return first


# --- in words --------------------------------------------------------------------------------


def clock_time(moment: datetime.datetime, language) -> str:
    """11:00 a.m., 12:00 p.m. (noon), 12:00 a.m. (midnight) in English; 11:00, 12:00 and 0:00 in
    Spanish: Babel, in the catalog's time pattern (:data:`MORNING`, :data:`AFTERNOON`)."""
    return language.time(moment, language.gettext(MORNING if moment.hour < 12 else AFTERNOON))


def day_in_words(moment: datetime.datetime | datetime.date, language) -> str:
    """Thursday, January 14, 2027; jueves, 14 de enero de 2027 (Babel's full date)."""
    return language.day(moment.date() if isinstance(moment, datetime.datetime) else moment)


def zone_label(moment: datetime.datetime) -> str:
    """The zone as readers name it, whatever the season: ET for EST and EDT, CT, MT, PT,
    AKT, HT; other zones by their abbreviation (UTC, CET) or offset (UTC+05)."""
    name = moment.tzname() or "UTC"
    generic = re.fullmatch(r"([A-Z]{1,3})[SD]T", name)
    if generic:
        return f"{generic.group(1)}T"
    return f"UTC{name}" if name[:1] in "+-" else name


def in_zone(moment: datetime.datetime, timezone: str) -> datetime.datetime:
    return moment.astimezone(ZoneInfo(timezone or "UTC"))


def zone_in_words(moment: datetime.datetime, language) -> str:
    """The zone of ``moment`` in the site's language: ET, or "hora del este" in Spanish."""
    label = zone_label(moment)
    return language.gettext(label) if label in US_ZONES else label


def moment_in_words(moment: datetime.datetime, timezone: str, language) -> str:
    """Thursday, January 14, 2027, 11:00 a.m. ET (in ``timezone``, the center's zone)."""
    local = in_zone(moment, timezone)
    words = {
        "day": day_in_words(local, language),
        "time": clock_time(local, language),
        "zone": zone_in_words(local, language),
    }
    # Translators: when an event starts, as in "Thursday, January 14, 2027, 11:00 a.m. ET" (the
    # banner). Keep the no-break space before the zone, or give it one where it goes.
    return language.gettext("%(day)s, %(time)s\u00a0%(zone)s") % words


def span_in_words(start: datetime.datetime, end: datetime.datetime, timezone: str, language) -> str:
    """Thursday, January 14, 2027, 11:00 a.m. – 12:00 p.m. ET; an event over several days
    names both days: Thursday, January 14, 2027, 9:00 a.m. – Friday, January 15, 2027,
    4:00 p.m. ET (in ``timezone``, the center's zone)."""
    first, last = in_zone(start, timezone), in_zone(end, timezone)
    words = {
        "day": day_in_words(first, language),
        "start": clock_time(first, language),
        "end": clock_time(last, language),
        "zone": zone_in_words(last, language),
    }
    if first.date() == last.date():
        # Translators: when an event of one day takes place, as in "Thursday, January 14, 2027,
        # 11:00 a.m. – 12:00 p.m. ET". Keep the no-break space before the zone.
        return language.gettext("%(day)s, %(start)s – %(end)s\u00a0%(zone)s") % words
    words["end_day"] = day_in_words(last, language)
    # Translators: when an event over several days takes place, as in "Thursday, January 14,
    # 2027, 9:00 a.m. – Friday, January 15, 2027, 4:00 p.m. ET".
    return language.gettext("%(day)s, %(start)s – %(end_day)s, %(end)s\u00a0%(zone)s") % words
