"""mep_kit.content.event_times: Start and End read in the site's zone (or the one given), and said in
words in the center's zone."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mep_kit.content.event_times import (
    clock_time,
    moment_in_words,
    parse_moment,
    span_in_words,
    zone_in_words,
    zone_label,
)
from mep_kit.languages.words import language

NEW_YORK = "America/New_York"
ENGLISH, SPANISH = language("en"), language("es")
UTC = datetime.UTC


def at(text: str, zone: str = NEW_YORK) -> datetime.datetime:
    return parse_moment(text, zone)


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2027-01-14 11:00", "2027-01-14 16:00"),  # the site's zone, in winter (EST)
        ("2027-07-14 11:00", "2027-07-14 15:00"),  # and in summer (EDT)
        ("2027-01-14T11:00", "2027-01-14 16:00"),
        ("2027-01-14 9:05", "2027-01-14 14:05"),
        ("2027-01-14 11:00 -06:00", "2027-01-14 17:00"),  # an explicit offset
        ("2027-01-14 11:00 +0530", "2027-01-14 05:30"),
        ("2027-01-14 11:00 UTC", "2027-01-14 11:00"),
        ("2027-01-14 11:00 Z", "2027-01-14 11:00"),
        ("2027-01-14 10:00 America/Chicago", "2027-01-14 16:00"),  # a zone name
        ("2027-07-14 10:00 America/Phoenix", "2027-07-14 17:00"),  # Arizona keeps MST all year
        ("  2027-01-14   11:00  ", "2027-01-14 16:00"),
    ],
)
def test_times_are_read_in_the_sites_zone_unless_they_name_another(text, utc):
    assert at(text).astimezone(UTC) == datetime.datetime.fromisoformat(utc).replace(tzinfo=UTC)


def test_a_zone_name_is_kept_and_an_offset_is_a_fixed_offset():
    assert at("2027-01-14 10:00 America/Chicago").tzinfo == ZoneInfo("America/Chicago")
    assert at("2027-01-14 11:00").tzinfo == ZoneInfo(NEW_YORK)
    assert at("2027-01-14 11:00 -06:00").utcoffset() == datetime.timedelta(hours=-6)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "January 14, 2027 11am",
            "expected a date and time such as 2027-01-14 11:00 (in America/New_York), or with an offset or a zone name: "
            "2027-01-14 11:00 -05:00, 2027-01-14 10:00 America/Chicago; got 'January 14, 2027 11am'",
        ),
        ("2027-01-14", "expected a date and time such as 2027-01-14 11:00"),
        ("2027-02-30 11:00", "impossible date or time (day is out of range for month), got '2027-02-30 11:00'"),
        ("2027-01-14 25:00", "impossible date or time (hour must be in 0..23), got '2027-01-14 25:00'"),
        (
            "2027-01-14 11:00 America/Chicgo",
            "unknown time zone 'America/Chicgo' (did you mean 'America/Chicago'?); expected a zone name such as America/Chicago",
        ),
        ("2027-01-14 11:00 ET", "'ET' is neither an offset such as -05:00 nor a zone name such as America/Chicago"),
        ("2027-01-14 11:00 +25:00", "'+25:00' is not an offset from UTC; expected one such as -05:00"),
        # The night the clocks go forward in New York (2027-03-14), 2:30 never happens...
        (
            "2027-03-14 02:30",
            "2027-03-14 02:30 does not exist in America/New_York: the clocks skip that hour when daylight saving time begins; "
            "expected a time before or after it, got '2027-03-14 02:30'",
        ),
        # ... and the night they go back (2027-11-07), 1:30 happens twice.
        (
            "2027-11-07 01:30",
            "2027-11-07 01:30 happens twice in America/New_York, as the clocks go back when daylight saving time ends; "
            "add its offset: '2027-11-07 01:30 -04:00' for the first, '-05:00' for the second",
        ),
        ("2027-03-28 02:30 Europe/Berlin", "2027-03-28 02:30 does not exist in Europe/Berlin"),
    ],
)
def test_what_a_calendar_could_not_place_is_refused_saying_what_is_expected(text, message):
    with pytest.raises(ValueError) as error:
        at(text)
    assert str(error.value).startswith(message), str(error.value)


def test_a_time_that_happens_twice_is_placed_by_its_offset():
    first, second = at("2027-11-07 01:30 -04:00"), at("2027-11-07 01:30 -05:00")
    assert second - first == datetime.timedelta(hours=1)
    assert at("2027-11-07 00:30") < first and at("2027-11-07 03:00") > second


@given(
    st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2060, 12, 31)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
    st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: m - m % 15),
)
def test_any_time_with_its_offset_reads_back_as_the_same_instant(moment, minutes):
    offset = datetime.timedelta(minutes=minutes)
    sign = "-" if minutes < 0 else "+"
    text = f"{moment:%Y-%m-%d %H:%M} {sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    assert at(text) == moment.replace(tzinfo=datetime.timezone(offset))


# --- in words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2027-01-14 11:00", "2027-01-14 12:00", "Thursday, January 14, 2027, 11:00 a.m. – 12:00 p.m. ET"),
        ("2027-07-14 13:30", "2027-07-14 15:00", "Wednesday, July 14, 2027, 1:30 p.m. – 3:00 p.m. ET"),
        (
            "2027-01-14 09:00",
            "2027-01-15 16:00",
            "Thursday, January 14, 2027, 9:00 a.m. – Friday, January 15, 2027, 4:00 p.m. ET",
        ),
        (
            "2027-01-14 22:00",
            "2027-01-15 00:00",
            "Thursday, January 14, 2027, 10:00 p.m. – Friday, January 15, 2027, 12:00 a.m. ET",
        ),
        # Over the night the clocks go forward: EST, then EDT, both "ET".
        (
            "2027-03-13 09:00",
            "2027-03-14 16:00",
            "Saturday, March 13, 2027, 9:00 a.m. – Sunday, March 14, 2027, 4:00 p.m. ET",
        ),
        # Given in Chicago's time, said in the center's.
        (
            "2027-01-14 10:00 America/Chicago",
            "2027-01-14 11:00 America/Chicago",
            "Thursday, January 14, 2027, 11:00 a.m. – 12:00 p.m. ET",
        ),
        ("2027-01-14 23:30 -08:00", "2027-01-15 00:30 -08:00", "Friday, January 15, 2027, 2:30 a.m. – 3:30 a.m. ET"),
    ],
)
def test_a_span_in_words_in_the_centers_zone(start, end, words):
    assert span_in_words(at(start), at(end), NEW_YORK, ENGLISH).replace("\xa0", " ") == words


def test_one_moment_in_words_and_the_clock_around_noon_and_midnight():
    assert (
        moment_in_words(at("2027-01-14 11:00"), NEW_YORK, ENGLISH) == "Thursday, January 14, 2027, 11:00\xa0a.m.\xa0ET"
    ), "never 11:00 / a.m. / ET on two lines"
    assert [
        clock_time(at(f"2027-01-14 {hour}"), ENGLISH) for hour in ("00:00", "00:05", "12:00", "12:59", "23:59")
    ] == ["12:00\xa0a.m.", "12:05\xa0a.m.", "12:00\xa0p.m.", "12:59\xa0p.m.", "11:59\xa0p.m."]


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2027-01-14 11:00", "2027-01-14 12:00", "jueves, 14 de enero de 2027, de 11:00 a 12:00 (hora del este)"),
        ("2027-07-14 13:30", "2027-07-14 15:00", "miércoles, 14 de julio de 2027, de 13:30 a 15:00 (hora del este)"),
        (
            "2027-01-14 22:00",
            "2027-01-15 00:00",
            "del jueves, 14 de enero de 2027, 22:00, al viernes, 15 de enero de 2027, 0:00 (hora del este)",
        ),
    ],
)
def test_a_span_in_spanish_words(start, end, words):
    """Babel's Spanish days and 24-hour clock, in the catalog's sentence."""
    assert span_in_words(at(start), at(end), NEW_YORK, SPANISH).replace("\xa0", " ") == words


def test_one_moment_in_spanish_and_the_zones_of_the_united_states_by_name():
    assert (
        moment_in_words(at("2027-01-14 11:00"), NEW_YORK, SPANISH)
        == "jueves, 14 de enero de 2027, 11:00\xa0(hora del este)"
    )
    moment = datetime.datetime(2027, 1, 14, 12, tzinfo=ZoneInfo("America/Puerto_Rico"))
    assert (zone_in_words(moment, SPANISH), zone_in_words(moment, ENGLISH)) == ("hora del Atlántico", "AT")
    berlin = datetime.datetime(2027, 1, 14, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    assert zone_in_words(berlin, SPANISH) == "CET", "a zone without a name of the kit's is its abbreviation"


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("America/New_York", "ET"),
        ("America/Chicago", "CT"),
        ("America/Denver", "MT"),
        ("America/Phoenix", "MT"),
        ("America/Los_Angeles", "PT"),
        ("America/Anchorage", "AKT"),
        ("Pacific/Honolulu", "HT"),
        ("America/Puerto_Rico", "AT"),
        ("UTC", "UTC"),
        ("Europe/Berlin", "CET"),
        ("Asia/Dubai", "UTC+04"),
    ],
)
def test_zones_are_named_as_readers_name_them_in_winter_and_summer(zone, label):
    for month in (1, 7):
        assert zone_label(datetime.datetime(2027, month, 14, 12, tzinfo=ZoneInfo(zone))) == label
