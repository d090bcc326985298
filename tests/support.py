"""What the tests share: the project's paths, building a site with Pelican as a writer or CI
does, copying the project, running its invoke tasks, reading what a build wrote, and the
Jinja environment and front matter as the plugin sees them. Fixtures are in conftest.py."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
#: The tests' own site (an invented center, with settings of its own): the kit's behaviour is
#: tested on it, never on the shipped center's settings or content.
FIXTURE = ROOT / "tests" / "fixture_site"
#: The public address the production builds of the tests are made for.
PRODUCTION_URL = "https://fixture-mep.example"
#: Where the browser tests keep their screenshots, which CI uploads as an artifact.
SCREENSHOTS = ROOT / "test-results" / "screenshots"
#: What a checkout of the kit holds: the kit's own files, and a site's (its settings and content).
KIT_FILES = ["theme", "plugins", "tasks.py"]
SITE_FILES = ["content", "pelicanconf.py", "publishconf.py"]


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
        """The site's HTML pages; the writers' editor under admin/ is not one (its own tests:
        tests/build/test_admin_build.py)."""
        return sorted(
            p for p in self.output.rglob("*.html") if not p.relative_to(self.output).as_posix().startswith("admin/")
        )

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


def run_pelican(
    settings: Path, output: Path, *extra: str, content: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Build with Pelican in a subprocess, as `invoke build` does, and capture its log."""
    cmd = [
        sys.executable,
        "-m",
        "pelican",
        str(content or ROOT / "content"),
        "-s",
        str(settings),
        "-o",
        str(output),
        "--fatal",
        "warnings",
        *extra,
    ]
    environ = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "SITEURL": PRODUCTION_URL, **(env or {})}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=environ)


def build(settings: Path, output: Path, content: Path | None = None, siteurl: str = "") -> Site:
    """A build that must succeed; production settings take ``siteurl`` as their address."""
    result = run_pelican(settings, output, content=content, env={"SITEURL": siteurl} if siteurl else None)
    site = Site(output, result.stdout + result.stderr, result.returncode, siteurl)
    assert result.returncode == 0, f"build failed:\n{site.log}"
    return site


def copy_project(copy: Path, site: Path = FIXTURE, kit: Path = ROOT) -> Path:
    """A checkout of the kit in ``copy``, as a writer's would hold it: the kit's files (of
    ``kit``) and a site's settings and content (of ``site``: the tests' fixture site by default;
    ROOT for the site the center ships)."""
    copy.mkdir(parents=True)
    for name, source in [*((name, kit / name) for name in KIT_FILES), *((name, site / name) for name in SITE_FILES)]:
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    return copy


def derived_settings(path: Path, text: str = "", base: Path = FIXTURE / "publishconf.py") -> Path:
    """A settings file at ``path``: every setting of ``base`` (the fixture site's production
    settings by default, read by its path), then ``text`` from its second line on."""
    path.write_text(
        f"import runpy; globals().update({{k: v for k, v in runpy.run_path({str(base)!r}).items() if k.isupper()}})\n{text}\n",
        encoding="utf-8",
    )
    return path


def copy_built(built: Path, copy: Path) -> Path:
    """A copy of a built project (see the ``built`` fixture) that a test may change: its
    sources copied, its output/ and .cache/ hard-linked (a build writes a new output folder
    and new cache files, never into existing ones), so it is quick to make."""
    copy.mkdir(parents=True)
    for source in built.iterdir():
        target = copy / source.name
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(
                source,
                target,
                symlinks=True,
                copy_function=os.link if source.name in ("output", ".cache") else shutil.copy2,
            )
        else:
            shutil.copy2(source, target, follow_symlinks=False)
    return copy


def invoke(project: Path, *args: str, github: bool = False, **env: str) -> subprocess.CompletedProcess:
    """Run an invoke task in ``project`` as a writer would (or as GitHub Actions, ``github``),
    with ``env`` added to the environment."""
    environ = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    environ.update({"COLUMNS": "200", **env})
    if github:
        environ["GITHUB_ACTIONS"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=project, capture_output=True, text=True, env=environ
    )


def theme_env(lang: str = "en"):
    """A Jinja environment over the theme's templates, set up as the plugin sets Pelican's
    (autoescaping on, Pelican's block trimming, the i18n extension with the kit's catalog of
    ``lang`` and its filters)."""
    from jinja2 import Environment, FileSystemLoader

    from mep_kit.languages.jinja import install
    from mep_kit.languages.words import language

    env = Environment(
        loader=FileSystemLoader(str(ROOT / "theme" / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    install(env, language(lang))
    return env


def front_matter(path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """A Markdown file's front matter as Pelican reads it (Python-Markdown's meta; lower-case
    keys, values joined) and the line of each key."""
    from markdown import Markdown

    from mep_kit.content.frontmatter import field_lines

    text = Path(path).read_text(encoding="utf-8-sig")
    md = Markdown(extensions=["meta"])
    md.convert(text)
    values = {key.lower(): " ".join(v.strip() for v in value) for key, value in md.Meta.items()}
    return values, field_lines(text)[0]


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path -> SHA-256): equal digests, equal trees."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def text_of(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).replace("\xa0", " ")


def recent_list(soup):
    lists = soup.select("ol.recent-posts")
    assert len(lists) == 1, "every page has exactly one Recent Posts list"
    return lists[0]


def linked_slugs(node) -> list[str]:
    slugs = []
    for heading in node.find_all(re.compile(r"^h[2-6]$")):
        link = heading.find("a", href=True)
        if link:
            slugs.append(link["href"].rstrip("/").rsplit("/", 1)[-1])
    return slugs


# --- publishing: stand-ins for ssh, rsync and git ------------------------------------------

HOST = "deploy@example.org"
RELEASE = "20261126T101500Z-abc1234"
FAKE_TOOLS = ("ssh", "rsync", "git")


def calls(log: Path) -> list[str]:
    """What the fake tools were asked to do, less reading the checked-out commit (local)."""
    lines = log.read_text().splitlines() if log.exists() else []
    return [line for line in lines if " rev-parse " not in f"{line} "]


def steps_by_name(steps):
    return {step.name: step.argv for step in steps}


def fake_tools(folder: Path, log: Path, exit_code: int = 1, names=FAKE_TOOLS) -> Path:
    """Scripts named ssh/rsync/git that append their argv to `log` and exit `exit_code`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        script = folder / name
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> {shlex.quote(str(log))}\nexit {exit_code}\n')
        script.chmod(0o755)
    return folder


def publish_env(**settings: str) -> dict:
    """The environment with no CI, publish or GitHub settings of its own, plus `settings`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PUBLISH_") and key not in {"CI", "GITHUB_ACTIONS"}
    }
    env["COLUMNS"] = "200"
    env.update(settings)
    return env


def run_publish(project: Path, *args: str, env: dict, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`invoke publish ...` in `project`, as a shell or a CI job runs it."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "publish", *args],
        cwd=project,
        env=env,
        text=True,
        capture_output=True,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )


def local_sh_runner(source: Path, calls: list):
    """Run rsync steps on this machine: ssh's remote command through `sh -c`, and the upload
    as a plain copy into the destination folder (a stand-in for rsync)."""

    def run(step):
        calls.append(step)
        argv = step.argv
        if argv[0] == "ssh":
            return subprocess.run(["sh", "-c", argv[-1]]).returncode
        if argv[0] == "rsync":
            destination = argv[-1].split(":", 1)[1]
            shutil.copytree(source, destination)
            return 0
        raise AssertionError(f"unexpected step {argv}")

    return run


def git(*args: str, cwd: Path, env: dict) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, text=True, capture_output=True, check=True).stdout


# --- Chromium ------------------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path() -> str:
    candidates = [
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("google-chrome"),
    ]
    found = next((c for c in candidates if c and Path(c).exists()), None)
    assert found, (
        "no Chromium for the browser tests: run `make test` (it installs one) or set CHROMIUM=/path/to/chromium"
    )
    return found


def launch_chromium(playwright):
    """The Chromium the browser tests drive: $CHROMIUM, else the system's (`make test` installs
    Debian's `chromium` package when there is none), headless with the flags this machine and CI need."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)


# --- the links of a built page -----------------------------------------------------------


def internal_targets(site, page: Path):
    """(attribute, url, target file or None, fragment) for every internal href/src."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    relative = page.relative_to(site.output).as_posix()
    base = f"{site.siteurl or 'http://localhost'}/{relative}"
    for tag in soup.find_all(["a", "link", "img", "script", "source"]):
        for attribute in ("href", "src"):
            url = tag.get(attribute)
            if not url or url.startswith(("mailto:", "tel:", "sms:", "data:")):
                continue
            absolute = urljoin(base, url)
            parts = urlsplit(absolute)
            root = urlsplit(site.siteurl or "http://localhost")
            if parts.netloc != root.netloc:
                continue  # external
            path = unquote(parts.path)[len(root.path) :].lstrip("/")
            target = site.output / path
            if path == "" or path.endswith("/") or target.is_dir():
                target = target / "index.html"
            yield attribute, url, (target if target.is_file() else None), parts.fragment


def ids_in(path: Path) -> set[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return {tag["id"] for tag in soup.find_all(id=True)}


def broken_links(site) -> list[str]:
    """Every internal href/src (and #fragment) of the built site that resolves to nothing."""
    broken = []
    for page in site.html_files():
        for attribute, url, target, fragment in internal_targets(site, page):
            if target is None:
                broken.append(f"{page}: {attribute}={url} points to nothing")
            elif fragment and fragment not in ids_in(target):
                broken.append(f"{page}: {url}: no #{fragment}")
    return broken


def reading_setup(content: Path, **override):
    """What reading a file needs, as a build has it: the settings over the content folder
    ``content`` (the plugin's applied, Pelican's Markdown reader made), the figures registry
    and the theme's renderer."""
    from pelican.settings import read_settings

    from mep_kit import settings as kit_settings
    from mep_kit.content.figures import load_registry
    from mep_kit.content.reader import SiteMarkdownReader
    from mep_kit.content.render import JinjaRenderer

    settings = read_settings(str(FIXTURE / "pelicanconf.py"), override={"PATH": str(content)})
    kit_settings.apply(settings)
    settings.update(override)
    SiteMarkdownReader(settings)  # adds Markdown's meta extension, as in a build
    registry = load_registry(Path(content) / settings["FIGURES_FILE"])
    return settings, registry, JinjaRenderer(theme_env(), {"CENTER": settings["CENTER"]})


def run_fresh(code: str, *args) -> subprocess.CompletedProcess:
    """Run ``code`` in a new Python process, with the plugin and these helpers importable:
    code that forks runs, as in a build, where no other thread does (in the whole suite, the
    browser tier's Chromium driver keeps threads in this process). Fails if the code does."""
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "plugins"), str(ROOT / "tests")])}
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], cwd=ROOT, capture_output=True, text=True, env=environ
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def free_port() -> int:
    """A TCP port free on 127.0.0.1 just now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_url(url: str, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    """Wait until ``url`` answers (with any HTTP status) while ``process`` runs; raise
    AssertionError with the process's ``log`` if it stops or the time runs out."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{process.args[0]} stopped:\n{log.read_text()}"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds} s:\n{log.read_text()}")


def stop_group(process: subprocess.Popen) -> None:
    """Stop a process started with ``start_new_session=True`` and everything it started."""
    import signal

    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- generated events ----------------------------------------------------------------------
# The shipped content has no event (the seed gives no date for its webinar): every event the
# tests build is made here, invented, with fixed dates, and built "as on" a day through
# SOURCE_DATE_EPOCH, so what is upcoming and what is past never depends on the day tests run.


def event_text(
    title: str,
    start: str,
    end: str,
    format: str = "online",  # noqa: A002 (the Format: field)
    price: str = "0",
    body: str = "",
    **fields: str,
) -> str:
    """The Markdown of an invented event: its required fields, then ``fields`` (``Key: value``
    lines, in order), a blank line and ``body``."""
    summary = fields.pop("summary", f"{title}: a generated event for the tests, with enough words for a card.")
    lines = [
        f"Title: {title}",
        f"Summary: {summary}",
        f"Start: {start}",
        f"End: {end}",
        f"Format: {format}",
        f"Price: {price}",
    ]
    lines += [f"{key.capitalize()}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n\n" + (body or f"What happens at {title}, generated for the tests.") + "\n"


#: Invented events around January 2027 (file name -> Markdown): built on BEFORE, the webinar is
#: the next event and the roundtable past; built on AFTER, the webinar is past too.
GENERATED_EVENTS = {
    "lean-webinar.md": event_text(
        "Lean Basics Webinar",
        "2027-01-14 11:00",
        "2027-01-14 12:00",
        registration="https://example.zoom.us/webinar/register/lean-basics",
        services="Continuous Improvement & Lean Strategies, Business Growth",
    ),
    "supplier-forum.md": event_text(
        "Supplier Forum",
        "2027-02-10 10:00 America/Chicago",
        "2027-02-10 12:00 America/Chicago",
        format="hybrid",
        price="25",
        location="Generated Hall, 12 Test Street, Springfield, IL 62701",
        registration="https://example.org/forum/register",
        services="Supply Chain Management",
    ),
    "iso-workshop.md": event_text(
        "ISO 9001 Workshop",
        "2027-03-13 09:00",
        "2027-03-14 16:00",
        format="in person",
        price="149.50",
        location="Generated Center, 1 Example Road, Suite 2, Hartford, CT 06103",
        services="Quality Management & Certifications",
    ),
    "export-webinar.md": event_text(
        "Export Growth Webinar", "2027-05-04 14:00", "2027-05-04 15:00", registration="https://example.org/export"
    ),
    "safety-roundtable.md": event_text(
        "Safety Roundtable",
        "2026-10-01 08:30",
        "2026-10-01 10:00",
        format="in person",
        price="0",
        location="Generated Plant, 5 Sample Lane, New Haven, CT 06510",
        modified="2026-10-05",
        services="Environmental Health & Safety",
    ),
    "planning-draft.md": event_text("Planning Session Draft", "2027-02-01 11:00", "2027-02-01 12:00", status="draft"),
    "members-only.md": event_text("Members Only Briefing", "2027-02-20 11:00", "2027-02-20 12:00", status="hidden"),
}
#: The events the browser tier's site gets: one upcoming of each format and a past one (each
#: page it adds is surveyed in two colour schemes and four widths, so no more than that).
BROWSER_EVENTS = ("lean-webinar.md", "supplier-forum.md", "iso-workshop.md", "safety-roundtable.md")


#: Generated posts for the browser tier's site (the fixture's own are too short to search):
#: case studies with stories of some length, two sharing a service line, and an article with a
#: link to another site (file under content/ -> Markdown).
def _story(client: str, topic: str) -> str:
    return (
        f"{client} came to the center with a problem on its shop floor: {topic}. Advisors walked the line with the "
        f"team, measured where the time went, and wrote down every step that added nothing for the customer. "
        f"Over the next months {client} changed how it schedules work, trained its leads to coach, and kept the "
        "gains by reviewing them every week. This story is generated for the tests of the kit."
    )


BROWSER_POSTS = {
    f"case-studies/{slug}.md": (
        f"Title: {client} {headline}\nDate: {date}\nSlug: {slug}\nClient: {client}\nServices: {services}\n"
        f"Summary: A generated case study: {client} and the center, written for the browser tests.\n\n{_story(client, topic)}\n"
    )
    for slug, client, headline, date, services, topic in [
        (
            "harbor-gearworks",
            "Harbor Gearworks",
            "Passes Its First Audit",
            "2025-12-01",
            "Quality Management & Certifications",
            "audits it kept failing",
        ),
        (
            "kennebec-composites",
            "Kennebec Composites",
            "Certifies Its Line",
            "2025-11-20",
            "Quality Management & Certifications, Workforce Development",
            "scrap from a new resin",
        ),
        (
            "quarry-castings",
            "Quarry Castings",
            "Goes Lean",
            "2025-11-10",
            "Continuous Improvement & Lean Strategies",
            "lean methods it had never tried",
        ),
        (
            "ridgeline-plastics",
            "Ridgeline Plastics",
            "Trains Its Leads",
            "2025-10-30",
            "Workforce Development",
            "leads who had never been taught to coach",
        ),
        (
            "summit-fasteners",
            "Summit Fasteners",
            "Finds New Suppliers",
            "2025-10-20",
            "Supply Chain Management",
            "a supplier that closed",
        ),
        (
            "tidewater-tooling",
            "Tidewater Tooling",
            "Adopts a New Scheduler",
            "2025-10-10",
            "Technology Adoption",
            "a schedule kept on paper",
        ),
        (
            "upland-electronics",
            "Upland Electronics",
            "Grows Into a New Market",
            "2025-09-30",
            "Business Growth",
            "a market it did not know",
        ),
    ]
}
BROWSER_POSTS["articles/how-the-network-works.md"] = (
    "Title: How the Network Works\nDate: 2025-09-15\nSlug: how-the-network-works\n"
    "Summary: A generated article about how the centers of the network work together, for the browser tests.\n\n"
    + " ".join(
        [
            "Every center of the network works with manufacturers of its own state, and shares what it learns with the others."
        ]
        * 4
    )
    + "\n\nRead more on [the program's own site](https://www.nist.gov/mep).\n"
)


def write_posts(content: Path, posts: dict[str, str] = BROWSER_POSTS) -> None:
    for relative, text in posts.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


#: The days the tests build on, as ISO times in UTC.
BEFORE, AFTER, LATER = "2027-01-10T12:00:00", "2027-01-15T12:00:00", "2027-06-01T12:00:00"


def epoch(moment: str) -> str:
    """SOURCE_DATE_EPOCH for an ISO time in UTC."""
    from datetime import datetime

    return str(int(datetime.fromisoformat(moment).replace(tzinfo=UTC).timestamp()))


def write_events(content: Path, events: dict[str, str] = GENERATED_EVENTS) -> None:
    folder = content / "events"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in events.items():
        (folder / name).write_text(text, encoding="utf-8")


def events_content(folder: Path) -> Path:
    """The fixture site's content with the generated events, in ``folder``."""
    shutil.copytree(FIXTURE / "content", folder)
    write_events(folder)
    return folder


def build_on(moment: str, settings: Path, content: Path, output: Path, siteurl: str = PRODUCTION_URL) -> Site:
    """A build of ``content`` as on ``moment`` (SOURCE_DATE_EPOCH), which must succeed."""
    result = run_pelican(settings, output, content=content, env={"SOURCE_DATE_EPOCH": epoch(moment)})
    site = Site(output, result.stdout + result.stderr, result.returncode, siteurl)
    assert result.returncode == 0, f"build failed:\n{site.log}"
    return site


# --- the Nu HTML Checker ---------------------------------------------------------------------

VNU_JAR = Path(
    os.environ.get("VNU_JAR")
    or ROOT / ".cache" / "node" / "test" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
INVALID_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Known bad</title></head>
<body><p>A paragraph <div>cannot hold a div</div></p><a href="two words">link</a></body></html>
"""


def vnu(files: list[Path]) -> list[dict]:
    """vnu's messages for ``files``, each with the file it is about."""
    java = shutil.which("java")
    assert java, "no Java to run the Nu HTML Checker: run `make test` (it installs default-jre-headless)"
    assert VNU_JAR.is_file(), (
        f"no {VNU_JAR}: run `make test` (it installs the pinned vnu-jar), or set VNU_JAR=/path/to/vnu.jar"
    )
    cmd = [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    try:
        return json.loads(result.stderr)["messages"]  # vnu writes its report to stderr
    except json.JSONDecodeError:
        raise AssertionError(f"vnu printed no JSON report:\n{result.stderr[:2000]}") from None


def vnu_errors(sites, files: list[Path]) -> dict[str, list[str]]:
    """vnu's errors for ``files``, by file: "<site folder>/<path in the site>" for a file of one
    of ``sites``, else its name."""
    errors: dict[str, list[str]] = {}
    for message in vnu(files):
        if message["type"] in ("error", "non-document-error"):
            path = Path(message.get("url", "").removeprefix("file:"))
            site = next((site for site in sites if path.is_relative_to(site.output)), None)
            name = (
                path.name if site is None else f"{site.output.parent.name}/{path.relative_to(site.output).as_posix()}"
            )
            errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors


#: The start of a ``python -c`` program run without the dev extras: every module of the
#: comma-separated list in ``sys.argv[1]`` (:func:`dev_only_modules`) refuses to be imported.
REFUSE_DEV_EXTRAS = """
import importlib.abc, sys
blocked = set(sys.argv[1].split(","))
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ImportError(f"{name} is a dev extra, not a runtime dependency")
sys.meta_path.insert(0, Refuse())
"""


def dev_only_modules() -> set[str]:
    """The top-level modules of the dev extras' distributions that no runtime dependency
    also provides."""
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements):
        return {
            re.match(r"[A-Za-z0-9._-]+", requirement).group(0).lower().replace("_", "-") for requirement in requirements
        }

    dev, runtime = names(project["optional-dependencies"]["dev"]), names(project["dependencies"])
    modules = set()
    for module, distributions in packages_distributions().items():
        owners = {name.lower().replace("_", "-") for name in distributions}
        if owners & dev and not owners & runtime:
            modules.add(module)
    return modules
