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

from mep_kit.tools import building
from support import ROOT, copy_project, invoke


def git(project: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "Writer",
            "GIT_AUTHOR_EMAIL": "writer@example.org",
            "GIT_COMMITTER_NAME": "Writer",
            "GIT_COMMITTER_EMAIL": "writer@example.org",
        },
    )
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
    build = subprocess.Popen(
        [sys.executable, "-m", "invoke", "build"],
        cwd=checkout,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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


# -- placeholders ---------------------------------------------------------------------------


def line_with(path: Path, needle: str) -> int:
    """The 1-based line of `path` holding `needle` (asserting there is one)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def scaffolded(project, kind: str, title: str):
    """`invoke new --kind KIND TITLE`: the path it printed, the file, and the file's text."""
    created = invoke(project, "new", "--kind", kind, title)
    assert created.returncode == 0, created.stdout + created.stderr
    shown = created.stdout.strip().splitlines()[-1]
    return shown, project / shown, (project / shown).read_text(encoding="utf-8")


def test_a_scaffolded_case_study_without_its_draft_line_fails_the_check_on_each_placeholder(project):
    from mep_kit.content import placeholders

    shown, draft, text = scaffolded(project, "case-study", "Acme Tool & Die")
    assert invoke(project, "check").returncode == 0

    draft.write_text(text.replace("Status: draft\n", ""), encoding="utf-8")
    result = invoke(project, "check")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    reported = [line for line in result.stdout.splitlines() if line.startswith(f"{shown}:")]
    service = text.split("Services:", 1)[1].split("\n", 1)[0].strip()
    expected = {
        line_with(draft, "Title:"): ("title:", placeholders.TITLE_SUFFIX, "write the headline"),
        line_with(draft, "Summary:"): ("summary:", "placeholder", "one or two sentences"),
        line_with(draft, "Services:"): ("services:", f"'{service}'", "choose the service lines"),
        line_with(draft, "set out to do"): ("body", "Acme Tool & Die set out to do", "tell the client's story"),
    }
    assert len(reported) == len(expected), result.stdout
    for number, words in expected.items():
        message = next((line for line in reported if line.startswith(f"{shown}:{number}: ")), None)
        assert message is not None, f"nothing reported at line {number}:\n{result.stdout}"
        assert all(word in message for word in words), message
        assert "Status: draft" in message

    # With every placeholder written over (and the note gone), the same file passes.
    written = (
        text.replace("Status: draft\n", "")
        .replace(placeholders.TITLE_SUFFIX, " cuts setup time in half")
        .replace(
            placeholders.SUMMARY,
            "A generated summary, long enough for a card, about a shop that halved its setup time.",
        )
        .replace(
            f"Services: {service}\n",
            "Services: Continuous Improvement & Lean Strategies, Quality Management & Certifications\n",
        )
        .replace(
            placeholders.body("case-study", "Acme Tool & Die", "Fixture MEP"),
            "Generated text: the shop's story, told for the test.",
        )
    )
    written = written[: written.index("<!--")] + written[written.index("-->") + 3 :]
    draft.write_text(written, encoding="utf-8")
    result = invoke(project, "check")
    assert result.returncode == 0, result.stdout


def test_a_scaffolded_event_without_its_draft_line_fails_the_check_until_its_times_are_written(project):
    from mep_kit.content import placeholders

    shown, draft, text = scaffolded(project, "event", "Lean Basics Webinar")
    start = text.split("Start: ", 1)[1].split("\n", 1)[0]
    end = text.split("End: ", 1)[1].split("\n", 1)[0]
    assert start.endswith(" 11:00") and end == start.replace("11:00", "12:00"), "an hour, weeks ahead"

    draft.write_text(text.replace("Status: draft\n", ""), encoding="utf-8")
    result = invoke(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    reported = [line for line in result.stdout.splitlines() if line.startswith(f"{shown}:")]
    assert len(reported) == 3, result.stdout
    assert f"{shown}:{line_with(draft, 'Summary:')}: summary: still the draft's placeholder" in result.stdout
    assert (
        f"{shown}:{line_with(draft, 'Start:')}: start: '{start}' and end: '{end}' are the draft's placeholders (its note says so); "
        "write when the event starts and ends"
    ) in result.stdout
    assert (
        f"{shown}:{line_with(draft, 'who it is for, here.')}: the body is still the draft's placeholder"
        in result.stdout
    )

    written = (
        text.replace("Status: draft\n", "")
        .replace(placeholders.SUMMARY, "A generated summary, long enough for a card, about an hour of lean basics.")
        .replace(f"Start: {start}\n", "Start: 2030-05-07 11:00\n")
        .replace(f"End: {end}\n", "End: 2030-05-07 12:00\n")
        .replace(placeholders.body("event", "", ""), "Generated text: what the webinar covers, for the test.")
    )
    draft.write_text(written[: written.index("<!--")] + written[written.index("-->") + 3 :], encoding="utf-8")
    result = invoke(project, "check")
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("kind", ["article", "page"])
def test_an_article_or_page_draft_published_as_it_was_scaffolded_fails_the_build(project, kind):
    shown, draft, text = scaffolded(project, kind, "Generated Title For A Test")
    # "hidden" is not a draft either: a hidden page is still published at its address.
    draft.write_text(text.replace("Status: draft", "Status: hidden" if kind == "page" else ""), encoding="utf-8")
    result = invoke(project, "build")
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert f"{shown}:{line_with(draft, 'Summary:')}: summary: still the draft's placeholder" in log, log
    assert (
        f"{shown}:{line_with(draft, 'here.')}: the body is still the draft's placeholder 'Write the {kind} here.'; in its place, write the {kind}"
        in log
    ), log
    assert "Traceback" not in log


# -- publishing: unchanged files hard-linked to the previous release -----------------------


def publish_locally(source: Path, server: Path, release: str) -> None:
    """`invoke publish --target rsync`'s steps against a folder on this machine: the remote
    commands through `sh -c`, the upload with the real rsync and the destination as a local path."""
    from mep_kit.tools import publish

    for step in publish.rsync_steps("deploy@example.org", str(server), release, keep=5, source=source):
        argv = list(step.argv)
        if argv[0] == "ssh":
            argv = ["sh", "-c", argv[-1]]
        else:
            assert argv[0] == "rsync" and argv[-1].startswith("deploy@example.org:")
            argv[-1] = argv[-1].split(":", 1)[1]
        result = subprocess.run(argv, capture_output=True, text=True)
        assert result.returncode == 0, f"{step.name}: {argv}\n{result.stdout}{result.stderr}"


def test_two_rsync_publishes_of_the_same_commit_share_their_unchanged_files(tmp_path):
    from support import FIXTURE, run_pelican

    assert shutil.which("rsync"), "rsync is missing: `make test` installs it"
    builds = []
    for number in (1, 2):  # two builds of the same sources, as two publishes of one commit make
        output = tmp_path / f"build{number}"
        result = run_pelican(FIXTURE / "pelicanconf.py", output, content=FIXTURE / "content")
        assert result.returncode == 0, result.stdout + result.stderr
        builds.append(output)
        time.sleep(1.1)  # the second build's files are a second newer at least
    changed = next(iter(sorted(builds[1].rglob("*.html"))))
    changed.write_text(changed.read_text(encoding="utf-8") + "<!-- generated change -->\n", encoding="utf-8")
    files = sorted(p.relative_to(builds[1]) for p in builds[1].rglob("*") if p.is_file())
    assert any(os.stat(builds[0] / f).st_mtime != os.stat(builds[1] / f).st_mtime for f in files)

    server = tmp_path / "srv" / "site"
    publish_locally(builds[0], server, "20260101T000000Z-aaaaaaa")
    publish_locally(builds[1], server, "20260101T000100Z-aaaaaaa")
    first, second = server / "releases" / "20260101T000000Z-aaaaaaa", server / "releases" / "20260101T000100Z-aaaaaaa"
    assert (server / "current").resolve() == second.resolve()
    for relative in files:
        old, new = os.stat(first / relative), os.stat(second / relative)
        assert (second / relative).read_bytes() == (builds[1] / relative).read_bytes(), relative
        if relative == changed.relative_to(builds[1]):
            assert old.st_ino != new.st_ino, f"{relative} changed but was linked"
        else:
            assert old.st_ino == new.st_ino, f"{relative} is unchanged but was copied, not linked"
            assert new.st_mode & 0o777 == 0o644
