"""mep_kit.events.jsonld: the schema.org Event of an event page, with every property Google's
event rich result requires, and the ones it recommends that the content gives."""

from __future__ import annotations

import decimal
import json
from types import SimpleNamespace

import pytest

from mep_kit.content.event_times import parse_moment
from mep_kit.events.jsonld import event, postal_address
from mep_kit.outputs.structured import StructuredData

NEW_YORK = "America/New_York"
SITE = "https://fixture-mep.example"
CENTER = {"name": "Fixture MEP", "url": "https://fixture-mep.example"}
PLACE = "Training Center, 100 Main Street, Suite 2, Springfield, IL 62701"
#: What Google's event rich result requires, and what it recommends (description, endDate, ...).
REQUIRED = {"@context", "@type", "name", "startDate", "location"}
RECOMMENDED = {"description", "endDate", "eventStatus", "eventAttendanceMode", "organizer", "offers"}


def item(**fields):
    values = {
        "title": "Lean 101",
        "url": "events/lean-101/",
        "format": "online",
        "location": None,
        "registration": "https://example.zoom.us/webinar/register/lean-101",
        "price": decimal.Decimal("0"),
        "start": parse_moment("2027-01-14 11:00", NEW_YORK),
        "end": parse_moment("2027-01-14 12:00", NEW_YORK),
    }
    return SimpleNamespace(**{**values, **fields})


def test_an_online_event_has_every_required_and_recommended_property():
    data = event(
        item(), "Lean 101", "An hour on lean.", SITE, CENTER, image="https://fixture-mep.example/images/share/x.png"
    )
    assert REQUIRED | RECOMMENDED | {"url", "image"} <= set(data)
    assert data["@type"] == "Event" and data["@context"] == "https://schema.org"
    assert data["startDate"] == "2027-01-14T11:00:00-05:00" and data["endDate"] == "2027-01-14T12:00:00-05:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.zoom.us/webinar/register/lean-101"}
    assert data["organizer"] == {
        "@type": "Organization",
        "@id": "https://fixture-mep.example/#organization",
        "name": "Fixture MEP",
        "url": "https://fixture-mep.example",
    }
    assert data["offers"] == {
        "@type": "Offer",
        "price": "0",
        "priceCurrency": "USD",
        "url": "https://example.zoom.us/webinar/register/lean-101",
        "availability": "https://schema.org/InStock",
    }
    assert data["url"] == "https://fixture-mep.example/events/lean-101/" and data["image"] == [
        "https://fixture-mep.example/images/share/x.png"
    ]


def test_in_person_its_place_and_address_hybrid_both_and_without_registration_its_page():
    in_person = event(
        item(format="in person", location=PLACE, registration=None, price=decimal.Decimal("149.50")),
        "ISO",
        "Two days.",
        SITE,
        CENTER,
    )
    assert in_person["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert in_person["location"] == {
        "@type": "Place",
        "name": "Training Center",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "100 Main Street, Suite 2",
            "addressLocality": "Springfield",
            "addressRegion": "IL",
            "postalCode": "62701",
            "addressCountry": "US",
        },
    }
    assert (
        in_person["offers"]["price"] == "149.50"
        and in_person["offers"]["url"] == "https://fixture-mep.example/events/lean-101/"
    )
    hybrid = event(item(format="hybrid", location=PLACE, registration=None), "Forum", "A forum.", SITE, CENTER)
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in hybrid["location"]] == ["Place", "VirtualLocation"]
    assert hybrid["location"][1]["url"] == "https://fixture-mep.example/events/lean-101/"
    chicago = event(item(start=parse_moment("2027-07-14 10:00 America/Chicago", NEW_YORK)), "x", "y", SITE, CENTER)
    assert chicago["startDate"] == "2027-07-14T10:00:00-05:00", "a time keeps its own offset"


@pytest.mark.parametrize(
    ("parts", "address"),
    [
        (
            ["1 Main Street", "Hartford", "CT 06103-1234"],
            {
                "streetAddress": "1 Main Street",
                "addressLocality": "Hartford",
                "addressRegion": "CT",
                "postalCode": "06103-1234",
                "addressCountry": "US",
            },
        ),
        (["1 Main Street", "Hartford"], {"streetAddress": "1 Main Street, Hartford"}),
        (["Hartford", "CT 06103"], {"streetAddress": "Hartford, CT 06103"}),
    ],
)
def test_an_address_is_split_when_it_ends_in_a_us_state_and_zip_code(parts, address):
    assert postal_address(parts) == {"@type": "PostalAddress", **address}


def test_a_past_event_is_no_longer_on_offer():
    assert "availability" not in event(item(), "x", "y", SITE, CENTER, ended=True)["offers"]


def test_the_page_gets_it_as_safe_json_with_the_titles_text():
    block = StructuredData(CENTER, SITE).event(item(title="Lean &amp; Mean</script><b>"), "Less waste.", None, False)
    assert "</script>" not in block and "<b>" not in block
    data = json.loads(block)
    assert data["name"] == "Lean & Mean" and data["description"] == "Less waste." and "image" not in data
