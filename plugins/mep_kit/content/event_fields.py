"""The event fields: what each must hold (the schema's checks call these), and their values
for the templates.

The schema (:data:`mep_kit.content.schema.SCHEMAS`) declares the fields of an event and their
kinds; :func:`mep_kit.content.schema.validate` asks this module about the kinds only events have
(``moment``, ``https``, ``price``) and about the rules between fields (:func:`rules`): the end
after the start, a place unless the event is online. Each function returns the message of a
problem, without the field's name (the schema adds it), or None.

:func:`metadata` turns a checked front matter into the values templates read (aware
datetimes, the price as a Decimal, ...); :func:`price_text`, :func:`place` and
:func:`format_label` say them as the page shows them, in the site's language
(:class:`mep_kit.languages.words.Language`).
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Mapping

from ..core.marker import N_
from .event_times import parse_moment

#: Format: -> how the event is attended.
FORMATS = ("online", "in person", "hybrid")
ONLINE, IN_PERSON, HYBRID = FORMATS
#: How the page names each format.
FORMAT_LABELS = {ONLINE: N_("Online"), IN_PERSON: N_("In person"), HYBRID: N_("In person and online")}
HTTPS_RE = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s<>\"'`\\]*)?$")
PRICE_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?$")
#: Shown with each message about a place.
PLACE_EXAMPLE = "'Training Center, 100 Main Street, Suite 2, Springfield, IL 62701'"


def moment_problem(value: str, timezone: str) -> str | None:
    try:
        parse_moment(value, timezone)
    except ValueError as exc:
        return str(exc)
    return None


def https_problem(value: str) -> str | None:
    """An address readers are sent to: https only."""
    if HTTPS_RE.match(value):
        return None
    if value.lower().startswith("http://"):
        return f"'{value}' is not a secure address; expected its https:// address"
    return f"expected an https:// address such as https://example.zoom.us/webinar/register/..., got '{value}'"


def price_problem(value: str) -> str | None:
    if PRICE_RE.match(value):
        return None
    return f"expected a price in dollars such as 0, 25 or 149.50 (0 is shown as Free; no $ or words), got '{value}'"


def parse_price(value: str) -> decimal.Decimal:
    return decimal.Decimal(value.replace(",", ""))


def normal_choice(value: str) -> str:
    """A choice as compared: lower case, hyphens and runs of spaces as one space."""
    return " ".join(value.lower().replace("-", " ").split())


def place_parts(location: str) -> list[str]:
    return [part.strip() for part in location.split(",") if part.strip()]


def rules(meta: Mapping[str, str], timezone: str) -> list[tuple[str, str, str]]:
    """(field, message, the field whose line to name) for every rule between an event's
    fields that ``meta`` (the raw front matter, lower-case keys) breaks; fields that are
    wrong on their own are left to their own check."""
    found = []
    start_text, end_text = meta.get("start", "").strip(), meta.get("end", "").strip()
    try:
        start, end = parse_moment(start_text, timezone), parse_moment(end_text, timezone)
    except ValueError:
        start = end = None
    if start is not None and end is not None and end.timestamp() <= start.timestamp():
        when = "the same time as" if end.timestamp() == start.timestamp() else "before"
        found.append(("end", f"{when} the start ({start_text}); expected a time after it", "end"))
    kind = normal_choice(meta.get("format", ""))
    location = " ".join(meta.get("location", "").split())
    if kind in (IN_PERSON, HYBRID) and not location:
        found.append(
            (
                "location",
                f"required for an event that is {'in person' if kind == IN_PERSON else 'hybrid'}: the place's name and street address, such as {PLACE_EXAMPLE}",
                "format",
            )
        )
    elif kind == ONLINE and location:
        found.append(
            (
                "location",
                f"'{location}' is given for an online event, which is shown as Online with its Registration link; "
                "remove the Location line, or set 'Format: hybrid' if it also takes place somewhere",
                "location",
            )
        )
    elif location and len(place_parts(location)) < 2:
        found.append(
            (
                "location",
                f"expected the place's name and its street address, separated by commas, such as {PLACE_EXAMPLE}; got '{location}'",
                "location",
            )
        )
    return found


def metadata(meta: Mapping[str, str], timezone: str) -> dict:
    """The values of a checked event's fields (``meta``: raw front matter, lower-case keys)
    as templates read them; service lines are left to the reader (they are categories)."""
    location = " ".join(meta.get("location", "").split())
    registration = meta.get("registration", "").strip()
    return {
        "start": parse_moment(meta["start"], timezone),
        "end": parse_moment(meta["end"], timezone),
        "format": normal_choice(meta["format"]),
        "location": location or None,
        "registration": registration or None,
        "price": parse_price(meta["price"].strip()),
    }


# --- as the page says them ---------------------------------------------------------------


def price_text(price: decimal.Decimal | None, language) -> str | None:
    """Free, $25, $149.50, $1,200 (None when no price is given)."""
    if price is None:
        return None
    if price == 0:
        return language.gettext("Free")
    return language.money(price)


def format_label(kind: str, language) -> str:
    return language.gettext(FORMAT_LABELS[kind]) if kind in FORMAT_LABELS else kind


def place(kind: str, location: str | None, language) -> str:
    """Where readers go: Online, the place, or the place "and online"."""
    if kind == ONLINE or not location:
        return language.gettext(FORMAT_LABELS[ONLINE])
    # Translators: where a hybrid event takes place, as in "Training Center, Springfield, and online".
    return language.gettext("%(place)s, and online") % {"place": location} if kind == HYBRID else location
