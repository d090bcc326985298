"""mep_kit.outputs.writer: Pelican's writer, rendering through the build's page cache, writing
feeds of the site's language, and which process writes which file when posts and pages are
written on two cores."""

from __future__ import annotations

import pytest
from jinja2 import Template
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from mep_kit.core import state
from mep_kit.outputs.writer import SiteWriter, is_shared, join, shareable, site_language_only, stop_sharing
from support import run_fresh

SETTINGS = {
    "RELATIVE_URLS": False,
    "SITEURL": "",
    "PAGINATED_TEMPLATES": {},
    "FEED_DOMAIN": "",
    "FEED_MAX_ITEMS": None,
    "SITENAME": "Site",
    "SITESUBTITLE": None,
}
NAMES = [f"post-{number}.html" for number in range(30)] + [
    "index.html",
    "posts/page/2/index.html",
    "category/lean/index.html",
]


class CountingCache:
    """Stands in for mep_kit.outputs.render_cache.RenderCache: every page 'kept' reads 'kept'."""

    def __init__(self):
        self.wrapped = []

    def wrap(self, template):
        self.wrapped.append(template)
        return Template("kept")


@pytest.fixture
def build(tmp_path, monkeypatch):
    made = state.Build(settings={}, output_path=str(tmp_path))
    monkeypatch.setattr(state, "_current", made)
    return made


def written(writer, tmp_path):
    template = Template("{{ output_file }}")
    for name in NAMES:
        writer.write_file(name, template, {"localsiteurl": ""})
    return {path.relative_to(tmp_path).as_posix(): path.read_text() for path in tmp_path.rglob("*.html")}


def test_every_file_is_written_with_its_template(build, tmp_path):
    writer = SiteWriter(str(tmp_path), settings={**SETTINGS, "OUTPUT_PATH": str(tmp_path)})
    assert build.writer is writer, "the build knows its writer: addresses are settled from then on"
    assert written(writer, tmp_path) == {name: name for name in NAMES}


def test_pages_are_rendered_through_the_builds_page_cache(build, tmp_path):
    build.render_cache = CountingCache()
    writer = SiteWriter(str(tmp_path), settings={**SETTINGS, "OUTPUT_PATH": str(tmp_path)})
    assert set(written(writer, tmp_path).values()) == {"kept"}
    assert len(build.render_cache.wrapped) == len(NAMES)


def test_without_a_build_it_is_pelicans_writer(tmp_path, monkeypatch):
    monkeypatch.setattr(state, "_current", None)
    writer = SiteWriter(str(tmp_path), settings={**SETTINGS, "OUTPUT_PATH": str(tmp_path)})
    assert written(writer, tmp_path) == {name: name for name in NAMES}


def test_a_feed_lists_the_sites_language_only_unless_it_is_a_feed_of_another():
    from types import SimpleNamespace

    english, spanish = SimpleNamespace(in_default_lang=True), SimpleNamespace(in_default_lang=False)
    assert site_language_only([english, spanish]) == [english], "Pelican's feed of all posts holds every translation"
    assert site_language_only([spanish]) == [spanish], "a feed of a translation's language (TRANSLATION_FEED_ATOM)"


# --- posts and pages on two cores ---------------------------------------------------------


def test_the_share_depends_on_the_name_alone():
    names = [f"case-studies/post-{number}/index.html" for number in range(600)]
    shared = [name for name in names if is_shared(name)]
    assert shared == [name for name in names if is_shared(name)], "the same answer every time"
    assert abs(len(shared) / len(names) - 0.5) < 0.08


@pytest.fixture
def writer(build, tmp_path):
    made = SiteWriter(str(tmp_path), settings={**SETTINGS, "OUTPUT_PATH": str(tmp_path)})
    assert made.role is None and made.child is None, "a build with no generators: nothing shared, no fork"
    return made


@pytest.mark.parametrize("role", ["build", "child"])
def test_while_sharing_each_process_writes_its_share_of_every_file(writer, tmp_path, role):
    writer.role, writer.sharing = role, True
    assert sorted(written(writer, tmp_path)) == sorted(name for name in NAMES if is_shared(name) == (role == "child"))


@pytest.mark.parametrize(("role", "everything"), [("build", True), ("child", False)])
def test_after_the_pages_generator_the_build_writes_everything(writer, tmp_path, role, everything):
    writer.role, writer.sharing = role, True
    stop_sharing(object(), writer=writer)
    assert sorted(written(writer, tmp_path)) == (sorted(NAMES) if everything else [])


@pytest.mark.parametrize("role", ["build", "child"])
def test_feeds_are_shared_out_too(writer, tmp_path, role):
    writer.role, writer.sharing = role, True
    feeds = [f"feeds/{name}.atom.xml" for name in ("all", "a", "b", "c", "d", "e", "f", "g")]
    assert {is_shared(path) for path in feeds} == {True, False}
    for path in feeds:
        writer.write_feed([], {"SITENAME": "Site", "SITEURL": "", "FEED_DOMAIN": ""}, path)
    got = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.xml"))
    assert got == sorted(path for path in feeds if is_shared(path) == (role == "child"))


def build_of(*kinds, pages=100, **fields):
    def made(kind):
        generator = kind.__new__(kind)
        generator.articles, generator.pages = [object()] * pages, []
        return generator

    return state.Build(settings={"BUILD_PROCESSES": 2}, generators=[made(kind) for kind in kinds], **fields)


def test_posts_and_pages_are_shared_out_only_when_it_pays_and_nothing_is_noted(monkeypatch):
    from mep_kit.outputs import writer as writing

    monkeypatch.setattr(writing, "can_fork", lambda: True)  # forking itself: mep_kit.core.forking's tests
    assert shareable(build_of(ArticlesGenerator, PagesGenerator, StaticGenerator))
    assert not shareable(build_of(PagesGenerator, ArticlesGenerator)), "Pelican's order: articles, then pages"
    assert not shareable(build_of(ArticlesGenerator)), "no pages generator"
    assert not shareable(build_of(ArticlesGenerator, PagesGenerator, pages=10)), "too few to pay"
    assert not shareable(build_of(ArticlesGenerator, PagesGenerator, check_only=True)), "invoke check writes nothing"
    assert not shareable(build_of(ArticlesGenerator, PagesGenerator, body_outputs={})), (
        "make serve notes what each page shows, in one process"
    )
    one = build_of(ArticlesGenerator, PagesGenerator)
    one.settings["BUILD_PROCESSES"] = 1
    assert not shareable(one)


def test_join_without_a_forked_process_does_nothing(writer):
    join(writer)
    join(None)


#: A forked writer that reports it wrote two pages, joined; in a new process, since forking is
#: done where no other thread runs (support.run_fresh).
JOIN_IN_A_FRESH_PROCESS = """
import os, pickle
from mep_kit.core import state
from mep_kit.outputs import writer as writing
build = state.start(state.Build(settings={}, output_path="."))
writer = writing.SiteWriter.__new__(writing.SiteWriter)
reading, sending = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(reading)
    with os.fdopen(sending, "wb") as out:
        pickle.dump(("written", {"a/index.html", "b/index.html"}, {}, {"a/index.html"}, {}, [], (0, 2)), out)
    os._exit(0)
os.close(sending)
writer.child = (pid, reading)
writing.join(writer)
print(sorted(build.written), sorted(build.indexed), writer.child)
"""


def test_join_takes_back_what_the_forked_process_wrote():
    assert run_fresh(JOIN_IN_A_FRESH_PROCESS).stdout.strip() == "['a/index.html', 'b/index.html'] ['a/index.html'] None"
