"""`invoke new`'s drafts (mep_kit.tools.scaffold): kinds, folders and optional fields from the schema."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG

from mep_kit.content.schema import KINDS, SCHEMAS
from mep_kit.tools import scaffold

SETTINGS = {
    **DEFAULT_CONFIG,
    "PATH": "/site/content",
    "SITENAME": "Test Center",
    "TIMEZONE": "America/New_York",
    "SERVICE_LINES": {"Lean": "", "Quality & Safety": ""},
}
NOON = datetime.datetime(2026, 3, 4, 12, 0, tzinfo=datetime.UTC)


def test_kinds_and_folders_are_the_schemas():
    assert {folder: kind for kind, folder in scaffold.FOLDERS.items()} == KINDS
    assert sorted(path.stem for path in scaffold.DRAFTS.glob("*.md")) == sorted(SCHEMAS)


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_every_field_of_the_schema_is_in_the_draft_or_its_comment(kind):
    path, text = scaffold.new_draft(SETTINGS, kind, "Acme  Tool & Die", Path("/site"), NOON)
    assert path == Path(f"/site/content/{scaffold.FOLDERS[kind]}/acme-tool-die.md")
    head, body = text.split("\n\n", 1)
    written = scaffold.head_fields(text)
    assert "status" in written and "slug" in written and "Status: draft" in head
    assert set(SCHEMAS[kind].required) <= set(written)
    comment = " ".join(body.split("-->")[0].split())
    for name, spec in SCHEMAS[kind].fields.items():
        if name not in written:
            assert not spec.required and name.capitalize() in comment, name
    assert text.endswith(("here.\n", "helped.\n"))


def test_a_case_study_draft_offers_every_service_and_dates_it_in_the_sites_zone():
    _, text = scaffold.new_draft(
        SETTINGS, "case-study", "Acme", Path("/site"), datetime.datetime(2026, 3, 5, 2, 0, tzinfo=datetime.UTC)
    )
    assert "Date: 2026-03-04\n" in text  # 21:00 the day before in New York
    assert "Services: Lean\n" in text and "Client: Acme\n" in text
    assert "pick one or more of" in text and "\n       Quality & Safety\n" in text  # as typed, not escaped
    assert "What Acme set out to do, and how Test Center helped." in text


@pytest.mark.parametrize(
    "kind, name, settings, message",
    [
        ("blog", "X", SETTINGS, "unknown kind 'blog'; expected one of: case-study, article, page"),
        ("page", "!!!", SETTINGS, "cannot make a file name"),
        ("case-study", "X", {**SETTINGS, "SERVICE_LINES": {}}, "SERVICE_LINES in pelicanconf.py is empty"),
    ],
)
def test_refusals_say_why(kind, name, settings, message):
    with pytest.raises(scaffold.DraftError) as error:
        scaffold.new_draft(settings, kind, name, Path("/site"), NOON)
    assert message in error.value.message and error.value.code == 2


def test_an_event_draft_is_an_hour_four_weeks_ahead_in_the_sites_zone_with_its_note():
    _, text = scaffold.new_draft(
        SETTINGS,
        "event",
        "Lean Basics Webinar",
        Path("/site"),
        datetime.datetime(2026, 3, 5, 2, 0, tzinfo=datetime.UTC),
    )
    assert (
        "Start: 2026-04-01 11:00\nEnd: 2026-04-01 12:00\nFormat: online\nPrice: 0\n" in text
    )  # 4 March in New York, plus 28 days
    assert "Start: 2026-04-01 11:00 and End: 2026-04-01 12:00 are placeholders" in text and "America/New_York" in text
    assert text.endswith("Write what the event is about, and who it is for, here.\n")
