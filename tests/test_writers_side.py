"""The writers' side of the kit: what a writer meets while editing, building and checking.

Builds stopped midway leave nothing behind that a later build keeps or git shows; scaffolded
placeholders never pass the check outside a draft; publishing the same build twice shares
the unchanged files with the previous release."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, invoke
from mep_kit import building


def git(project: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True,
                            env={**os.environ, "GIT_AUTHOR_NAME": "Writer", "GIT_AUTHOR_EMAIL": "writer@example.org",
                                 "GIT_COMMITTER_NAME": "Writer", "GIT_COMMITTER_EMAIL": "writer@example.org"})
    return result.stdout


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of the site under git, with the project's .gitignore, everything committed."""
    project = copy_project(tmp_path / "site")
    shutil.copy2(ROOT / ".gitignore", project / ".gitignore")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "site")
    return project


# -- interrupted builds ---------------------------------------------------------------------

def test_a_build_removes_the_staging_folders_of_earlier_builds_and_nothing_else(tmp_path):
    output = tmp_path / "output"
    (output / "old.html").parent.mkdir()
    (output / "old.html").write_text("previous site")
    leftovers = [tmp_path / ".output-new-k2j4x1", tmp_path / ".output-old-9sd0a_"]
    for leftover in leftovers:
        (leftover / "sub").mkdir(parents=True)
        (leftover / "sub" / "index.html").write_text("half-built")
    kept = [tmp_path / ".output-newer", tmp_path / "output-new-x", tmp_path / ".site-new-x"]
    for folder in kept:
        folder.mkdir()
    (tmp_path / ".output-new-file").write_text("a file, not a staging folder")

    def run(command: str) -> int:
        staging = [p for p in tmp_path.glob(".output-new-*") if p.is_dir()]
        assert len(staging) == 1, staging  # only this build's own staging folder remains
        if "pelican" in command:
            (staging[0] / "index.html").write_text("new site")
        return 0

    assert building.atomic_build(run, "pelicanconf.py", False, output) == output
    assert (output / "index.html").read_text() == "new site"
    assert not (output / "old.html").exists()
    assert not any(leftover.exists() for leftover in leftovers)
    assert all(folder.is_dir() for folder in kept)
    assert (tmp_path / ".output-new-file").is_file()


def test_a_build_killed_midway_leaves_nothing_in_git_status_and_the_next_build_cleans_up(checkout):
    build = subprocess.Popen([sys.executable, "-m", "invoke", "build"], cwd=checkout, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(checkout.glob(".output-new-*")) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(build.pid, signal.SIGKILL)  # as a closed terminal would, with no chance to tidy up
    build.wait()
    leftovers = list(checkout.glob(".output-new-*"))
    assert leftovers, "the build finished before it could be stopped"
    assert git(checkout, "status", "--porcelain", "--untracked-files=all") == ""

    result = invoke(checkout, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [p for p in checkout.iterdir() if p.name.startswith(".output-")]
    assert (checkout / "output" / "index.html").is_file()
    assert git(checkout, "status", "--porcelain", "--untracked-files=all") == ""
