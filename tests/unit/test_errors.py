"""mep_kit.core.errors: problems as a compiler writes them, and finding their line."""

from __future__ import annotations

import logging

from mep_kit.core.errors import ContentError, PelicanLog, Problem, line_of, locate, log_problems


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


# --- Pelican's own warnings, as problems ----------------------------------------------------


def record(message, *args, level=logging.WARNING, exc=None):
    return logging.LogRecord(
        "pelican.utils", level, __file__, 1, message, args, (type(exc), exc, None) if exc else None
    )


def test_a_pelican_warning_is_one_line_per_file_it_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    one, two = tmp_path / "content" / "a.md", tmp_path / "content" / "b.md"
    one.parent.mkdir()
    one.write_text("x")
    two.write_text("x")
    found = log_problems(
        record('There are %s items "with slug "%s"":\n\t%s\n\t%s', 2, "a", str(one), str(two)), "pelicanconf.py"
    )
    assert [str(p) for p in found] == [
        'content/a.md: There are 2 items "with slug "a"": content/a.md content/b.md',
        'content/b.md: There are 2 items "with slug "a"": content/a.md content/b.md',
    ]


def test_a_warning_that_names_no_file_is_the_settings_files_and_an_exception_is_named(tmp_path):
    found = log_problems(
        record("Could not process %s", "nowhere.md", level=logging.ERROR, exc=ValueError("bad\nvalue")),
        "publishconf.py",
    )
    assert [str(p) for p in found] == ["publishconf.py: Could not process nowhere.md: ValueError: bad value"]


def test_pelicans_warnings_are_kept_while_a_build_runs_and_let_through_otherwise():
    log = PelicanLog()
    plain = record("Feeds generated without SITEURL set properly may not be valid")
    assert log.filter(plain) is True, "no build under way: Pelican prints it"
    logging.getLogger("pelican.utils")
    log.start("pelicanconf.py")
    assert log in logging.getLogger("pelican.utils").filters
    assert log.filter(plain) is False, "kept, not printed, and not fatal under --fatal warnings"
    assert log.filter(record("Pelican stopped", level=logging.CRITICAL)) is True, (
        "the message that ends Pelican goes through"
    )
    assert log.filter(record("details", level=logging.INFO)) is True
    assert [str(p) for p in log.take()] == [
        "pelicanconf.py: Feeds generated without SITEURL set properly may not be valid"
    ]
    assert log.take() == [], "taken once"
    log.stop()
    assert log.filter(plain) is True
    assert log not in logging.getLogger("pelican.utils").filters, (
        "nothing of a finished build stays on Pelican's loggers"
    )


def test_slug_clashes_the_site_check_reports_are_not_reported_twice(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "a.md"
    page.write_text("x")
    log = PelicanLog()
    log.start("pelicanconf.py")
    try:
        log.filter(record('There are %s items "with slug "%s"" with lang %s: %s', 2, "a", "en", str(page)))
        assert log.take([Problem("a.md", 3, "slug: duplicate slug 'a'")]) == []
        log.filter(record('There are %s items "with slug "%s"" with lang %s: %s', 2, "a", "en", str(page)))
        assert [p.path for p in log.take([Problem("other.md", 3, "x")])] == ["a.md"], (
            "kept when the site check has nothing on the file"
        )
    finally:
        log.stop()
