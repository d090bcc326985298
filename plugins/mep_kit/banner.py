"""The site-wide announcement banner (``BANNER`` in pelicanconf.py), shown until its end date.

``BANNER = {"text": ..., "link_text": ..., "link": ..., "ends": "YYYY-MM-DD"}``: ``text`` and
``ends`` are required, ``link`` is a path on the site (``contact/#webinar``) or a full URL.
A build on or before ``ends`` puts the banner on every page; a later build leaves it out.
"Today" is the build's date in ``TIMEZONE``, or the date of ``SOURCE_DATE_EPOCH`` when that
is set (the reproducible-builds convention), so a rebuild of old sources is repeatable.
"""

from __future__ import annotations

import datetime
import os
from zoneinfo import ZoneInfo

from .errors import ContentError, Problem

FIELDS = {"text": True, "ends": True, "link": False, "link_text": False}


def build_date(timezone: str | None, environ=os.environ) -> datetime.date:
    """The date this build counts as today."""
    zone = ZoneInfo(timezone or "UTC")
    epoch = environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.datetime.fromtimestamp(int(epoch), zone) if epoch else datetime.datetime.now(zone)
    return moment.date()


def validate(config) -> list[str]:
    """What is wrong with a ``BANNER`` setting, as messages (empty when it is right)."""
    if not isinstance(config, dict):
        return [f"expected a dict with {', '.join(repr(k) for k in FIELDS)}, got {type(config).__name__}"]
    problems = [f"unknown key {key!r}; expected one of {', '.join(FIELDS)}" for key in config if key not in FIELDS]
    problems += [f"{key!r}: required" for key, required in FIELDS.items() if required and not config.get(key)]
    ends = config.get("ends")
    if ends and not isinstance(ends, datetime.date):
        try:
            datetime.date.fromisoformat(str(ends))
        except ValueError:
            problems.append(f"'ends': expected a date as YYYY-MM-DD, got {ends!r}")
    return problems


def active_banner(config, today: datetime.date) -> dict | None:
    """The banner to show on a build made on ``today``, or None (none set, or it has ended).
    Raises :class:`ContentError` naming pelicanconf.py and the key when ``config`` is wrong."""
    if not config:
        return None
    problems = validate(config)
    if problems:
        raise ContentError([Problem("pelicanconf.py", None, f"BANNER: {message}") for message in problems])
    ends = config["ends"]
    ends = ends if isinstance(ends, datetime.date) else datetime.date.fromisoformat(str(ends))
    return {**config, "ends": ends} if today <= ends else None
