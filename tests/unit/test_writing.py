"""mep_kit.writing: which process writes which page, and Pelican's writer otherwise."""

from __future__ import annotations

import pytest
from jinja2 import Template
from mep_kit import state, writing
from mep_kit.writing import SHARE, SharedWriter, is_shared


def test_the_share_depends_on_the_name_alone():
    names = [f"case-studies/post-{number}/index.html" for number in range(600)]
    shared = [name for name in names if is_shared(name)]
    assert shared == [name for name in names if is_shared(name)], "the same answer every time"
    assert abs(len(shared) / len(names) - (SHARE - 1) / SHARE) < 0.08


@pytest.fixture
def writer(tmp_path, monkeypatch):
    monkeypatch.setattr(state, "_current", None)
    made = SharedWriter(str(tmp_path), settings={"RELATIVE_URLS": False, "SITEURL": "", "OUTPUT_PATH": str(tmp_path), "PAGINATED_TEMPLATES": {}})
    assert made.role is None and made.child is None, "no build under way: Pelican's writer, no fork"
    return made


def names_written(writer, tmp_path, names, **kwargs):
    template = Template("{{ output_file }}")
    for name in names:
        writer.write_file(name, template, {"localsiteurl": ""}, **kwargs)
    return sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.html"))


POSTS = [f"post-{number}.html" for number in range(30)]


def test_without_a_share_every_page_is_written(writer, tmp_path):
    assert names_written(writer, tmp_path, POSTS, article=object()) == sorted(POSTS)


@pytest.mark.parametrize("role", ["build", "child"])
def test_each_process_writes_its_share_of_posts_and_pages(writer, tmp_path, role):
    writer.role = role
    written = names_written(writer, tmp_path, POSTS, article=object())
    assert written == sorted(name for name in POSTS if is_shared(name) == (role == "child"))
    pages = names_written(writer, tmp_path, ["about.html"], page=object())
    assert ("about.html" in pages) == (is_shared("about.html") == (role == "child"))


@pytest.mark.parametrize(("role", "written"), [("build", True), ("child", False)])
def test_lists_are_the_builds(writer, tmp_path, role, written):
    writer.role = role
    assert ("index.html" in names_written(writer, tmp_path, ["index.html"], articles=[])) is written


@pytest.mark.parametrize("role", ["build", "child"])
def test_feeds_are_shared_out_too(writer, tmp_path, role):
    writer.role = role
    writer.settings.update(FEED_DOMAIN="", FEED_MAX_ITEMS=None, SITENAME="Site", SITESUBTITLE=None)
    feeds = [f"feeds/{name}.atom.xml" for name in ("all", "a", "b", "c", "d", "e")]
    for path in feeds:
        writer.write_feed([], {"SITENAME": "Site", "SITEURL": "", "FEED_DOMAIN": ""}, path)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.xml"))
    assert written == sorted(path for path in feeds if is_shared(path) == (role == "child"))


def test_join_without_a_forked_process_does_nothing(writer):
    writing.join(writer)
    writing.join(None)
