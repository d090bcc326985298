"""mep_kit.content.frontmatter: the line of each front-matter field, for messages."""

from __future__ import annotations

from mep_kit.content.frontmatter import field_lines


def test_lines_of_fields_and_of_the_body():
    text = "Title: A\nSummary: first line\n    continued\nTags: x\n\nBody starts here.\n"
    assert field_lines(text) == ({"title": 1, "summary": 2, "tags": 4}, 6)


def test_fenced_front_matter_and_a_repeated_key_keeps_its_first_line():
    text = "---\nTitle: A\nTags: x\nTags: y\n---\nBody.\n"
    lines, body = field_lines(text)
    assert lines == {"title": 2, "tags": 3} and body == 6


def test_a_file_without_front_matter():
    assert field_lines("Just a body.\n") == ({}, 1)
