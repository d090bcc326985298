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
sys.path.insert(0, str(ROOT / "plugins"))  # the plugin, importable as Pelican's PLUGIN_PATHS makes it
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

    def pages(self) -> dict[str, BeautifulSoup]:
        """Every page a reader can land on (path relative to the output -> soup): the HTML
        files less the meta-refresh pages left at the old addresses of renamed posts."""
        found = {}
        for path in self.html_files():
            relative = path.relative_to(self.output).as_posix()
            soup = self.soup(relative)
            if soup.find("meta", attrs={"http-equiv": "refresh"}) is None:
                found[relative] = soup
        return found


def run_pelican(settings: Path, output: Path, *extra: str, content: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build with Pelican in a subprocess, as `invoke build` does, and capture its log."""
    cmd = [sys.executable, "-m", "pelican", str(content or ROOT / "content"), "-s", str(settings), "-o", str(output), "--fatal", "warnings", *extra]
    environ = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "SITEURL": PRODUCTION_URL, **(env or {})}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=environ)


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


def copy_project(copy: Path) -> Path:
    """Copy the site's files into ``copy``, as a writer's checkout would hold them."""
    copy.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    return copy


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the site, as a writer's checkout would be, that a test may change."""
    return copy_project(tmp_path / "site")


def invoke(project: Path, *args: str, github: bool = False, **env: str) -> subprocess.CompletedProcess:
    """Run an invoke task in ``project`` as a writer would (or as GitHub Actions, ``github``),
    with ``env`` added to the environment."""
    environ = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    environ.update(COLUMNS="200", **env)
    if github:
        environ["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=project, capture_output=True, text=True, env=environ)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (tests/chromium.py) for the whole run."""
    from chromium import launch
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium carries the `browser` marker: `pytest -m browser` runs
    the browser tier alone, `-m "not browser"` everything else."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The shipped site built by `invoke preview` (Pelican, then the Pagefind index), for its
    own local address, and served there with its _headers applied, as a static host would."""
    from hosting import Host

    project = copy_project(tmp_path_factory.mktemp("published") / "site")
    host = Host(project / "output")
    result = invoke(project, "preview", SITEURL=host.url)
    assert result.returncode == 0, result.stdout + result.stderr
    with host:
        yield Site(project / "output", result.stdout + result.stderr, result.returncode, host.url)
