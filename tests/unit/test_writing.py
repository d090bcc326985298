"""mep_kit.writing: which process writes which file, and Pelican's writer otherwise."""

from __future__ import annotations

import pytest
from jinja2 import Template
from mep_kit import state, writing
from mep_kit.writing import SharedWriter, is_shared, shareable, site_language_only, stop_sharing
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from support import run_fresh


def test_the_share_depends_on_the_name_alone():
    names = [f"case-studies/post-{number}/index.html" for number in range(600)]
    shared = [name for name in names if is_shared(name)]
    assert shared == [name for name in names if is_shared(name)], "the same answer every time"
    assert abs(len(shared) / len(names) - 0.5) < 0.08


@pytest.fixture
def writer(tmp_path, monkeypatch):
    # A build with no generators: no fork. (Signal handlers another test registered, such as
    # the plugin's content_written, find this build.)
    monkeypatch.setattr(state, "_current", state.Build(settings={}, output_path=str(tmp_path)))
    settings = {"RELATIVE_URLS": False, "SITEURL": "", "OUTPUT_PATH": str(tmp_path), "PAGINATED_TEMPLATES": {},
                "FEED_DOMAIN": "", "FEED_MAX_ITEMS": None, "SITENAME": "Site", "SITESUBTITLE": None}
    made = SharedWriter(str(tmp_path), settings=settings)
    assert made.role is None and made.child is None, "nothing to share: Pelican's writer, no fork"
    return made


def written(writer, tmp_path, names, **kwargs):
    template = Template("{{ output_file }}")
    for name in names:
        writer.write_file(name, template, {"localsiteurl": ""}, **kwargs)
    return sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.html"))


NAMES = [f"post-{number}.html" for number in range(30)] + ["index.html", "posts/page/2/index.html", "category/lean/index.html"]


def test_without_a_share_every_file_is_written(writer, tmp_path):
    assert written(writer, tmp_path, NAMES, article=object()) == sorted(NAMES)


@pytest.mark.parametrize("role", ["build", "child"])
def test_while_sharing_each_process_writes_its_share_of_every_file(writer, tmp_path, role):
    writer.role, writer.sharing = role, True
    assert written(writer, tmp_path, NAMES) == sorted(name for name in NAMES if is_shared(name) == (role == "child"))


@pytest.mark.parametrize(("role", "everything"), [("build", True), ("child", False)])
def test_after_the_pages_generator_the_build_writes_everything(writer, tmp_path, role, everything):
    writer.role, writer.sharing = role, True
    stop_sharing(object(), writer=writer)
    assert written(writer, tmp_path, NAMES) == (sorted(NAMES) if everything else [])


@pytest.mark.parametrize("role", ["build", "child"])
def test_feeds_are_shared_out_too(writer, tmp_path, role):
    writer.role, writer.sharing = role, True
    feeds = [f"feeds/{name}.atom.xml" for name in ("all", "a", "b", "c", "d", "e", "f", "g")]
    assert {is_shared(path) for path in feeds} == {True, False}
    for path in feeds:
        writer.write_feed([], {"SITENAME": "Site", "SITEURL": "", "FEED_DOMAIN": ""}, path)
    got = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.xml"))
    assert got == sorted(path for path in feeds if is_shared(path) == (role == "child"))


def test_a_feed_lists_the_sites_language_only_unless_it_is_a_feed_of_another():
    from types import SimpleNamespace

    english, spanish = SimpleNamespace(in_default_lang=True), SimpleNamespace(in_default_lang=False)
    assert site_language_only([english, spanish]) == [english], "Pelican's feed of all posts holds every translation"
    assert site_language_only([spanish]) == [spanish], "a feed of a translation's language (TRANSLATION_FEED_ATOM)"


def test_sharing_needs_the_articles_and_pages_generators_first():
    def made(kind):
        return kind.__new__(kind)

    assert shareable([made(ArticlesGenerator), made(PagesGenerator), made(StaticGenerator)])
    assert not shareable([made(PagesGenerator), made(ArticlesGenerator)])
    assert not shareable([made(ArticlesGenerator)])


def test_join_without_a_forked_process_does_nothing(writer):
    writing.join(writer)
    writing.join(None)


#: A forked writer that reports it wrote nothing, joined; in a new process, since forking is
#: done where no other thread runs (support.run_fresh).
JOIN_IN_A_FRESH_PROCESS = """
import gc, os, pickle
from mep_kit import state, writing
state.start(state.Build(settings={}, output_path="."))
writer = writing.SharedWriter.__new__(writing.SharedWriter)
reading, sending = os.pipe()
gc.freeze()
pid = os.fork()
if pid == 0:
    os.close(reading)
    with os.fdopen(sending, "wb") as out:
        pickle.dump(("written", set(), {}, set(), {}, [], (0, 0)), out)
    os._exit(0)
os.close(sending)
writer.child = (pid, reading)
assert gc.get_freeze_count() > 0
writing.join(writer)
print(gc.get_freeze_count(), writer.child)
"""


def test_join_makes_the_objects_frozen_for_the_fork_collectable_again():
    """The build freezes its objects before forking (so that collections leave their pages
    shared with the forked process); once that process is joined they are collectable again,
    or a long-lived process would keep them for good."""
    assert run_fresh(JOIN_IN_A_FRESH_PROCESS).stdout.split() == ["0", "None"]
