"""The writers' editor at /admin/ in a real browser: Decap CMS, served by the built site,
against a local repository through decap-server (the CMS's own local backend, pinned and
installed from npm into the git-ignored .cache/npm). A case study made through the form is
saved in the site's own front-matter format, passes `invoke check` and builds."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support import ROOT, copy_project, front_matter, invoke

pytestmark = pytest.mark.browser

DECAP_SERVER = "decap-server@3.11.3"
NPM_PREFIX = ROOT / ".cache" / "npm"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{process.args[0]} stopped:\n{log.read_text()}"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s:\n{log.read_text()}")


def decap_server() -> Path:
    """decap-server's entry point, installed (once) with npm into .cache/npm."""
    entry = NPM_PREFIX / "node_modules" / "decap-server" / "dist" / "index.js"
    installed = NPM_PREFIX / "node_modules" / "decap-server" / "package.json"
    version = DECAP_SERVER.split("@", 1)[1]
    if not installed.exists() or json.loads(installed.read_text())["version"] != version:
        npm = shutil.which("npm")
        assert npm, "the editor's browser test needs Node.js and npm: run `make test` (it installs them)"
        result = subprocess.run([npm, "install", "--prefix", str(NPM_PREFIX), "--no-audit", "--no-fund", "--no-save", DECAP_SERVER],
                                capture_output=True, text=True)
        assert result.returncode == 0, f"npm install {DECAP_SERVER} failed:\n{result.stdout}{result.stderr}"
    return entry


def start(command: list[str], log: Path, **kwargs) -> subprocess.Popen:
    with open(log, "w") as handle:
        return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def editor(tmp_path):
    """A copy of the project as a git repository, built, served on one port, with decap-server
    on another: (project, address of /admin/)."""
    server_entry = decap_server()
    project = copy_project(tmp_path / "site")
    proxy_port, site_port = free_port(), free_port()
    with open(project / "pelicanconf.py", "a") as conf:
        conf.write(f'\nADMIN_SAVE_AS = "admin"\nADMIN_LOCAL_BACKEND = "http://localhost:{proxy_port}/api/v1"\n')
    git = ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "The site"], cwd=project, check=True)
    built = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(tmp_path / "output")],
                           cwd=project, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    proxy = start(["node", str(server_entry)], tmp_path / "decap-server.log",
                  env={**os.environ, "PORT": str(proxy_port), "GIT_REPO_DIRECTORY": str(project), "BIND_HOST": "127.0.0.1"})
    site = start([sys.executable, "-m", "http.server", str(site_port), "--bind", "127.0.0.1"], tmp_path / "http.log", cwd=tmp_path / "output")
    try:
        wait_for(f"http://127.0.0.1:{proxy_port}/api/v1", proxy, tmp_path / "decap-server.log")
        wait_for(f"http://127.0.0.1:{site_port}/admin/", site, tmp_path / "http.log", seconds=30)
        yield project, f"http://127.0.0.1:{site_port}/admin/", tmp_path / "output"
    finally:
        stop(proxy)
        stop(site)


def test_a_case_study_made_in_the_editor_passes_the_check_and_builds(editor, browser, tmp_path):
    project, admin, output = editor
    config = json.loads((output / "admin" / "config.yml").read_text())
    services = next(f for f in config["collections"][0]["fields"] if f["name"] == "services")["options"]
    title = "Harbor Gearworks Cuts Scrap With a New Inspection Routine"
    summary = "A generated test case study: a made-up shop cut its scrap rate by checking parts earlier in the process."
    problems = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(admin)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_text("Case studies").first).to_be_visible(timeout=30_000)
    page.goto(admin + "#/collections/case-studies/new")
    def field(name: str):  # the form's control of a front-matter field
        return page.locator(f"[id^='{name}-field-']")

    field("title").wait_for(timeout=30_000)
    field("title").fill(title)
    field("summary").fill(summary)
    field("date").fill("2026-01-15")
    field("client").fill("Harbor Gearworks")
    for service in services[:2]:
        field("services").click()
        page.keyboard.type(service)
        page.keyboard.press("Enter")
    field("status").click()
    page.keyboard.type("published")
    page.keyboard.press("Enter")
    body = page.locator("[data-slate-editor='true']").first
    body.click()
    page.keyboard.type("The shop moved its first inspection to the start of each run.")
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    saved = project / "content" / "case-studies" / "harbor-gearworks-cuts-scrap-with-a-new-inspection-routine.md"
    for _ in range(100):
        if saved.exists():
            break
        page.wait_for_timeout(200)
    page.screenshot(path=str(tmp_path / "editor.png"))
    context.close()
    assert saved.exists(), f"the editor saved no file; page errors: {problems}; files: {sorted(p.name for p in saved.parent.iterdir())}"
    text = saved.read_text(encoding="utf-8")
    head = text.split("\n\n", 1)[0].splitlines()
    # Pelican's metadata lines, in the order `invoke new` writes them (no YAML block).
    assert [line.split(": ", 1)[0] for line in head] == ["Title", "Date", "Client", "Services", "Summary", "Status"], text
    meta, _ = front_matter(saved)
    assert meta["title"] == title and meta["client"] == "Harbor Gearworks" and meta["summary"] == summary
    assert meta["services"] == ", ".join(services[:2]) and meta["status"] == "published" and meta["date"] == "2026-01-15"
    assert "The shop moved its first inspection" in text.split("\n\n", 1)[1]
    assert not [p for p in problems if "Content Security Policy" in p], problems

    check = invoke(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    built = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(tmp_path / "again")],
                           cwd=project, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    written = [p for p in (tmp_path / "again").rglob("*.html") if "Harbor Gearworks Cuts Scrap" in p.read_text(encoding="utf-8")]
    assert any("harbor-gearworks" in p.as_posix() for p in written), "the case study's own page was built"
