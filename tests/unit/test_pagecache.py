"""mep_kit.pagecache: the site key spells out everything but the bodies, a page's reads are
recorded however a value was reached, and a kept page is served only while every body and
summary it read is unchanged."""

from __future__ import annotations

import datetime
import decimal
import logging
import os
import time
from dataclasses import dataclass

import pytest
from mep_kit import pagecache
from mep_kit.pagecache import Fingerprint, Kept, PageCache, Unknown, capture, keeps, note_file, note_read, replay, site_key
from mep_kit.content import Article
from pelican import contents
from pelican.contents import Static
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category


def post(source, title="A title", body="<p>Body</p>", summary=None, kind=Article, **extra):
    """A post as the plugin makes them (its reads of the body are noted), or of ``kind``."""
    settings = {**DEFAULT_CONFIG, "SITEURL": "https://example.org"}
    metadata = {"title": title, "date": datetime.datetime(2026, 1, 2), "slug": os.path.basename(source)[:-3],
                "category": Category("Quality", settings), **extra}
    if summary is not None:
        metadata["summary"] = summary
    return kind(body, metadata=metadata, settings=settings, source_path=source, context={})


class Body:
    """A stand-in for a post as the page cache reads it (mep_kit.content.Rendered)."""

    def __init__(self, source, content, summary):
        self.source_path, self.content, self.summary = source, content, summary

    def get_content(self, siteurl):
        return f"{siteurl}|{self.content}"

    def summary_at(self, siteurl):
        return f"{siteurl}|{self.summary}"


# --- the site key -----------------------------------------------------------------------------

def test_a_post_is_spelt_out_by_all_but_its_body():
    a, b = post("/c/a.md"), post("/c/a.md", body="<p>Another body</p>")
    key_a, found = site_key("recipe", {"articles": [a]}, {})
    key_b, _ = site_key("recipe", {"articles": [b]}, {})
    assert key_a == key_b, "the body is a read, not part of the site key"
    assert found == {"/c/a.md": a}
    for changed in (post("/c/a.md", title="Another title"), post("/c/a.md", summary="A summary"), post("/c/b.md"),
                    post("/c/a.md", client="Acme")):
        assert site_key("recipe", {"articles": [changed]}, {})[0] != key_a
    assert site_key("another recipe", {"articles": [a]}, {})[0] != key_a
    assert site_key("recipe", {"articles": [a]}, {"cards": 1})[0] != key_a


class OtherKind(contents.Article):
    """Content of a kind the plugin does not make its own (mep_kit.content.RENDERED)."""


def test_content_whose_reads_are_not_noted_is_keyed_by_its_body_too():
    a, b = post("/c/a.md", kind=OtherKind), post("/c/a.md", body="<p>Another body</p>", kind=OtherKind)
    assert not hasattr(a, "summary_at")
    assert site_key("recipe", {"articles": [a]}, {})[0] != site_key("recipe", {"articles": [b]}, {})[0]


def test_posts_reached_only_through_another_are_spelt_out_too():
    a, b = post("/c/a.md"), post("/c/b.md")
    a.related_posts = [b]
    key, found = site_key("recipe", {"articles": [a]}, {})
    assert set(found) == {"/c/a.md", "/c/b.md"}
    b2 = post("/c/b.md", title="Changed")
    a.related_posts = [b2]
    assert site_key("recipe", {"articles": [a]}, {})[0] != key


def test_values_are_spelt_out_by_what_they_are():
    fingerprint = Fingerprint()
    assert fingerprint.value({"b": 1, "a": [1, 2]}) == fingerprint.value({"a": [1, 2], "b": 1})
    assert fingerprint.value({3, 1, 2}) == fingerprint.value({2, 3, 1})
    assert fingerprint.value(decimal.Decimal("1.50")) != fingerprint.value(decimal.Decimal("1.5"))
    assert fingerprint.value(datetime.date(2026, 1, 2)) != fingerprint.value(datetime.date(2026, 1, 3))

    @dataclass
    class Figure:
        value: int

    assert fingerprint.value(Figure(1)) != fingerprint.value(Figure(2))
    static = Static("", metadata={}, settings=DEFAULT_CONFIG, source_path="/c/images/x.png", context={})
    assert fingerprint.value(static) == ["content", "Static", "/c/images/x.png"]


def test_a_function_is_spelt_out_by_its_code():
    def first(post):
        return post.date

    def second(post):
        return post.title

    fingerprint = Fingerprint()
    assert fingerprint.value(first) != fingerprint.value(second)
    assert fingerprint.value(first) == fingerprint.value(first)


def test_an_unknown_object_turns_the_cache_off_unless_it_is_a_setting_or_declared():
    class Helper:
        pass

    with pytest.raises(Unknown, match="Helper"):
        site_key("recipe", {"helper": Helper()}, {})
    key, _ = site_key("recipe", {"HELPER": Helper()}, {})  # a setting: by its type, as the read cache does
    assert key == site_key("recipe", {"HELPER": Helper()}, {})[0]
    assert site_key("recipe", {"helper": Helper()}, {}, opaque=(Helper,))[0]


def test_where_the_build_writes_and_pelicans_unordered_lists_leave_the_key_alone():
    a, b = post("/c/a.md"), post("/c/b.md")
    one = site_key("recipe", {"OUTPUT_PATH": "/tmp/one", "localsiteurl": "", "staticfiles": [a, b]}, {})[0]
    two = site_key("recipe", {"OUTPUT_PATH": "/tmp/two", "localsiteurl": "..", "staticfiles": [b, a]}, {})[0]
    assert one == two


# --- what a page reads ------------------------------------------------------------------------

def test_reads_and_files_reach_every_block_around_them():
    item = Body("/c/a.md", "", "")
    with capture() as page:
        with capture() as card:
            note_read(item, "summary", "", "s1")
            note_file("images/a.webp", "/cache/a")
        note_read(item, "content", "", "c1")
    assert card.reads == {("summary", "/c/a.md", ""): "s1"}
    assert page.reads == {("summary", "/c/a.md", ""): "s1", ("content", "/c/a.md", ""): "c1"}
    assert page.files == card.files == {"images/a.webp": "/cache/a"}


def test_a_value_reused_reports_what_it_read_again():
    item = Body("/c/a.md", "", "")
    with capture() as first:
        note_read(item, "summary", "", "s1")
        note_file("cards/a.png", "/cache/card")
    with capture() as page:
        replay(first)
    assert page.reads == first.reads and page.files == first.files
    with capture() as page:
        replay(first, reads=False)
    assert page.reads == {} and page.files == first.files


def test_reads_inside_a_summary_stop_at_it():
    item = Body("/c/a.md", "", "")
    with capture() as page:
        with capture(stop_reads=True) as summary:
            note_read(item, "content", "", "body")  # the summary is worked out from the body
            note_file("images/a.avif", "/cache/a")
        note_read(item, "summary", "", "sum")
    assert summary.reads == {("content", "/c/a.md", ""): "body"}
    assert page.reads == {("summary", "/c/a.md", ""): "sum"}, "editing the body past the summary keeps the page"
    assert page.files == {"images/a.avif": "/cache/a"}


def test_only_a_posts_or_pages_own_page_is_kept():
    assert keeps({"article": 1, "category": 2}, None, False)
    assert keeps({"page": 1}, None, False)
    assert not keeps({"articles": [], "dates": []}, None, False), "lists are rendered every time"
    assert not keeps({"article": 1}, {"articles": []}, False)
    assert not keeps({"article": 1}, None, True), "an overriding page is Pelican's to order"
    assert not keeps({"tag": 1, "articles": []}, None, False)


# --- the kept pages ---------------------------------------------------------------------------

def test_a_kept_page_is_served_while_what_it_read_is_unchanged(tmp_path):
    a = Body("/c/a.md", "body A", "summary A")
    cache = PageCache(tmp_path, "site", {"/c/a.md": a})
    reads = {("content", "/c/a.md", "https://x"): pagecache.digest("https://x|body A"),
             ("summary", "/c/a.md", ""): pagecache.digest("|summary A")}
    cache.put("page1", Kept(reads, {"images/a.png": "/cache/a"}, "<html>A</html>"))
    assert cache.get("page1") == Kept(reads, {"images/a.png": "/cache/a"}, "<html>A</html>")
    assert cache.get("page2") is None

    for changed in (Body("/c/a.md", "body A, edited", "summary A"), Body("/c/a.md", "body A", "summary A, edited")):
        assert PageCache(tmp_path, "site", {"/c/a.md": changed}).get("page1") is None
    assert PageCache(tmp_path, "site", {}).get("page1") is None, "a post no longer there"
    assert PageCache(tmp_path, "another site", {"/c/a.md": a}).get("page1") is None


def test_a_damaged_entry_is_rendered_again(tmp_path):
    cache = PageCache(tmp_path, "site", {})
    cache.put("page1", Kept({}, {}, "<html></html>"))
    path = cache._path("page1")
    path.write_bytes(b"not a kept page")
    assert cache.get("page1") is None


def test_a_page_that_logs_a_warning_is_not_kept(tmp_path):
    class Template:
        name = "article.html"

        def __init__(self, warn):
            self.warn = warn

        def render(self, context):
            if self.warn:
                logging.getLogger("pelican.test").warning("a warning while rendering")
            return "<html></html>"

    cache = PageCache(tmp_path, "site", {})
    for name, warn in (("quiet", False), ("loud", True)):
        with cache.rendering(Template(warn)) as frame:
            assert frame.template.render({}) == "<html></html>"
            assert frame.template.name == "article.html"
        cache.keep(name, frame)
    assert cache.get("quiet") is not None and cache.get("loud") is None
    assert cache.misses == 2


def test_page_keys_follow_the_pages_own_arguments(tmp_path):
    a, b = post("/c/a.md"), post("/c/b.md")
    cache = PageCache(tmp_path, "site", {})

    class Template:
        name = "article.html"

    everything = [a, b]
    key = cache.page_key("a/index.html", Template(), False, {"article": a, "all_articles": everything})
    assert key == cache.page_key("a/index.html", Template(), False, {"article": a, "all_articles": everything})
    assert key != cache.page_key("b/index.html", Template(), False, {"article": a, "all_articles": everything})
    assert key != cache.page_key("a/index.html", Template(), True, {"article": a, "all_articles": everything})
    assert key != cache.page_key("a/index.html", Template(), False, {"article": b, "all_articles": everything})
    assert key != cache.page_key("a/index.html", Template(), False, {"article": a, "all_articles": [b, a]})


def test_only_the_newest_site_keys_are_kept(tmp_path):
    for number in range(5):
        (tmp_path / f"site{number}").mkdir()
        os.utime(tmp_path / f"site{number}", (time.time() - 100 + number, time.time() - 100 + number))
    pagecache.prune(tmp_path, "site0", keep=3)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site0", "site3", "site4"]
