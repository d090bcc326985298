"""mep_kit.events.clock: the build's one "now", from SOURCE_DATE_EPOCH when it is set."""

from __future__ import annotations

import datetime

import pytest

from mep_kit.events.clock import build_now, publication_status

UTC = datetime.UTC
NEW_YORK = "America/New_York"


def epoch(*parts) -> str:
    return str(int(datetime.datetime(*parts, tzinfo=UTC).timestamp()))


def test_source_date_epoch_is_the_build_now_in_the_sites_zone():
    now = build_now(NEW_YORK, {"SOURCE_DATE_EPOCH": epoch(2027, 1, 14, 16, 30)})
    assert now == datetime.datetime(2027, 1, 14, 16, 30, tzinfo=UTC)
    assert (now.hour, now.minute, now.utcoffset()) == (11, 30, datetime.timedelta(hours=-5))
    assert now.tzinfo.key == NEW_YORK
    summer = build_now(NEW_YORK, {"SOURCE_DATE_EPOCH": epoch(2027, 7, 14, 16, 30)})
    assert summer.hour == 12, "daylight saving time in July"


def test_without_source_date_epoch_it_is_the_clock_to_the_second():
    before = datetime.datetime.now(UTC).replace(microsecond=0)
    now = build_now(NEW_YORK, {})
    after = datetime.datetime.now(UTC)
    assert before <= now <= after and now.microsecond == 0 and now.tzinfo.key == NEW_YORK
    assert build_now(None, {"SOURCE_DATE_EPOCH": ""}).tzinfo.key == "UTC", "an empty value is no value"


@pytest.mark.parametrize("value", ["yesterday", "1.5e9", "-1", "17 67"])
def test_a_malformed_source_date_epoch_is_refused_with_what_is_expected(value):
    with pytest.raises(ValueError) as error:
        build_now(NEW_YORK, {"SOURCE_DATE_EPOCH": value})
    assert (
        str(error.value)
        == f"SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970-01-01 UTC, such as 1767225600, got {value!r}"
    )


@pytest.mark.parametrize(
    ("written", "day", "future_dates", "expected"),
    [
        ("published", 13, False, "published"),  # dated before now
        ("published", 15, False, "draft"),  # dated after now: a draft until then, in production
        ("published", 15, True, "published"),  # development shows it
        ("draft", 13, False, "draft"),  # the writer's draft stays one
        ("hidden", 15, False, "hidden"),
    ],
)
def test_a_post_dated_after_the_build_now_waits_in_production(written, day, future_dates, expected):
    now = datetime.datetime(2027, 1, 14, 12, tzinfo=UTC)
    assert publication_status(written, datetime.datetime(2027, 1, day, tzinfo=UTC), now, future_dates) == expected
