"""mep_kit.schema: one declared schema per content type, checked compiler-style."""

from __future__ import annotations

import pytest
from mep_kit.schema import (
    KINDS,
    SCHEMAS,
    TEXT_FIELDS,
    image_path_problem,
    kind_of,
    validate,
)

SERVICES = ["Lean", "Quality"]
GOOD = {"title": "T", "date": "2026-01-02", "client": "C", "services": "Lean", "summary": "x" * 60}


def test_kinds_come_from_the_folder():
    assert kind_of("case-studies/a.md") == "case-study" and kind_of("pages/a.md") == "page" and kind_of("data/x.md") is None
    assert set(KINDS.values()) == set(SCHEMAS)


def test_text_fields_are_declared_once_in_the_schemas():
    assert {"title", "summary", "client", "logo_alt"} <= set(TEXT_FIELDS)


def test_a_good_case_study_has_no_problems():
    assert validate("case-study", GOOD, {}, "x.md", SERVICES) == []


@pytest.mark.parametrize(("field", "value", "message"), [
    ("services", "Lena", "services: unknown service 'Lena' (did you mean 'Lean'?)"),
    ("date", "2026-13-01", "date: impossible date"),
    ("slug", "Not A Slug", "slug: 'Not A Slug' is not a slug"),
    ("logo", "../x.png", "logo: '../x.png' points outside the content folder"),
])
def test_each_problem_names_the_field_and_its_line(field, value, message):
    problems = validate("case-study", {**GOOD, field: value, "logo_alt": "x"}, {field: 7}, "x.md", SERVICES)
    assert [(p.line, p.message[:len(message)]) for p in problems] == [(7, message)]


@pytest.mark.parametrize(("value", "fine"), [
    ("images/logo.png", True), ("images/Logo.SVG", True), ("/images/logo.png", False), ("..\\logo.png", False),
    ("https://x.org/l.png", False), ("data:image/png;base64,xx", False), ("images/logo.pdf", False),
])
def test_image_paths(value, fine):
    assert (image_path_problem(value) is None) is fine
