"""mep_kit.context.banner: the announcement until its end date (its setting is checked by mep_kit.settings)."""

from __future__ import annotations

import datetime

import pytest

from mep_kit.context.banner import active_banner, build_date
from mep_kit.settings import validate

TZ = datetime.UTC


@pytest.mark.parametrize("today, shown", [("2026-12-30", True), ("2026-12-31", True), ("2027-01-01", False)])
def test_banner_is_shown_through_its_end_date(today, shown):
    banner = active_banner({"text": "Webinar", "ends": "2026-12-31"}, datetime.date.fromisoformat(today))
    assert (banner is not None) is shown


def test_banner_errors_name_every_wrong_key():
    problems = validate({"BANNER": {"txt": "x", "ends": "31/12/2026"}}, lambda key: ("pelicanconf.py", 7))
    message = "\n".join(map(str, problems))
    assert "pelicanconf.py:7: BANNER: unknown key 'txt'" in message
    assert (
        "BANNER: 'text': required" in message and "'ends': expected a date as YYYY-MM-DD, got '31/12/2026'" in message
    )
    assert active_banner(None, datetime.date(2026, 1, 1)) is None


def test_build_date_follows_source_date_epoch_in_the_site_time_zone():
    # 2027-01-01 03:00 UTC is still December 31 in New York.
    epoch = str(int(datetime.datetime(2027, 1, 1, 3, tzinfo=TZ).timestamp()))
    assert build_date("America/New_York", {"SOURCE_DATE_EPOCH": epoch}) == datetime.date(2026, 12, 31)
