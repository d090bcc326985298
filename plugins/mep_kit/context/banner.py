"""The site-wide announcement banner (``BANNER`` in pelicanconf.py), shown until its end date.

``BANNER = {"text": ..., "link_text": ..., "link": ..., "ends": "YYYY-MM-DD"}``: ``text`` and
``ends`` are required, ``link`` is a path on the site (``contact/#webinar``) or a full URL.
A build on or before ``ends`` puts the banner on every page; a later build leaves it out.
"Today" is the date of the build's now in ``TIMEZONE`` (:mod:`mep_kit.events.clock`: the date
of ``SOURCE_DATE_EPOCH`` when that is set), so a rebuild of old sources is repeatable. While
no ``BANNER`` is current, the next upcoming event is the banner
(:func:`mep_kit.events.listing.banner`).
"""

from __future__ import annotations

import datetime
import os

from ..events.clock import build_now


def build_date(timezone: str | None, environ=os.environ) -> datetime.date:
    """The date this build counts as today."""
    return build_now(timezone, environ).date()


def active_banner(config, today: datetime.date) -> dict | None:
    """The banner to show on a build made on ``today``, or None (none set, or it has ended).
    The setting itself is checked when Pelican starts (:func:`mep_kit.settings.banner`)."""
    if not config:
        return None
    ends = config["ends"]
    ends = ends if isinstance(ends, datetime.date) else datetime.date.fromisoformat(str(ends))
    return {**config, "ends": ends} if today <= ends else None
