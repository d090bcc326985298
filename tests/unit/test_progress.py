"""mep_kit.core.progress: long work shows how far along it is, and the build says what it made."""

from __future__ import annotations

import io
import time

from mep_kit.core.progress import INTERVAL, Progress, Reported, Waiting, shows_bar, summary


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_bar_in_a_terminal_plain_lines_in_ci_or_when_asked():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert shows_bar({}, Terminal()) is True
    assert shows_bar({}, io.StringIO()) is False
    assert shows_bar({"CI": "true"}, Terminal()) is False
    assert shows_bar({"MEP_KIT_PROGRESS": "bar"}, io.StringIO()) is True
    assert shows_bar({"MEP_KIT_PROGRESS": "lines", "CI": ""}, Terminal()) is False


def test_plain_lines_come_every_few_seconds_and_short_work_prints_nothing():
    out, clock = io.StringIO(), Clock()
    with Progress("Encoding photos", 10, bar=False, stream=out, clock=clock) as progress:
        progress.advance(3)
        clock.now += INTERVAL
        progress.advance()
        clock.now += 1
        progress.advance(2)
        clock.now += INTERVAL
        progress.advance(4)  # the last: the build's summary says it
    assert out.getvalue() == f"Encoding photos: 4 of 10, {INTERVAL:.0f} s\n"
    out = io.StringIO()
    with Progress("Drawing share cards", 2, bar=False, stream=out, clock=Clock()) as progress:
        progress.advance(2)
    assert out.getvalue() == ""


def test_a_bar_shows_the_counts_and_is_gone_when_done():
    out = io.StringIO()
    with Progress("Drawing share cards", 40, bar=True, stream=out) as progress:
        for _ in range(40):
            progress.advance()
    assert "Drawing share cards" in out.getvalue() and "40/40" in out.getvalue()


def test_reported_work_opens_its_progress_once_its_size_is_known():
    out = io.StringIO()
    with Reported("Encoding photos", bar=True, stream=out) as report:
        report(0, 0)
        assert report.progress is None, "nothing to make: no bar"
    with Reported("Encoding photos", bar=True, stream=out) as report:
        report(0, 3)
        report(2, 3)
        assert report.progress.done == 2
    assert report.total == 3 and report.progress is None


def test_waiting_prints_a_line_while_another_program_runs():
    out = io.StringIO()
    with Waiting("Indexing 3 pages for search", bar=False, stream=out, interval=0.05):
        time.sleep(0.18)
    lines = out.getvalue().splitlines()
    assert len(lines) >= 2 and all(
        line.startswith("Indexing 3 pages for search: ") and line.endswith(" s") for line in lines
    )


def test_the_summary_says_what_was_made_and_what_came_from_the_cache():
    assert (
        summary([("Photos", 2, 6), ("Share cards", 0, 11)], ".cache/images")
        == "Photos: 2 made, 4 from .cache/images; Share cards: 0 made, 11 from .cache/images."
    )
    assert (
        summary([("Photos", 0, 0), ("Share cards", 1, 1)], ".cache/images")
        == "Share cards: 1 made, 0 from .cache/images."
    )
    assert summary([("Photos", 0, 0)], ".cache/images") is None
