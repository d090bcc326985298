"""mep_kit.content.schema: one declared schema per content type, checked compiler-style."""

from __future__ import annotations

import pytest

from mep_kit.content.schema import KINDS, SCHEMAS, TEXT_FIELDS, image_path_problem, kind_of, validate

SERVICES = ["Lean", "Quality"]
GOOD = {"title": "T", "date": "2026-01-02", "client": "C", "services": "Lean", "summary": "x" * 60}


def test_kinds_come_from_the_folder():
    assert (
        kind_of("case-studies/a.md") == "case-study"
        and kind_of("pages/a.md") == "page"
        and kind_of("data/x.md") is None
    )
    assert set(KINDS.values()) == set(SCHEMAS)


def test_text_fields_are_declared_once_in_the_schemas():
    assert {"title", "summary", "client", "logo_alt"} <= set(TEXT_FIELDS)


def test_a_good_case_study_has_no_problems():
    assert validate("case-study", GOOD, {}, "x.md", SERVICES) == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("services", "Lena", "services: unknown service 'Lena' (did you mean 'Lean'?)"),
        ("date", "2026-13-01", "date: impossible date"),
        ("slug", "Not A Slug", "slug: 'Not A Slug' is not a slug"),
        ("logo", "../x.png", "logo: '../x.png' points outside the content folder"),
    ],
)
def test_each_problem_names_the_field_and_its_line(field, value, message):
    problems = validate("case-study", {**GOOD, field: value, "logo_alt": "x"}, {field: 7}, "x.md", SERVICES)
    assert [(p.line, p.message[: len(message)]) for p in problems] == [(7, message)]


@pytest.mark.parametrize(
    ("value", "fine"),
    [
        ("images/logo.png", True),
        ("images/Logo.SVG", True),
        ("/images/logo.png", False),
        ("..\\logo.png", False),
        ("https://x.org/l.png", False),
        ("data:image/png;base64,xx", False),
        ("images/logo.pdf", False),
    ],
)
def test_image_paths(value, fine):
    assert (image_path_problem(value) is None) is fine


# --- events -----------------------------------------------------------------------------------

EVENT = {
    "title": "T",
    "summary": "x" * 60,
    "start": "2027-01-14 11:00",
    "end": "2027-01-14 12:00",
    "format": "online",
    "price": "0",
}
LINES = {
    "title": 1,
    "summary": 2,
    "start": 3,
    "end": 4,
    "format": 5,
    "price": 6,
    "location": 7,
    "registration": 8,
    "services": 9,
}


def event_problems(**fields):
    meta = {key: value for key, value in {**EVENT, **fields}.items() if value is not None}
    return [
        f"{p.line}: {p.message}"
        for p in validate("event", meta, LINES, "content/events/x.md", SERVICES, timezone="America/New_York")
    ]


def test_a_good_event_has_no_problems_and_its_times_are_in_the_sites_zone():
    assert event_problems() == []
    assert (
        event_problems(
            format="in person",
            location="Training Center, 100 Main Street, Springfield, IL 62701",
            registration="https://example.org/r",
            services="Lean, Quality",
            price="149.50",
        )
        == []
    )
    # 02:30 does not exist in New York on 2027-03-14, but does in UTC (the default).
    assert (
        validate("event", {**EVENT, "start": "2027-03-14 02:30", "end": "2027-03-14 04:00"}, {}, "x.md", SERVICES) == []
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"end": None}, "1: end: required field is missing; an event needs: title, summary, start, end, format, price"),
        ({"end": "2027-01-14 10:00"}, "4: end: before the start (2027-01-14 11:00); expected a time after it"),
        ({"start": "2027-03-14 02:30"}, "3: start: 2027-03-14 02:30 does not exist in America/New_York"),
        ({"format": "webinar"}, "5: format: unknown format 'webinar'; expected one of: online, in person, hybrid"),
        ({"format": "in person"}, "5: location: required for an event that is in person"),
        (
            {"registration": "http://example.org/r"},
            "8: registration: 'http://example.org/r' is not a secure address; expected its https:// address",
        ),
        ({"price": "$10"}, "6: price: expected a price in dollars such as 0, 25 or 149.50"),
        ({"services": "Lena"}, "9: services: unknown service 'Lena' (did you mean 'Lean'?)"),
        (
            {"date": "2027-01-14"},
            "None: date: unknown field for an event; expected one of: aliases, end, format, location, modified, price, registration, services",
        ),
    ],
)
def test_each_event_problem_names_the_field_and_its_line(fields, message):
    found = event_problems(**fields)
    assert len(found) == 1 and found[0].startswith(message), found
