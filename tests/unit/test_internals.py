"""mep_kit.core.internals: each private part of Pelican, Python-Markdown and rich the kit uses
still does what the kit needs. A failure here after an upgrade names the internal that moved:
mend that one function of mep_kit.core.internals (its docstring says what it needs)."""

from __future__ import annotations

import datetime
import logging
import threading
import time

import pytest
from markdown import Markdown
from pelican.contents import Article
from pelican.log import LimitFilter
from pelican.readers import BaseReader, MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from mep_kit.core import internals


def reader(**settings):
    return MarkdownReader({**DEFAULT_CONFIG, **settings})


def test_front_matter_is_made_metadata_by_pelicans_own_rules():
    fields = {
        "title": ["A title"],
        "tags": ["lean, quality"],
        "date": ["2026-02-11"],
        "summary": ["Cut *scrap* by half."],
    }
    metadata = internals.parse_metadata(reader(), fields, Markdown(extensions=["markdown.extensions.meta"]))
    assert metadata["title"] == "A title"
    assert [str(tag) for tag in metadata["tags"]] == ["lean", "quality"]
    assert metadata["date"].year == 2026 and metadata["date"].month == 2
    assert metadata["summary"] == "<p>Cut <em>scrap</em> by half.</p>", (
        "a FORMATTED_FIELD rendered with the Markdown given"
    )


def test_without_formatted_fields_no_markdown_is_needed():
    metadata = internals.parse_metadata(reader(), {"title": ["Plain"], "slug": ["plain"]})
    assert metadata == {"title": "Plain", "slug": "plain"}


def test_a_warning_pelican_logs_once_is_logged_again_once_forgotten():
    limited = LimitFilter()

    def passes():
        return limited.filter(
            logging.LogRecord("pelican", logging.WARNING, __file__, 1, "the same warning", None, None)
        )

    internals.forget_logged_once()
    assert passes() and not passes(), "Pelican logs it once"
    internals.forget_logged_once()
    assert passes()


def test_a_memoized_body_is_rendered_again_once_forgotten():
    post = Article("<p>first</p>", {"title": "T", "date": datetime.datetime(2026, 1, 1)}, settings=DEFAULT_CONFIG)
    assert "first" in post.get_content("")
    post._content = "<p>second</p>"
    assert "first" in post.get_content(""), "Pelican keeps the body it rendered"
    internals.forget_rendered_bodies()
    assert "second" in post.get_content("")


def test_a_content_object_takes_another_s_body_and_renders_it():
    post = Article("<p>first</p>", {"title": "T", "date": datetime.datetime(2026, 1, 1)}, settings=DEFAULT_CONFIG)
    assert "first" in post.get_content("")
    again = Article("<p>second</p>", {"title": "T", "date": datetime.datetime(2026, 1, 1)}, settings=DEFAULT_CONFIG)
    internals.take_body(post, again)
    assert "second" in post.get_content("") and "second" in post.content
    assert internals.BODY in vars(post), "the body is an attribute of the object, nothing else changed"


def test_a_content_object_becomes_a_subclass_that_only_adds_methods():
    post = Article("", {"title": "quiet", "date": datetime.datetime(2026, 1, 1)}, settings=DEFAULT_CONFIG)
    # Pelican's Article, or the kit's own when a build earlier in this process connected the
    # plugin's content_object_init handlers (signals are the process's).
    made = type(post)

    class Shouting(made):
        def shout(self):
            return self.title.upper()

    internals.become(post, Shouting)
    assert isinstance(post, Shouting) and post.shout() == "QUIET" and post.title == "quiet"

    class WithState(made):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)

    with pytest.raises(TypeError):
        internals.become(post, WithState)


def test_the_thread_rich_redraws_a_live_display_with_is_recognised():
    from rich.console import Console
    from rich.live import Live

    before = set(threading.enumerate())
    with Live(
        "working",
        console=Console(force_terminal=True, file=open("/dev/null", "w")),
        auto_refresh=True,
        refresh_per_second=20,
    ):
        time.sleep(0.1)
        started = [thread for thread in threading.enumerate() if thread not in before]
        assert started and all(internals.is_live_refresh_thread(thread) for thread in started)
    assert not internals.is_live_refresh_thread(threading.current_thread())


@pytest.mark.parametrize("skipped", [False, True])
def test_pelicans_typogrify_pass_runs_unless_skipped(tmp_path, skipped):
    from pelican.contents import Page
    from pelican.readers import Readers

    class StubReader(BaseReader):
        """Returns its text as it is, for Pelican's Readers to run its passes on (defined here:
        Readers offers every subclass of BaseReader alive)."""

        enabled, file_extensions = True, ["stub"]

        def read(self, path):
            return '<p>She said "ready" -- twice.</p>', {"title": '"Ready"'}

    (tmp_path / "page.stub").write_text("anything", encoding="utf-8")
    settings = {
        **DEFAULT_CONFIG,
        "TYPOGRIFY": True,
        "READERS": {"stub": StubReader},
        "PATH": str(tmp_path),
        "CACHE_CONTENT": False,
    }
    readers = Readers(settings)
    if skipped:
        internals.skip_typogrify_pass(readers)
    page = readers.read_file(str(tmp_path), "page.stub", content_class=Page)
    assert settings["TYPOGRIFY"] is True, "the settings themselves are left as they were"
    if skipped:
        assert page._content == '<p>She said "ready" -- twice.</p>' and page.title == '"Ready"'
    else:
        assert "\u201c" in page._content or "&#8220;" in page._content, "Pelican's own pass dresses the body"


def test_an_address_setting_is_filled_in_for_another_kind_than_the_items_own():
    settings = {**DEFAULT_CONFIG, "ARTICLE_SAVE_AS": "{slug}/index.html", "DRAFT_SAVE_AS": "drafts/{slug}/index.html"}
    post = Article(
        "", {"title": "T", "slug": "t", "date": datetime.datetime(2026, 1, 1), "status": "draft"}, settings=settings
    )
    assert internals.expand_setting(post, "save_as", "article") == "t/index.html"
    assert internals.expand_setting(post, "save_as", "draft") == "drafts/t/index.html"
