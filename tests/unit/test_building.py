"""mep_kit.tools.building: a build replaces output/ only when every step succeeded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mep_kit.outputs.search import lay_out_for_search, search_folder
from mep_kit.tools.building import (
    BuildFailed,
    atomic_build,
    build_commands,
    keep_times,
    search_index_command,
    search_key,
)


def test_the_steps_are_pelican_then_pagefind_into_the_staging_folder(tmp_path):
    steps = build_commands("publishconf.py", tmp_path / "stage", strict=True, python="py")
    assert [name for name, _ in steps] == ["Build", "Search indexing"]
    assert "--fatal warnings" in steps[0][1] and str(tmp_path / "stage") in steps[1][1]


def test_a_failed_step_leaves_the_output_as_it_was_and_no_staging_folder(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("good")
    with pytest.raises(BuildFailed) as failed:
        atomic_build(lambda command: 1 if "pagefind" in command else 0, "publishconf.py", True, output)
    assert "Search indexing failed" in failed.value.message and (output / "index.html").read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_good_build_swaps_the_new_folder_in(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "old.html").write_text("old")
    assert atomic_build(lambda command: 0, "publishconf.py", True, output) == output
    assert list(output.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_unchanged_files_keep_their_time_and_changed_ones_get_the_new_one(tmp_path):
    output = tmp_path / "output"
    (output / "post").mkdir(parents=True)
    for name, text in (("index.html", "same"), ("post/index.html", "old text"), ("gone.html", "x")):
        (output / name).write_text(text)
        os.utime(output / name, (1_000_000_000, 1_000_000_000))

    def build_step(command):
        site = Path(command.split('-o "')[1].split('"')[0])
        (site / "post").mkdir()
        (site / "index.html").write_text("same")
        (site / "post" / "index.html").write_text("new text")  # same size, other bytes
        (site / "new.html").write_text("new")
        return 0

    atomic_build(
        lambda command: build_step(command) if " -m pelican " in command else 0, "publishconf.py", True, output
    )
    assert (output / "index.html").stat().st_mtime == 1_000_000_000
    assert (output / "post" / "index.html").stat().st_mtime > 1_000_000_000
    assert (output / "new.html").stat().st_mtime > 1_000_000_000
    assert not (output / "gone.html").exists()


def test_search_reads_only_the_posts_and_pages_laid_out_for_it(tmp_path):
    site = tmp_path / ".output-new-1"
    for name in ("index.html", "post/index.html", "posts/page/2/index.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    folder = lay_out_for_search(site, ["post/index.html"])
    assert folder == search_folder(site) and folder.parent == tmp_path and folder.name.startswith(".output-new-")
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == ["post/index.html"]
    assert (folder / "post" / "index.html").read_text() == "post/index.html"
    command = search_index_command(site, python="py")
    assert f'--site "{folder}"' in command and f'--output-path "{site.resolve() / "pagefind"}"' in command

    def step(command):  # the plugin lays the pages out as Pelican finishes
        if " -m pelican " in command:
            lay_out_for_search(Path(command.split('-o "')[1].split('"')[0]), [])
        return 0

    atomic_build(step, "publishconf.py", True, tmp_path / "output")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"], "no staging or search folder is left, old or new"


def test_a_file_linked_from_the_same_cached_file_keeps_its_time(tmp_path):
    cached, previous, site = tmp_path / "card.png", tmp_path / "old", tmp_path / "new"
    cached.write_bytes(b"card")
    for folder in (previous, site):
        folder.mkdir()
        os.link(cached, folder / "card.png")
    os.utime(cached, (1_000_000_000, 1_000_000_000))
    assert keep_times(previous, site) == 1
    assert (site / "card.png").stat().st_mtime == 1_000_000_000


def test_an_index_of_the_same_pages_is_taken_from_the_search_cache(tmp_path):
    output, cache, runs = tmp_path / "output", tmp_path / "cache" / "search", []
    page = {"text": "first"}

    def step(command):
        site = Path(command.split('-o "')[1].split('"')[0]) if " -m pelican " in command else None
        if site is not None:  # Pelican writes the page, and the plugin lays it out for search
            (site / "post").mkdir()
            (site / "post" / "index.html").write_text(page["text"])
            (site / "list.html").write_text(f"list {len(runs)}")  # not indexed: changes nothing
            lay_out_for_search(site, ["post/index.html"])
        else:
            runs.append(command)
            index = Path(command.split('--output-path "')[1].split('"')[0])
            index.mkdir()
            (index / "pagefind-entry.json").write_text(f"index of {page['text']}, run {len(runs)}")
        return 0

    def build():
        atomic_build(step, "publishconf.py", True, output, search_cache=cache)
        return (output / "pagefind" / "pagefind-entry.json").read_text()

    assert build() == "index of first, run 1" and len(runs) == 1
    assert build() == "index of first, run 1" and len(runs) == 1, "the same pages: the kept index"
    page["text"] = "second"
    assert build() == "index of second, run 2" and len(runs) == 2
    page["text"] = "first"
    assert build() == "index of first, run 1" and len(runs) == 2
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "output"]
    assert [p.name for p in (output / "pagefind").iterdir()] == ["pagefind-entry.json"], (
        "the list of kept files is not published"
    )


def test_a_kept_index_that_is_not_whole_is_built_again(tmp_path):
    output, cache, runs = tmp_path / "output", tmp_path / "cache", []

    def step(command):
        if " -m pelican " in command:
            site = Path(command.split('-o "')[1].split('"')[0])
            (site / "post").mkdir()
            (site / "post" / "index.html").write_text("a page")
            lay_out_for_search(site, ["post/index.html"])
        else:
            runs.append(command)
            index = Path(command.split('--output-path "')[1].split('"')[0])
            (index / "fragment").mkdir(parents=True)
            (index / "pagefind-entry.json").write_text("entry")
            (index / "fragment" / "a.pf_fragment").write_text("fragment")
        return 0

    atomic_build(step, "publishconf.py", True, output, search_cache=cache)
    (kept,) = [p for p in cache.iterdir() if p.is_dir()]
    (kept / "fragment" / "a.pf_fragment").unlink()  # damaged by hand
    atomic_build(step, "publishconf.py", True, output, search_cache=cache)
    assert len(runs) == 2 and (output / "pagefind" / "fragment" / "a.pf_fragment").read_text() == "fragment"
    atomic_build(step, "publishconf.py", True, output, search_cache=cache)
    assert len(runs) == 2, "the index built again was kept whole"


def test_the_search_key_covers_the_pages_pagefind_and_its_configuration(tmp_path, monkeypatch):
    site = tmp_path / ".output-new-1"
    (site / "post").mkdir(parents=True)
    (site / "post" / "index.html").write_text("a page")
    lay_out_for_search(site, ["post/index.html"])
    key = search_key(site, python="py", cwd=tmp_path)
    assert key == search_key(site, python="py", cwd=tmp_path)
    assert key != search_key(site, python="another python", cwd=tmp_path)
    (tmp_path / "pagefind.yml").write_text("exclude_selectors: [nav]")
    assert search_key(site, python="py", cwd=tmp_path) != key
    (tmp_path / "pagefind.yml").unlink()
    monkeypatch.setenv("PAGEFIND_FORCE_LANGUAGE", "fr")
    assert search_key(site, python="py", cwd=tmp_path) != key
    monkeypatch.delenv("PAGEFIND_FORCE_LANGUAGE")
    (site / "post" / "index.html").write_text("another page")
    assert search_key(site, python="py", cwd=tmp_path) != key
