"""The schema.org ``Event`` of an event's page, as JSON-LD data (a dict), with what Google's
event rich result requires (``name``, ``startDate``, ``location``: a ``Place`` with its
``address``, or a ``VirtualLocation`` with its ``url``) and recommends (``description``,
``endDate``, ``eventStatus``, ``eventAttendanceMode``, ``image``, ``offers``, ``organizer``).

The place is the ``Location:`` field, written as its name then its street address, comma
separated (``Training Center, 100 Main Street, Suite 2, Springfield, IL 62701``): the first part
is the place's ``name``, the rest its ``PostalAddress``, split into street, town, state and
ZIP code when it ends in a US "Town, ST 06067", else all of it as the street address. An
online event's ``VirtualLocation`` is its registration address (its page when it has none);
a hybrid event has both. Times keep their offset (``2027-01-14T11:00:00-05:00``).

:func:`mep_kit.outputs.structured.StructuredData.event` serialises it for the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..content import event_fields as fields
from ..content.markup import absolute

SCHEMA = "https://schema.org"
ATTENDANCE = {
    fields.ONLINE: f"{SCHEMA}/OnlineEventAttendanceMode",
    fields.IN_PERSON: f"{SCHEMA}/OfflineEventAttendanceMode",
    fields.HYBRID: f"{SCHEMA}/MixedEventAttendanceMode",
}
#: The end of a US address: state and ZIP code.
STATE_ZIP_RE = re.compile(r"^(?P<region>[A-Z]{2})\s+(?P<postal>\d{5}(?:-\d{4})?)$")


def postal_address(parts: list[str]) -> dict:
    """The address parts of a Location (after the place's name) as a ``PostalAddress``."""
    tail = STATE_ZIP_RE.match(parts[-1]) if len(parts) >= 3 else None
    if tail is None:
        return {"@type": "PostalAddress", "streetAddress": ", ".join(parts)}
    return {
        "@type": "PostalAddress",
        "streetAddress": ", ".join(parts[:-2]),
        "addressLocality": parts[-2],
        "addressRegion": tail.group("region"),
        "postalCode": tail.group("postal"),
        "addressCountry": "US",
    }


def place(location: str) -> dict:
    parts = fields.place_parts(location)
    return {"@type": "Place", "name": parts[0], "address": postal_address(parts[1:] or parts)}


def event(
    item,
    name: str,
    description: str,
    siteurl: str,
    center: Mapping,
    image: str | None = None,
    ended: bool = False,
    lang: str | None = None,
) -> dict:
    """``item`` (an :class:`~mep_kit.events.content.Event`) as a schema.org ``Event``;
    ``name`` and ``description`` as plain text, ``image`` its share card's address, ``ended``
    whether it is past (then no longer on offer) and ``lang`` the language it is given in."""
    url = absolute(siteurl, item.url)
    online = {"@type": "VirtualLocation", "url": item.registration or url}
    if item.format == fields.ONLINE:
        location = online
    elif item.format == fields.HYBRID:
        location = [place(item.location), online]
    else:
        location = place(item.location)
    offer = {"@type": "Offer", "price": f"{item.price:f}", "priceCurrency": "USD", "url": item.registration or url}
    if not ended:
        offer["availability"] = f"{SCHEMA}/InStock"
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": name,
        "description": description,
        "url": url,
        "startDate": item.start.isoformat(),
        "endDate": item.end.isoformat(),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": ATTENDANCE[item.format],
        "location": location,
        "organizer": {
            "@type": "Organization",
            "@id": absolute(siteurl, "#organization"),
            "name": center["name"],
            "url": center.get("url") or absolute(siteurl, ""),
        },
        "offers": offer,
    }
    if image:
        data["image"] = [image]
    if lang:
        data["inLanguage"] = lang
    return data
