"""Shared fixtures: real Pelican builds of the shipped site and of a small fixture site.

Each build runs once per test session, into a temporary folder, with the same command a
writer or CI runs (`python -m pelican ... --fatal warnings`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixture_site"
PRODUCTION_URL = "https://connstep.org"
PROJECT_FILES = ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py", "tasks.py"]


@dataclass
class Site:
    output: Path
    log: str
    returncode: int
    siteurl: str = ""

    def path(self, relative: str) -> Path:
        relative = relative.lstrip("/")
        target = self.output / relative
        return target / "index.html" if target.is_dir() or relative.endswith("/") or not relative else target

    def soup(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup(self.path(relative).read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


def run_pelican(settings: Path, output: Path, *extra: str, content: Path | None = None) -> subprocess.CompletedProcess:
    """Build with Pelican in a subprocess, as `invoke build` does, and capture its log."""
    cmd = [sys.executable, "-m", "pelican", str(content or ROOT / "content"), "-s", str(settings), "-o", str(output), "--fatal", "warnings", *extra]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "SITEURL": PRODUCTION_URL})


def build(settings: Path, output: Path, content: Path | None = None, siteurl: str = "") -> Site:
    result = run_pelican(settings, output, content=content)
    site = Site(output, result.stdout + result.stderr, result.returncode, siteurl)
    assert result.returncode == 0, f"build failed:\n{site.log}"
    return site


@pytest.fixture(scope="session")
def dev_site(tmp_path_factory) -> Site:
    """The shipped site, development settings (relative URLs, future posts shown)."""
    return build(ROOT / "pelicanconf.py", tmp_path_factory.mktemp("dev") / "output")


@pytest.fixture(scope="session")
def prod_site(tmp_path_factory) -> Site:
    """The shipped site exactly as published (publishconf.py, absolute URLs, feeds)."""
    return build(ROOT / "publishconf.py", tmp_path_factory.mktemp("prod") / "output", siteurl=PRODUCTION_URL)


@pytest.fixture(scope="session")
def fixture_dev(tmp_path_factory) -> Site:
    return build(FIXTURE / "conf.py", tmp_path_factory.mktemp("fixture-dev") / "output", content=FIXTURE / "content")


@pytest.fixture(scope="session")
def fixture_prod(tmp_path_factory) -> Site:
    """The fixture site with production behaviour: future-dated posts left out."""
    return build(FIXTURE / "prodconf.py", tmp_path_factory.mktemp("fixture-prod") / "output", content=FIXTURE / "content", siteurl=PRODUCTION_URL)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the site, as a writer's checkout would be, that a test may change."""
    copy = tmp_path / "site"
    copy.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    return copy


def invoke(project: Path, *args: str, github: bool = False) -> subprocess.CompletedProcess:
    """Run an invoke task in ``project`` as a writer would (or as GitHub Actions, ``github``)."""
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    env["COLUMNS"] = "200"
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=project, capture_output=True, text=True, env=env)
