"""mep_kit.content.readahead: every file read once, on every core, and cached under a key that covers
all it depends on."""

from __future__ import annotations

import os
import pickle
import shutil
import sys

import pytest

from mep_kit.content import readahead, reader
from mep_kit.content.readahead import KEEP_RECIPES, ReadAhead, load_cache, recipe, save_cache
from support import FIXTURE, ROOT, run_fresh

SHIPPED = sorted((FIXTURE / "content" / "case-studies").glob("*.md"))  # real files of a site, as committed


@pytest.fixture
def site(reading, tmp_path, monkeypatch):
    """A content folder of 3 x the fixture site's case studies (enough to read in processes), with
    its own cache folder; the reads made in this process counted."""
    settings, content, registry, renderer = reading
    folder = content / "case-studies"
    shutil.rmtree(folder)
    folder.mkdir()
    paths = []
    for copy in range(3):
        for source in SHIPPED:
            target = folder / f"{source.stem}-{copy}.md"
            shutil.copy(source, target)
            paths.append(str(target))
    settings = {**settings, "READ_CACHE_PATH": str(tmp_path / "cache")}
    here = []
    original = reader.read_file

    def counted(path, *args):
        here.append(path)
        return original(path, *args)

    monkeypatch.setattr(readahead, "read_file", counted)
    return settings, paths, (registry, renderer, ("case_study", "article")), here


def read_all(settings, paths, job):
    ahead = ReadAhead(paths, settings, *job)
    forked = ahead.pool is not None
    done = {path: ahead.get(path) for path in paths}
    ahead.finish()
    return done, forked


#: Reads the files in a new process (forking is refused where other threads run, as the
#: browser tier's do in the whole suite) and writes what it read.
READ_IN_A_FRESH_PROCESS = """
import pickle, sys
from pathlib import Path
from mep_kit.core.forking import can_fork
from mep_kit.content.readahead import ReadAhead
from support import reading_setup
content, cache, paths, out = sys.argv[1], sys.argv[2], sys.argv[3].split("|"), sys.argv[4]
assert can_fork(), "a new process runs one thread"
settings, registry, renderer = reading_setup(Path(content), READ_CACHE_PATH=cache, BUILD_PROCESSES=2)
ahead = ReadAhead(paths, settings, registry, renderer, ("case_study", "article"))
forked = ahead.pool is not None
done = {path: ahead.get(path) for path in paths}
ahead.finish()
with open(out, "wb") as handle:
    pickle.dump((forked, done), handle)
"""


def test_forked_readers_give_what_one_process_gives(site, reading, tmp_path):
    settings, paths, job, here = site
    content = reading[1]
    run_fresh(READ_IN_A_FRESH_PROCESS, content, tmp_path / "fresh-cache", "|".join(paths), tmp_path / "read.pickle")
    with open(tmp_path / "read.pickle", "rb") as handle:
        forked, parallel = pickle.load(handle)
    assert forked, "the files were read by forked readers"
    serial, forked = read_all({**settings, "BUILD_PROCESSES": 1}, paths, job)
    assert not forked and sorted(here) == sorted(paths)
    assert parallel == serial
    assert all(not done.problems and done.content for done in serial.values())


def test_a_warm_read_takes_unchanged_files_from_the_cache(site):
    settings, paths, job, here = site
    settings = {**settings, "BUILD_PROCESSES": 1}
    cold, _ = read_all(settings, paths, job)
    here.clear()
    with open(paths[3], "a", encoding="utf-8") as handle:
        handle.write("\nOne more sentence.\n")
    warm, _ = read_all(settings, paths, job)
    assert here == [paths[3]], "only the changed file is read again"
    assert "One more&nbsp;sentence." in warm[paths[3]].content
    assert {p: d for p, d in warm.items() if p != paths[3]} == {p: d for p, d in cold.items() if p != paths[3]}


def test_the_cache_keeps_only_this_builds_files(site):
    settings, paths, job, _here = site
    settings = {**settings, "BUILD_PROCESSES": 1}
    read_all(settings, paths, job)
    os.remove(paths[0])
    read_all(settings, paths[1:], job)
    assert sorted(load_cache(settings["READ_CACHE_PATH"], recipe(settings))) == sorted(paths[1:])


def test_a_damaged_cache_means_a_cold_read(site):
    settings, paths, job, here = site
    settings = {**settings, "BUILD_PROCESSES": 1}
    read_all(settings, paths, job)
    for entry in os.scandir(settings["READ_CACHE_PATH"]):
        with open(entry.path, "wb") as handle:
            handle.write(b"not a pickle")
    here.clear()
    read_all(settings, paths, job)
    assert sorted(here) == sorted(paths)


def test_only_the_newest_recipes_are_kept(tmp_path):
    for number in range(KEEP_RECIPES + 2):
        save_cache(tmp_path, f"recipe{number}", {})
        os.utime(tmp_path / f"recipe{number}.pickle", (number, number))
    assert sorted(p.stem for p in tmp_path.glob("*.pickle")) == [f"recipe{n}" for n in range(2, KEEP_RECIPES + 2)]
    assert not list(tmp_path.glob(".*")), "no temporary file is left"


# --- the key --------------------------------------------------------------------------------


@pytest.fixture
def project(reading, tmp_path):
    """Settings over a copy of the theme, the content's registry and a lock file, and a copy
    of the plugin, so each can be changed."""
    settings, content, _registry, _renderer = reading
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copytree(
        ROOT / "plugins" / "mep_kit", tmp_path / "plugin", ignore=shutil.ignore_patterns("__pycache__", "admin")
    )
    shutil.copytree(content / "data", tmp_path / "content" / "data")
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "dev.lock").write_text("markdown==3.11.3 --hash=sha256:aaa\n")
    settings = {**settings, "THEME": str(tmp_path / "theme"), "PATH": str(tmp_path / "content")}
    return settings, tmp_path


def key(settings, root):
    return recipe(settings, plugin=root / "plugin")


@pytest.mark.parametrize(
    "change",
    [
        "a setting",
        "the theme",
        "the plugin",
        "the registry",
        "the lock file",
        "the folder it runs from",
    ],
)
def test_the_key_covers_everything_reading_depends_on(project, change, monkeypatch, tmp_path):
    settings, root = project
    before = key(settings, root)
    assert key(dict(settings), root) == before, "the same inputs, the same key"
    if change == "a setting":
        settings = {**settings, "SERVICE_LINES": {**settings["SERVICE_LINES"], "New Line": "What it is."}}
    elif change == "the theme":
        path = root / "theme" / "templates" / "partials" / "impact_callout.html"
        path.write_text(path.read_text() + "\n")
    elif change == "the plugin":
        path = root / "plugin" / "content" / "markdown_ext.py"
        path.write_text(path.read_text() + "\n# changed\n")
    elif change == "the registry":
        path = root / "content" / settings["FIGURES_FILE"]
        path.write_text(path.read_text().replace("value = 1000", "value = 1001", 1))
    elif change == "the lock file":
        (root / "requirements" / "dev.lock").write_text("markdown==3.11.4 --hash=sha256:bbb\n")
    else:
        monkeypatch.chdir(tmp_path)
    assert key(settings, root) != before


def test_where_the_build_writes_is_not_in_the_key(project):
    settings, root = project
    assert key({**settings, "OUTPUT_PATH": "/tmp/.output-new-1"}, root) == key(
        {**settings, "OUTPUT_PATH": "/tmp/.output-new-2"}, root
    )


def test_a_warm_read_leaves_the_cache_as_it_was_and_marks_it_used(site):
    settings, paths, job, here = site
    settings = {**settings, "BUILD_PROCESSES": 1}
    read_all(settings, paths, job)
    cache = os.path.join(settings["READ_CACHE_PATH"], f"{recipe(settings)}.pickle")
    os.utime(cache, (1_000_000_000, 1_000_000_000))
    before = open(cache, "rb").read()
    here.clear()
    read_all(settings, paths, job)
    assert here == [] and open(cache, "rb").read() == before
    assert os.stat(cache).st_mtime > 1_000_000_000, "the recipe counts as used, for KEEP_RECIPES"


def test_once_every_file_is_read_nothing_read_is_held_and_the_cache_still_has_all(site):
    settings, paths, job, _here = site
    settings = {**settings, "BUILD_PROCESSES": 1}
    ahead = ReadAhead(paths, settings, *job)
    read = {path: ahead.get(path) for path in paths}
    ahead.finish()
    assert ahead.done == {}, "Pelican holds its content of every file; the reading holds no second copy"
    assert {path: entry[1] for path, entry in load_cache(settings["READ_CACHE_PATH"], recipe(settings)).items()} == read


def test_pickling_a_read_file_leaves_no_utf8_copy_in_its_body():
    """CPython keeps, inside a non-ASCII str, the UTF-8 bytes pickle asks it for; a ReadFile
    pickles its body as bytes it encodes itself, so the live body stays its own size."""
    body = "<p>\u201cQuoted\u201d \u2014 text.</p>" * 500
    plain = body[:-1] + "."  # the same kind of str, never a ReadFile's
    size = sys.getsizeof(plain)
    pickle.dumps(plain)
    assert sys.getsizeof(plain) > size, "pickle caches UTF-8 in a plain str (what this guards against)"
    done = reader.ReadFile("x.md", content=body, meta={"title": ["T"]}, text={"title": "T"}, lines={"title": 1})
    size = sys.getsizeof(done.content)
    again = pickle.loads(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
    assert sys.getsizeof(done.content) == size and again == done
