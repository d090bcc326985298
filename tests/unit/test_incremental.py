"""mep_kit.tools.incremental: what sends a save to the whole build before anything is read
(the quick path itself is tested on a built site in tests/build/test_incremental.py)."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from mep_kit.tools import incremental

UTC = datetime.UTC
THEN = datetime.datetime(2027, 1, 14, 9, 0, tzinfo=UTC)


def session_with(*items):
    return SimpleNamespace(build=SimpleNamespace(now=THEN), items={item.source_path: item for item in items})


def webinar(**dates):
    return SimpleNamespace(source_path="content/events/webinar.md", **dates)


def test_the_same_now_or_a_later_one_crossing_no_date_stays_quick():
    session = session_with(webinar(start=THEN + datetime.timedelta(hours=2), end=THEN + datetime.timedelta(hours=3)))
    incremental._same_side_of_every_date(session, THEN)
    incremental._same_side_of_every_date(session, THEN + datetime.timedelta(hours=1))


@pytest.mark.parametrize(
    "moved,why",
    [
        (datetime.timedelta(hours=2), "start passed"),  # the webinar began: lists and banner change
        (datetime.timedelta(days=1), "another day"),
        (-datetime.timedelta(minutes=1), "another day"),  # the clock went back
    ],
)
def test_a_now_past_a_date_of_the_site_or_on_another_day_needs_the_whole_build(moved, why):
    session = session_with(webinar(start=THEN + datetime.timedelta(hours=2), end=THEN + datetime.timedelta(hours=3)))
    with pytest.raises(incremental.Whole, match=why):
        incremental._same_side_of_every_date(session, THEN + moved)


def test_a_post_coming_due_needs_the_whole_build():
    post = SimpleNamespace(source_path="content/case-studies/future.md", date=THEN + datetime.timedelta(minutes=30))
    with pytest.raises(incremental.Whole, match=r"future\.md: date passed"):
        incremental._same_side_of_every_date(session_with(post), THEN + datetime.timedelta(hours=1))


def test_without_a_good_build_or_for_a_file_it_did_not_read_the_whole_build_runs(tmp_path):
    with pytest.raises(incremental.Whole, match="no build"):
        incremental.apply(None, [str(tmp_path / "a.md")], tmp_path)
    with pytest.raises(incremental.Whole, match="not a post, page or event of the last build"):
        incremental.apply(session_with(), [str(tmp_path / "a.md")], tmp_path)


def test_a_date_without_a_zone_is_read_in_the_build_s_zone():
    post = SimpleNamespace(source_path="content/case-studies/naive.md", date=datetime.datetime(2027, 1, 14, 9, 30))
    with pytest.raises(incremental.Whole, match="date passed"):
        incremental._same_side_of_every_date(session_with(post), THEN + datetime.timedelta(hours=1))


def test_the_files_that_show_a_body_are_written_by_this_process_alone(tmp_path, monkeypatch):
    """On a site large enough to write on two cores, the quick path's writer still forks
    nothing: it writes a few files, and a forked writer would write every page again."""
    from pelican.generators import ArticlesGenerator, PagesGenerator

    from mep_kit.core import state
    from mep_kit.outputs import writer as writing

    monkeypatch.setattr(writing, "can_fork", lambda: True)

    def generator(kind):
        made = kind.__new__(kind)
        made.articles, made.pages, made.context = [object()] * 100, [], {}
        return made

    post = SimpleNamespace()
    writers = []

    def write(writer):
        writers.append(writer)
        (Path(writer.output_path) / "post").mkdir()
        (Path(writer.output_path) / "post" / "index.html").write_text("new", encoding="utf-8")

    output = tmp_path / "output"
    (output / "post").mkdir(parents=True)
    (output / "post" / "index.html").write_text("old", encoding="utf-8")
    build = state.Build(
        settings={"BUILD_PROCESSES": 2, "OUTPUT_PATH": str(output)},
        generators=[generator(ArticlesGenerator), generator(PagesGenerator)],
        body_outputs={id(post): [write]},
    )
    assert writing.shareable(state.Build(settings=build.settings, generators=build.generators)), "large enough"
    monkeypatch.setattr(state, "_current", build)
    assert incremental._write(build, [post], output) == ["post/index.html"]
    assert writers[0].role is None and writers[0].child is None, "no second process"
    assert (output / "post" / "index.html").read_text(encoding="utf-8") == "new"
    assert build.body_outputs == {id(post): [write]}, "what the build noted is kept"
