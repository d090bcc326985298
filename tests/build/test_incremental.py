"""`make serve`'s quick path (mep_kit.tools.incremental): a save that changes only bodies writes
only the files that show them, and the site in output/ is then byte for byte what a new build
writes; any other save runs the whole build, as before, and a save with a problem keeps the
site and reports the problem; the save after it, once fixed, is quick again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from photos import phone_photo

from mep_kit.tools.devserver import Rebuilder
from support import BEFORE, GENERATED_EVENTS, copy_project, epoch, tree_digest, write_events, write_posts

SETTINGS = "publishconf.py"  # feeds and the JSON feed on: they show bodies too
ENVIRONMENT = {"SITEURL": "https://fixture-mep.example", "SOURCE_DATE_EPOCH": epoch(BEFORE)}
POST = "content/case-studies/harbor-gearworks.md"
OTHER = "content/case-studies/kennebec-composites.md"
EVENT = "content/events/lean-webinar.md"
NEWEST = "content/case-studies/bravo.md"  # among the recent posts of the JSON feed


def replace(project: Path, relative: str, old: str, new: str) -> str:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.unlink()  # a new file, as an editor saves one
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


def site_of(output: Path) -> dict[str, str]:
    """The site but its search index (Pagefind names its files anew each run)."""
    return {path: digest for path, digest in tree_digest(output).items() if not path.startswith("pagefind/")}


def new_build(project: Path, output: Path) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", SETTINGS, "-o", str(output), "--fatal", "warnings"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return tree_digest(output)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A checkout with generated posts, events and a photo in a body, built by the development
    server's rebuilder (its build process inherits the environment)."""
    monkeypatch = pytest.MonkeyPatch()
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    tmp_path = tmp_path_factory.mktemp("incremental")
    project = copy_project(tmp_path / "site")
    write_posts(project / "content")
    write_events(project / "content", {name: GENERATED_EVENTS[name] for name in ("lean-webinar.md", "iso-workshop.md")})
    (project / "content" / "images" / "bench.jpg").write_bytes(phone_photo(700, 500, seed=5))
    replace(
        project,
        OTHER,
        "This story is generated",
        "![A generated workbench]({static}/images/bench.jpg)\n\nThis story is generated",
    )
    rebuilder = Rebuilder(project, SETTINGS, project / "output", "content", strict=True)
    try:
        rebuilder.first_build()
        yield project, rebuilder, tmp_path
    finally:
        rebuilder.close()
        monkeypatch.undo()


def test_saves_of_bodies_write_only_their_files_and_the_site_equals_a_new_build(served):
    project, rebuilder, tmp_path = served
    output = project / "output"

    # A case study's body: its page and every feed that carries it, nothing else.
    saved = replace(project, NEWEST, "Bravo's story.", "Bravo's story. Quick-path-marker.")
    assert rebuilder.rebuild([saved]) is True
    kind, written = rebuilder.last
    assert kind == "quick", written
    assert {"bravo/index.html", "feeds/all.atom.xml", "feeds/services/workforce-development.atom.xml"} <= set(written)
    assert "feeds/recent.json" in written
    assert [path for path in written if path.endswith(".html")] == ["bravo/index.html"]
    assert "Quick-path-marker" in (output / "bravo" / "index.html").read_text(encoding="utf-8")
    assert site_of(output) == new_build(project, tmp_path / "cold-1")

    # Two bodies at once, one of them an event's.
    saved = [
        replace(project, POST, "This story is generated", "This story, edited, is generated"),
        replace(project, EVENT, "What happens at", "What really happens at"),
    ]
    assert rebuilder.rebuild(saved) is True
    assert rebuilder.last[0] == "quick", rebuilder.last
    assert site_of(output) == new_build(project, tmp_path / "cold-2")

    # A body with a photo, the same photo after the edit.
    saved = replace(project, OTHER, "This story is generated", "This story, with its photo, is generated")
    assert rebuilder.rebuild([saved]) is True
    assert rebuilder.last[0] == "quick", rebuilder.last
    assert "<picture" in (output / "kennebec-composites" / "index.html").read_text(encoding="utf-8")

    # A field lists show: the whole build.
    saved = replace(project, POST, "Title: Harbor Gearworks", "Title: Harbor Gearworks, Edited,")
    assert rebuilder.rebuild([saved]) is True
    assert rebuilder.last[0] == "whole", rebuilder.last
    assert site_of(output) == new_build(project, tmp_path / "cold-3")

    # A body with a problem: the whole build reports it (tests/build/test_live_rebuild.py reads
    # the report), and the site is kept.
    before = tree_digest(output)
    saved = replace(
        project, POST, "This story, edited,", "See [the plans]({filename}/case-studies/missing.md). This story,"
    )
    assert rebuilder.rebuild([saved]) is False
    assert rebuilder.last[0] == "whole", rebuilder.last
    assert tree_digest(output) == before
    # Fixed: only the body differs from the site kept, so the save is quick again.
    saved = replace(
        project, POST, "See [the plans]({filename}/case-studies/missing.md). This story,", "This story, fixed,"
    )
    assert rebuilder.rebuild([saved]) is True
    assert rebuilder.last[0] == "quick", rebuilder.last
    assert site_of(output) == new_build(project, tmp_path / "cold-4")


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(
            lambda p: replace(
                p, POST, "This story", "![A generated workbench]({static}/images/bench.jpg)\n\nThis story"
            ),
            id="an image added to a body",
        ),
        pytest.param(
            lambda p: replace(p, "content/pages/about.md", "About page.", "About this page."),
            id="a body a summary is made from",
        ),
        pytest.param(lambda p: str(p / "theme/templates/base.html"), id="a template saved"),
        pytest.param(lambda p: str(p / "content/case-studies/zulu.md"), id="a file the build did not read"),
    ],
)
def test_saves_that_change_more_than_bodies_run_the_whole_build(served, tmp_path, edit):
    project, rebuilder, _ = served
    saved = edit(project)
    assert rebuilder.rebuild([saved]) is True
    assert rebuilder.last[0] == "whole", rebuilder.last
    assert site_of(project / "output") == new_build(project, tmp_path / "cold")
