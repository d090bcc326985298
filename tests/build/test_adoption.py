"""Another center adopts the kit without touching its code or its tests: a copy of this
project, adopted for an invented center by tests/adopt.py (its identity block, its brand, a
renamed service line, every content file replaced, two case studies started with `invoke new`),
passes the check, publishes nothing of the center it was, collects the same kit tests as this
project, and passes the tests of the site a center ships (the `site` marker) on its own site.

The kit's other tests run on sites of the tests' own and never read a center's settings or
content, so what they find is the same in the adopted copy; tests/site holds the tests that do."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pelican.settings import read_settings

from support import ROOT, invoke

sys.path.insert(0, str(ROOT / "tests"))
import adopt


@pytest.fixture(scope="module")
def adopted(tmp_path_factory) -> Path:
    project = adopt.checkout(tmp_path_factory.mktemp("adopted") / "site")
    adopt.adopt(project)
    return project


def collected(project: Path, marker: str) -> list[str]:
    """The tests of ``project`` that ``-m marker`` selects, by id."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", marker, "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if "::" in line]


def identity(project: Path) -> set[str]:
    """What names a center in the text of its pages: its name, long name, phone (as typed and as
    dialled), web address and service lines."""
    settings = read_settings(str(project / "pelicanconf.py"))
    center = settings["CENTER"]
    return {
        center["name"],
        center["long_name"],
        center["phone"],
        re.sub(r"\D", "", center["phone"]),
        re.sub(r"^https?://", "", center["url"]).strip("/"),
        *settings["SERVICE_LINES"],
    }


def test_the_adopted_site_passes_the_check_and_shows_nothing_of_the_center_it_was(adopted):
    check = invoke(adopted, "check")
    assert check.returncode == 0 and "no problems" in check.stdout, check.stdout + check.stderr
    preview = invoke(adopted, "preview", SITEURL="https://adopted.example")
    assert preview.returncode == 0, preview.stdout + preview.stderr
    marks = identity(ROOT) - identity(adopted)  # what was the first center's alone
    files = [path for path in (adopted / "output").rglob("*") if path.is_file()]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8", errors="ignore")
        found = [mark for mark in marks if re.search(rf"(?<!\w){re.escape(mark)}(?!\w)", text, re.IGNORECASE)]
        assert not found, f"{path.relative_to(adopted / 'output')} shows {found} of the center the site was"
    assert (adopted / "output" / "harbor-gearworks" / "index.html").is_file(), "a case study started with invoke new"


def test_the_adopted_project_collects_the_same_kit_tests(adopted):
    here, there = collected(ROOT, "not site"), collected(adopted, "not site")
    assert len(here) > 500
    assert there == here


def test_the_adopted_site_passes_the_tests_of_a_centers_site(adopted):
    """The site tier on the adopted center's site. (Its browser survey, the same as of the
    invented second center's site, which the browser tier surveys, is left to a full run.)"""
    from support import VNU_JAR

    env = {**os.environ, "VNU_JAR": str(VNU_JAR)}  # the copy has no .cache/ of its own: the checker installed here
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "site and not browser", "-p", "no:cacheprovider"],
        cwd=adopted,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\b\d+ passed\b", result.stdout.splitlines()[-1]), result.stdout[-500:]
