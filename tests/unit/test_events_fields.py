"""mep_kit.content.event_fields: what each event field must hold, the rules between them, and their
values as the page says them."""

from __future__ import annotations

import decimal

import pytest

from mep_kit.content.event_fields import (
    format_label,
    https_problem,
    metadata,
    moment_problem,
    place,
    price_problem,
    price_text,
    rules,
)
from mep_kit.languages.words import language

NEW_YORK = "America/New_York"
ENGLISH, SPANISH = language("en"), language("es")
ONLINE = {"start": "2027-01-14 11:00", "end": "2027-01-14 12:00", "format": "online", "price": "0"}
IN_PERSON = {
    **ONLINE,
    "format": "in person",
    "location": "Training Center, 100 Main Street, Suite 2, Springfield, IL 62701",
}


@pytest.mark.parametrize(
    ("value", "fine"),
    [
        ("https://example.zoom.us/webinar/register/WN_abc?x=1&y=2#top", True),
        ("https://example.org", True),
        ("https://example.org:8443/register", True),
        ("http://example.org/register", False),
        ("example.org/register", False),
        ("javascript:alert(1)", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ('https://example.org/"><script>', False),
        ("//example.org", False),
    ],
)
def test_registration_must_be_an_https_address(value, fine):
    assert (https_problem(value) is None) is fine, https_problem(value)


def test_an_http_registration_is_named_as_not_secure():
    assert (
        https_problem("http://example.org/r")
        == "'http://example.org/r' is not a secure address; expected its https:// address"
    )


@pytest.mark.parametrize(
    ("value", "shown", "spanish"),
    [
        ("0", "Free", "Gratis"),
        ("0.00", "Free", "Gratis"),
        ("25", "$25", "25 US$"),
        ("25.00", "$25", "25 US$"),
        ("149.50", "$149.50", "149,50 US$"),
        ("1,200", "$1,200", "1.200 US$"),
        ("1200.75", "$1,200.75", "1.200,75 US$"),
        ("12,500", "$12,500", "12.500 US$"),
    ],
)
def test_prices_in_dollars_and_free_in_the_sites_language(value, shown, spanish):
    assert price_problem(value) is None
    price = metadata({**ONLINE, "price": value}, NEW_YORK)["price"]
    assert price_text(price, ENGLISH) == shown
    assert price_text(price, SPANISH).replace("\xa0", " ") == spanish, (
        "Babel's Spanish: the symbol after, a comma for cents, a point between thousands"
    )


@pytest.mark.parametrize("value", ["$25", "25 dollars", "free", "-5", "25.5", "1,20", "12,0000"])
def test_a_price_that_is_not_dollars_is_refused(value):
    assert (
        price_problem(value)
        == f"expected a price in dollars such as 0, 25 or 149.50 (0 is shown as Free; no $ or words), got '{value}'"
    )


def test_a_start_is_checked_in_the_sites_zone():
    assert moment_problem("2027-01-14 11:00", NEW_YORK) is None
    assert moment_problem("2027-03-14 02:30", NEW_YORK).startswith(
        "2027-03-14 02:30 does not exist in America/New_York"
    )
    assert moment_problem("2027-03-14 02:30", "UTC") is None


@pytest.mark.parametrize(
    ("meta", "found"),
    [
        (ONLINE, []),
        (IN_PERSON, []),
        ({**IN_PERSON, "format": "hybrid"}, []),
        (
            {**ONLINE, "end": "2027-01-14 10:00"},
            [("end", "before the start (2027-01-14 11:00); expected a time after it", "end")],
        ),
        (
            {**ONLINE, "end": "2027-01-14 11:00"},
            [("end", "the same time as the start (2027-01-14 11:00); expected a time after it", "end")],
        ),
        # An hour later by the clock, but in Chicago: the same instant is fine, an earlier one is not.
        ({**ONLINE, "end": "2027-01-14 11:00 America/Chicago"}, []),
        (
            {**ONLINE, "end": "2027-01-14 09:30 America/Chicago"},
            [("end", "before the start (2027-01-14 11:00); expected a time after it", "end")],
        ),
        ({**ONLINE, "end": "soon"}, []),  # wrong on its own: its own check says so
        (
            {**ONLINE, "format": "in person"},
            [
                (
                    "location",
                    "required for an event that is in person: the place's name and street address, such as "
                    "'Training Center, 100 Main Street, Suite 2, Springfield, IL 62701'",
                    "format",
                )
            ],
        ),
        (
            {**ONLINE, "format": "Hybrid"},
            [
                (
                    "location",
                    "required for an event that is hybrid: the place's name and street address, such as "
                    "'Training Center, 100 Main Street, Suite 2, Springfield, IL 62701'",
                    "format",
                )
            ],
        ),
        (
            {**ONLINE, "location": "Zoom"},
            [
                (
                    "location",
                    "'Zoom' is given for an online event, which is shown as Online with its Registration link; "
                    "remove the Location line, or set 'Format: hybrid' if it also takes place somewhere",
                    "location",
                )
            ],
        ),
        (
            {**IN_PERSON, "location": "Town Hall"},
            [
                (
                    "location",
                    "expected the place's name and its street address, separated by commas, such as "
                    "'Training Center, 100 Main Street, Suite 2, Springfield, IL 62701'; got 'Town Hall'",
                    "location",
                )
            ],
        ),
    ],
)
def test_rules_between_the_fields(meta, found):
    assert rules(meta, NEW_YORK) == found


def test_metadata_values_for_the_templates():
    values = metadata(
        {
            **IN_PERSON,
            "format": "In-Person",
            "registration": " https://example.org/r ",
            "price": "1,200.50",
            "location": "  Training Center,\n  100 Main Street ",
        },
        NEW_YORK,
    )
    assert (
        values["start"].isoformat() == "2027-01-14T11:00:00-05:00"
        and values["end"].isoformat() == "2027-01-14T12:00:00-05:00"
    )
    assert values["format"] == "in person" and values["location"] == "Training Center, 100 Main Street"
    assert values["registration"] == "https://example.org/r" and values["price"] == decimal.Decimal("1200.50")
    online = metadata(ONLINE, NEW_YORK)
    assert online["location"] is None and online["registration"] is None


def test_the_place_and_format_as_the_page_says_them():
    assert place("online", None, ENGLISH) == "Online" and format_label("online", ENGLISH) == "Online"
    assert place("in person", "Training Center, Springfield", ENGLISH) == "Training Center, Springfield"
    assert format_label("in person", ENGLISH) == "In person"
    assert place("hybrid", "Training Center, Springfield", ENGLISH) == "Training Center, Springfield, and online"
    assert format_label("hybrid", ENGLISH) == "In person and online"
    assert price_text(None, ENGLISH) is None


def test_the_place_and_format_in_spanish():
    assert place("online", None, SPANISH) == "En línea" and format_label("online", SPANISH) == "En línea"
    assert (
        place("hybrid", "Centro de Capacitación, Springfield", SPANISH)
        == "Centro de Capacitación, Springfield, y en línea"
    )
    assert format_label("in person", SPANISH) == "Presencial"
