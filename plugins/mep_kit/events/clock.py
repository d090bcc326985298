"""The build's "now": one moment for the whole build, in the site's time zone.

Whatever depends on the day of the build reads it from the build's state, where
:func:`mep_kit.plugin.start_build` puts it once per build (so live reload gets a new one each
time): whether an event is upcoming or past and which one is the banner
(:mod:`mep_kit.events.listing`), whether the ``BANNER`` setting has ended
(:mod:`mep_kit.context.banner`), which posts dated in the future a production build leaves out
(:func:`publication_status`), and the check's notices about them.

It is ``SOURCE_DATE_EPOCH`` when that is set (the reproducible-builds convention,
https://reproducible-builds.org/specs/source-date-epoch/: seconds since 1970-01-01 UTC), so
two builds with the same value write the same bytes and an old commit can be built as on
its day; otherwise the clock.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from zoneinfo import ZoneInfo

VARIABLE = "SOURCE_DATE_EPOCH"


def build_now(timezone: str | None, environ: Mapping[str, str] = os.environ) -> datetime.datetime:
    """The moment this build counts as now, in ``timezone`` (the site's ``TIMEZONE``), to
    the second. ValueError, with what was expected, when ``SOURCE_DATE_EPOCH`` is not a
    whole number of seconds (the convention asks a build to stop then)."""
    zone = ZoneInfo(timezone or "UTC")
    epoch = environ.get(VARIABLE)
    if epoch is None or epoch == "":
        return datetime.datetime.now(zone).replace(microsecond=0)
    if not epoch.strip().isdigit():
        raise ValueError(
            f"{VARIABLE}: expected a whole number of seconds since 1970-01-01 UTC, such as 1767225600, got {epoch!r}"
        )
    return datetime.datetime.fromtimestamp(int(epoch), zone)


def publication_status(
    written: str, date: datetime.datetime | None, now: datetime.datetime, with_future_dates: bool
) -> str:
    """The status of a post whose writer gave it ``written`` (``published`` when none), dated
    ``date``, on a build made at ``now``: with ``WITH_FUTURE_DATES = False`` (production), a
    published post dated after now is a draft until then, as Pelican has it, but on the
    build's now rather than the wall clock."""
    if with_future_dates or written != "published" or date is None:
        return written
    return "draft" if date.timestamp() > now.timestamp() else "published"
