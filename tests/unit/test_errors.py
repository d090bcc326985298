"""mep_kit.errors: problems as a compiler writes them, and finding their line."""

from __future__ import annotations

from mep_kit.errors import ContentError, Problem, line_of, locate


def test_problems_read_like_a_compilers_and_sort_by_file_then_line():
    error = ContentError([Problem("b.md", 3, "z"), Problem("a.md", None, "whole file"), Problem("a.md", 2, "y")])
    assert [str(p) for p in error.problems] == ["a.md: whole file", "a.md:2: y", "b.md:3: z"]
    assert str(error).startswith("3 problems in the content:\n  a.md: whole file")
    assert str(ContentError(Problem("x.md", 1, "m"))) == "x.md:1: m"


def test_line_of_counts_from_the_start_line():
    assert line_of("a\nb\nc", "c") == 3 and line_of("a\nb", "c") is None
    assert line_of("a\nb", "b", start_line=10) == 11


def test_locate_reads_the_source_as_a_browser_reads_it():
    body = 'Intro.\n\n<a href="java&#x09;script&colon;alert(1)">x</a>\n[go]: JAVASCRIPT:alert(2)'
    assert locate(body, ["javascript:alert(1)"], start_line=8) == 10
    assert locate(body, ["javascript:alert(2)"], start_line=8) == 11
    assert locate(body, ["nowhere", "intro"], start_line=8) == 8
    assert locate(body, ["nowhere"]) is None
