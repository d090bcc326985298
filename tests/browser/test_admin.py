"""The writers' editor at /admin/ in a real browser: Decap CMS, served by the built site,
against a local repository through decap-server (the CMS's own local backend, pinned and
installed from npm into the git-ignored .cache/npm).

- Simple mode (decap-server's default ``fs`` mode, what a writer runs): a case study made
  through the form is saved in the site's own front-matter format, passes `invoke check`
  and builds.
- Editorial workflow (``ADMIN_PUBLISH_MODE = "editorial_workflow"``, decap-server's ``git``
  mode): saving a draft commits it to its own branch, cms/<collection>/<slug>, and leaves
  main alone; the branch passes the check and builds.
- Images: a logo uploaded through the case study's image field is written to content/images/
  with the entry and named in the front matter as images/<file>, and the page shows it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from support import ROOT, copy_project, free_port, front_matter, invoke, stop_group, wait_for_url

pytestmark = pytest.mark.browser

DECAP_SERVER = "decap-server@3.11.3"
NPM_PREFIX = ROOT / ".cache" / "npm"


def decap_server() -> Path:
    """decap-server's entry point, installed (once) with npm into .cache/npm."""
    entry = NPM_PREFIX / "node_modules" / "decap-server" / "dist" / "index.js"
    installed = NPM_PREFIX / "node_modules" / "decap-server" / "package.json"
    version = DECAP_SERVER.split("@", 1)[1]
    if not installed.exists() or json.loads(installed.read_text())["version"] != version:
        npm = shutil.which("npm")
        assert npm, "the editor's browser test needs Node.js and npm: run `make test` (it installs them)"
        result = subprocess.run(
            [npm, "install", "--prefix", str(NPM_PREFIX), "--no-audit", "--no-fund", "--no-save", DECAP_SERVER],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, f"npm install {DECAP_SERVER} failed:\n{result.stdout}{result.stderr}"
    return entry


def start(command: list[str], log: Path, **kwargs) -> subprocess.Popen:
    with open(log, "w") as handle:
        return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)


GIT = ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.org"]


@contextmanager
def running_editor(tmp_path: Path, settings: str = "", mode: str = "fs"):
    """A copy of the project as a git repository (with the project's .gitignore, so what a
    build leaves in it is not committed), built with the editor on and ``settings`` added,
    served on one port, with decap-server in ``mode`` (``fs``: it writes the working copy;
    ``git``: it commits, to branches in the editorial workflow) on another:
    (project, address of /admin/, the built output)."""
    server_entry = decap_server()
    project = copy_project(tmp_path / "site")
    shutil.copyfile(ROOT / ".gitignore", project / ".gitignore")
    proxy_port, site_port = free_port(), free_port()
    with open(project / "pelicanconf.py", "a") as conf:
        conf.write(
            f'\nADMIN_SAVE_AS = "admin"\nADMIN_LOCAL_BACKEND = "http://localhost:{proxy_port}/api/v1"\n{settings}\n'
        )
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    for key, value in (("user.name", "Writer"), ("user.email", "writer@example.org"), ("commit.gpgsign", "false")):
        subprocess.run(
            ["git", "config", key, value], cwd=project, check=True
        )  # decap-server commits as the repository's user
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "The site"], cwd=project, check=True)
    built = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(tmp_path / "output")],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    proxy = start(
        ["node", str(server_entry)],
        tmp_path / "decap-server.log",
        env={
            **os.environ,
            "PORT": str(proxy_port),
            "GIT_REPO_DIRECTORY": str(project),
            "BIND_HOST": "127.0.0.1",
            "MODE": mode,
        },
    )
    site = start(
        [sys.executable, "-m", "http.server", str(site_port), "--bind", "127.0.0.1"],
        tmp_path / "http.log",
        cwd=tmp_path / "output",
    )
    try:
        wait_for_url(f"http://127.0.0.1:{proxy_port}/api/v1", proxy, tmp_path / "decap-server.log")
        wait_for_url(f"http://127.0.0.1:{site_port}/admin/", site, tmp_path / "http.log", seconds=30)
        yield project, f"http://127.0.0.1:{site_port}/admin/", tmp_path / "output"
    finally:
        stop_group(proxy)
        stop_group(site)


@pytest.fixture
def editor(tmp_path):
    """The editor saving straight into the working copy, as `npx decap-server` does."""
    with running_editor(tmp_path) as running:
        yield running


@pytest.fixture
def workflow_editor(tmp_path):
    """The editor in the editorial workflow, against decap-server's git mode."""
    with running_editor(tmp_path, 'ADMIN_PUBLISH_MODE = "editorial_workflow"', mode="git") as running:
        yield running


def git_out(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout


class Writer:
    """A writer at the editor in a browser tab: signs in, opens a new case study, fills it."""

    def __init__(self, browser, admin: str):
        self.problems: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.admin = admin

    def sign_in(self) -> None:
        self.page.goto(self.admin)
        self.page.get_by_role("button", name="Login").click()
        expect(self.page.get_by_text("Case studies").first).to_be_visible(timeout=30_000)

    def field(self, name: str):
        """The form's control of a front-matter field."""
        return self.page.locator(f"[id^='{name}-field-']")

    def new_case_study(self, title: str, summary: str, services: list[str], body: str) -> None:
        page = self.page
        page.goto(self.admin + "#/collections/case-studies/new")
        self.field("title").wait_for(timeout=30_000)
        self.field("title").fill(title)
        self.field("summary").fill(summary)
        self.field("date").fill("2026-01-15")
        self.field("client").fill("Harbor Gearworks")
        for service in services:
            self.field("services").click()
            page.keyboard.type(service)
            page.keyboard.press("Enter")
        self.field("status").click()
        page.keyboard.type("published")
        page.keyboard.press("Enter")
        page.locator("[data-slate-editor='true']").first.click()
        page.keyboard.type(body)

    def upload_logo(self, path: Path, alt: str) -> None:
        """Upload ``path`` through the Logo field's media library, as the logo, with ``alt``."""
        page = self.page
        image_field = page.locator("[aria-label='image field']").filter(has=page.locator("label[for^='logo-field-']"))
        image_field.get_by_role("button", name="Choose an image").click()
        page.locator("input[type=file]").set_input_files(str(path))
        page.get_by_text(path.name).wait_for()
        page.get_by_role("button", name="Choose selected").click()
        expect(image_field.locator("img")).to_be_visible()
        self.field("logo_alt").fill(alt)

    def publish_now(self) -> None:
        """Publish, and wait until decap-server has written the files (the editor says so)."""
        self.page.get_by_role("button", name="Publish").first.click()
        self.page.get_by_text("Publish now").click()
        self.page.get_by_text("Entry saved").wait_for(timeout=30_000)

    def close(self, screenshot: Path) -> None:
        self.page.screenshot(path=str(screenshot))
        self.context.close()


def wait_for_file(page, path: Path, tries: int = 100) -> bool:
    for _ in range(tries):
        if path.exists():
            return True
        page.wait_for_timeout(200)
    return False


def check_and_build(project: Path, output: Path) -> list[Path]:
    """`invoke check` and a build of ``project`` pass; the HTML pages built."""
    check = invoke(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    built = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output)],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return list(output.rglob("*.html"))


TITLE = "Harbor Gearworks Cuts Scrap With a New Inspection Routine"
SLUG = "harbor-gearworks-cuts-scrap-with-a-new-inspection-routine"
SUMMARY = "A generated test case study: a made-up shop cut its scrap rate by checking parts earlier in the process."
BODY = "The shop moved its first inspection to the start of each run."


def services_of(output: Path) -> list[str]:
    config = json.loads((output / "admin" / "config.yml").read_text())
    return next(f for f in config["collections"][0]["fields"] if f["name"] == "services")["options"]


def test_a_case_study_made_in_the_editor_passes_the_check_and_builds(editor, browser, tmp_path):
    project, admin, output = editor
    services = services_of(output)
    writer = Writer(browser, admin)
    writer.sign_in()
    writer.new_case_study(TITLE, SUMMARY, services[:2], BODY)
    writer.publish_now()
    saved = project / "content" / "case-studies" / f"{SLUG}.md"
    found = wait_for_file(writer.page, saved)
    writer.close(tmp_path / "editor.png")
    assert found, (
        f"the editor saved no file; page errors: {writer.problems}; files: {sorted(p.name for p in saved.parent.iterdir())}"
    )
    text = saved.read_text(encoding="utf-8")
    head = text.split("\n\n", 1)[0].splitlines()
    # Pelican's metadata lines, in the order `invoke new` writes them (no YAML block).
    assert [line.split(": ", 1)[0] for line in head] == ["Title", "Date", "Client", "Services", "Summary", "Status"], (
        text
    )
    meta, _ = front_matter(saved)
    assert meta["title"] == TITLE and meta["client"] == "Harbor Gearworks" and meta["summary"] == SUMMARY
    assert (
        meta["services"] == ", ".join(services[:2]) and meta["status"] == "published" and meta["date"] == "2026-01-15"
    )
    assert BODY in text.split("\n\n", 1)[1]
    assert not [p for p in writer.problems if "Content Security Policy" in p], writer.problems

    written = [p for p in check_and_build(project, tmp_path / "again") if TITLE in p.read_text(encoding="utf-8")]
    assert any("harbor-gearworks" in p.as_posix() for p in written), "the case study's own page was built"


def test_in_the_editorial_workflow_a_draft_is_a_cms_branch_and_main_is_untouched(workflow_editor, browser, tmp_path):
    """ADMIN_PUBLISH_MODE = "editorial_workflow": saving commits the entry to its own branch,
    cms/<collection>/<slug>, as the GitHub backend opens a pull request from such a branch;
    main (what is built and published) does not change."""
    project, admin, output = workflow_editor
    config = json.loads((output / "admin" / "config.yml").read_text())
    assert config["publish_mode"] == "editorial_workflow"
    main_before = git_out(project, "rev-parse", "main").strip()
    services = services_of(output)
    writer = Writer(browser, admin)
    writer.sign_in()
    writer.new_case_study(TITLE, SUMMARY, services[:1], BODY)
    writer.page.get_by_role("button", name="Save").first.click()
    branch = f"cms/case-studies/{SLUG}"
    # decap-server answers once it has committed to the branch and checked main out again;
    # the editor then says so.
    saved = writer.page.get_by_text("Entry saved")
    try:
        saved.wait_for(timeout=30_000)
    finally:
        writer.close(tmp_path / "workflow.png")
    branches = git_out(project, "branch", "--list", "--format=%(refname:short)").split()
    assert branch in branches, f"no draft branch; branches: {branches}; page errors: {writer.problems}"
    assert git_out(project, "rev-parse", "main").strip() == main_before, "main is untouched"
    assert git_out(project, "branch", "--show-current").strip() == "main", "the working copy is back on main"
    path = f"content/case-studies/{SLUG}.md"
    assert not (project / path).exists(), "nothing is written into main's working copy"
    changed = git_out(project, "diff", "--name-only", f"main...{branch}").split()
    assert changed == [path], changed
    text = git_out(project, "show", f"{branch}:{path}")
    head = text.split("\n\n", 1)[0].splitlines()
    assert [line.split(": ", 1)[0] for line in head] == ["Title", "Date", "Client", "Services", "Summary", "Status"], (
        text
    )
    assert f"Title: {TITLE}\n" in text and f"Services: {services[0]}\n" in text and BODY in text
    assert git_out(project, "config", f"branch.{branch}.description").strip() == "decap-cms/draft"

    # What CI runs on the pull request: the branch, in a clone of its own (the working copy is
    # decap-server's, which may still be at work in it), passes the check and builds.
    clone = tmp_path / "pull-request"
    subprocess.run(["git", "clone", "-q", "--branch", branch, str(project), str(clone)], check=True)
    written = [p for p in check_and_build(clone, tmp_path / "branch-build") if TITLE in p.read_text(encoding="utf-8")]
    assert any("harbor-gearworks" in p.as_posix() for p in written)


def generated_logo(path: Path) -> Path:
    """A made-up logo, drawn here: a ring and a bar on a plain background."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 160), (240, 244, 248))
    draw = ImageDraw.Draw(image)
    draw.ellipse((24, 24, 136, 136), outline=(20, 70, 120), width=14)
    draw.rectangle((160, 68, 296, 92), fill=(20, 70, 120))
    image.save(path, "PNG")
    return path


def test_a_logo_uploaded_in_the_editor_lands_in_content_images_and_the_post_builds(editor, browser, tmp_path):
    """The case study's Logo field: an image uploaded through its media library is written to
    content/images/ with the entry, and the front matter names it as the schema expects
    (images/<name>, a path from the content folder), so the check passes and the page shows it."""
    project, admin, output = editor
    logo = generated_logo(tmp_path / "harbor-gearworks-logo.png")
    writer = Writer(browser, admin)
    writer.sign_in()
    writer.new_case_study(TITLE, SUMMARY, services_of(output)[:1], BODY)
    page = writer.page
    writer.upload_logo(logo, "The Harbor Gearworks logo")
    # The preview shows it where the page will, with the template's class and the alt text.
    in_preview = page.frame_locator("#preview-pane").locator(
        "article.post--case-study header.post__header img.post__logo"
    )
    expect(in_preview).to_have_attribute("alt", "The Harbor Gearworks logo")
    expect(in_preview).to_have_attribute("src", re.compile(r"^blob:"))  # the upload, before it is saved
    in_preview.evaluate("img => img.decode()")
    assert in_preview.evaluate("img => img.naturalWidth") == 320
    writer.publish_now()
    saved = project / "content" / "case-studies" / f"{SLUG}.md"
    uploaded = project / "content" / "images" / logo.name
    found = wait_for_file(page, saved) and wait_for_file(page, uploaded)
    writer.close(tmp_path / "logo.png")
    assert found, f"saved: {saved.exists()}, uploaded: {uploaded.exists()}; page errors: {writer.problems}"
    assert uploaded.read_bytes() == logo.read_bytes()
    meta, _ = front_matter(saved)
    assert meta["logo"] == f"images/{logo.name}" and meta["logo_alt"] == "The Harbor Gearworks logo", meta
    head = saved.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
    assert [line.split(": ", 1)[0] for line in head] == [
        "Title",
        "Date",
        "Client",
        "Services",
        "Summary",
        "Status",
        "Logo",
        "Logo_alt",
    ], head

    pages = [p for p in check_and_build(project, tmp_path / "again") if p.parent.name == SLUG]
    assert pages, "the case study's own page was built"
    from bs4 import BeautifulSoup

    shown = BeautifulSoup(pages[0].read_text(encoding="utf-8"), "html.parser").select_one(
        ".post__logo img, img.post__logo"
    )
    assert shown is not None and shown["alt"] == "The Harbor Gearworks logo", "the page shows the uploaded logo"
    assert (pages[0].parent / shown["src"]).resolve().is_file(), shown["src"]


def test_an_svg_with_a_script_uploaded_in_the_editor_is_refused_by_the_check(editor, browser, tmp_path):
    """An upload lands under the same rules as a commit: the SVG is saved with the entry, and
    the check (which every build and CI run first) refuses it, naming the file."""
    project, admin, output = editor
    logo = tmp_path / "harbor-gearworks-mark.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><script>alert(document.cookie)</script>'
        '<rect width="40" height="20" fill="#14467a"/></svg>'
    )
    writer = Writer(browser, admin)
    writer.sign_in()
    writer.new_case_study(TITLE, SUMMARY, services_of(output)[:1], BODY)
    writer.upload_logo(logo, "The Harbor Gearworks mark")
    writer.publish_now()
    uploaded = project / "content" / "images" / logo.name
    found = wait_for_file(writer.page, uploaded)
    writer.close(tmp_path / "svg-upload.png")
    assert found and uploaded.read_bytes() == logo.read_bytes(), f"page errors: {writer.problems}"
    check = invoke(project, "check")
    assert check.returncode == 1
    assert f"content/images/{logo.name}: has a <script> element" in check.stdout, check.stdout + check.stderr


def test_the_preview_shows_the_case_study_in_the_sites_own_markup_and_stylesheet(editor, browser, tmp_path):
    """The preview pane is the theme's case_study.html (rendered at build time around
    placeholder fields, plugins/mep_kit/outputs/editor_preview.py) filled in with what the writer typed, in
    the site's stylesheet: the same elements and classes as the built page."""
    _, admin, output = editor
    services = services_of(output)[:2]
    writer = Writer(browser, admin)
    writer.sign_in()
    writer.new_case_study(TITLE, SUMMARY, services, BODY)
    preview = writer.page.frame_locator("#preview-pane")
    article = preview.locator("main.site-main > article.post.post--case-study")
    expect(article.locator("h1.post__title")).to_have_text(TITLE)
    expect(article.locator(".post__lead p")).to_have_text(SUMMARY)
    expect(article.locator(".post__body.prose")).to_contain_text(BODY)
    facts = article.locator("dl.post__facts")
    expect(facts).to_contain_text("Harbor Gearworks")
    expect(facts.locator("time")).to_have_text("January 15, 2026")
    expect(facts.locator("time")).to_have_attribute("datetime", "2026-01-15")
    expect(facts.locator(".inline-list li")).to_have_text(services)
    expect(article).not_to_contain_text("mep-preview-")
    expect(article.locator("img")).to_have_count(0)  # no logo or cover chosen, no broken image
    # The same markup as the built page, styled by the same stylesheet: the title, lead and
    # body look as they do on a published case study.
    built = BeautifulSoup((output / "bravo" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert built.select_one("main.site-main > article.post.post--case-study > .post__lead > p") is not None
    assert built.select_one("main.site-main > article.post.post--case-study > .post__body.prose") is not None
    looks = """root => Object.fromEntries(['.post__title', '.post__lead p', '.post__body p', '.post__facts dt'].map(selector => {
        const style = getComputedStyle(root.querySelector(selector));
        return [selector, [style.fontFamily, style.fontWeight, style.color, style.textTransform]];
    }))"""
    in_preview = preview.locator("main").evaluate(looks)
    published = writer.context.new_page()
    published.goto(admin.replace("/admin/", "/bravo/"))
    on_site = published.locator("main").evaluate(looks)
    sheets = preview.locator("body").evaluate(
        "body => [...body.ownerDocument.styleSheets].filter(s => s.href && /site\\.[0-9a-f]+\\.css$/.test(s.href)).length"
    )
    writer.close(tmp_path / "preview.png")
    assert sheets == 1
    assert in_preview == on_site
    assert not [p for p in writer.problems if "Content Security Policy" in p or "Error" in p], writer.problems


def test_a_case_studys_existing_logo_shows_in_the_form_and_the_preview_and_is_kept_on_saving(editor, browser, tmp_path):
    """An image already in content/images/ and named in the front matter (images/<file>) is
    found by the editor in its media folder: the field's thumbnail and the preview show it
    (nothing is asked of the site's address, where only its resized copies are published),
    and saving the entry writes the same path back."""
    project, admin, _ = editor
    (project / "content" / "images").mkdir(exist_ok=True)
    generated_logo(project / "content" / "images" / "made-up-logo.png")
    entry = project / "content" / "case-studies" / "bravo.md"
    head, body = entry.read_text(encoding="utf-8").split("\n\n", 1)
    entry.write_text(f"{head}\nLogo: images/made-up-logo.png\nLogo_alt: A made-up logo\n\n{body}", encoding="utf-8")
    missing = []
    writer = Writer(browser, admin)
    writer.page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)
    writer.sign_in()
    page = writer.page
    page.goto(admin + "#/collections/case-studies/entries/bravo")
    writer.field("title").wait_for(timeout=30_000)
    thumbnail = (
        page.locator("[aria-label='image field']").filter(has=page.locator("label[for^='logo-field-']")).locator("img")
    )
    in_preview = page.frame_locator("#preview-pane").locator("img.post__logo")
    for image in (thumbnail, in_preview):
        expect(image).to_have_attribute("src", re.compile(r"^blob:"))
        image.evaluate("img => img.decode()")
    assert in_preview.evaluate("img => img.naturalWidth") == 320 and in_preview.get_attribute("alt") == "A made-up logo"
    writer.field("client").fill("Beekley Medical Inc.")
    writer.publish_now()
    writer.close(tmp_path / "existing-logo.png")
    assert missing == [], missing
    meta, _ = front_matter(entry)
    assert meta["client"] == "Beekley Medical Inc." and meta["logo"] == "images/made-up-logo.png", meta
