"""Everything the site publishes is checked, and every command says so in one list.

Hostile files as a contributor could commit them (symbolic links out of the project, static
files that are not what they are called, scripts in SVGs no post shows, control characters)
are refused by `invoke check` and by every build, naming the file, with the previous site in
output/ left byte for byte as it was; `check`, `build`, `preview` and `make serve` print the
same sorted list, one line per problem, with none of Pelican's own warnings before it. And
legitimate downloads (an SVG chart, a PDF, a CSV, a calendar file, a link within the project,
Unicode names) build and are published as committed."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from mep_kit.tools.check import run_check
from support import copy_built, free_port, invoke, tree_digest

SUMMARY = "A generated summary that is long enough to pass the check of summaries."
ARTICLE = "Title: {title}\nDate: 2026-01-05\nSummary: " + SUMMARY + "\n\n{body}\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c633861a3010002fc012dff833a570000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20"><title>Chart</title><rect width="20" height="20" fill="#1d4f91"/></svg>'


@dataclass(frozen=True)
class Link:
    """A symbolic link to ``target`` (``{outside}`` is a folder beside the project)."""

    target: str


@dataclass(frozen=True)
class Size:
    """A file of ``size`` bytes that starts with ``head``."""

    head: bytes
    size: int


def article(title: str, body: str) -> str:
    return ARTICLE.format(title=title, body=body)


#: name -> (files to add, by path in the project; what the check must say of each, as
#: (path shown, text of the message)).
HOSTILE = {
    "a link to a file outside": (
        {"content/extra/notes.txt": Link("/etc/passwd")},
        [("content/extra/notes.txt", "a link to a file outside the project; commit the file itself")],
    ),
    "a link to /proc": (
        {"content/extra/environment.txt": Link("/proc/self/environ")},
        [("content/extra/environment.txt", "a link to a file outside the project")],
    ),
    "a linked folder outside": (
        {"content/images/machine": Link("{outside}")},
        [("content/images/machine", "a link to a folder outside the project; commit the files themselves")],
    ),
    "a linked post outside": (
        {"content/articles/notes.md": Link("{outside}/notes.md")},
        [("content/articles/notes.md", "a link to a file outside the project")],
    ),
    "a link into .git": (
        {".git/config": "[core]\n", "content/extra/config.txt": Link("../../.git/config")},
        [("content/extra/config.txt", "a link into a hidden folder of the project")],
    ),
    "a link loop": (
        {"content/images/loop": Link(".")},
        [("content/images/loop", "a link to a folder that holds the link itself (a loop)")],
    ),
    "an SVG with a script that no post shows": (
        {"content/images/chart.svg": SVG.replace("<rect", "<script>alert(document.cookie)</script><rect")},
        [("content/images/chart.svg", "has a <script> element")],
    ),
    "an SVG with an event handler": (
        {"content/extra/badge.svg": SVG.replace("<rect", '<rect onmouseover="alert(1)"')},
        [("content/extra/badge.svg", "the event attribute onmouseover= runs script")],
    ),
    "an SVG that loads another file": (
        {
            "content/images/map.svg": SVG.replace(
                "<rect", '<image href="https://tracker.example/p.png" width="1" height="1"/><rect'
            )
        },
        [("content/images/map.svg", "points outside the file")],
    ),
    "an HTML page": (
        {"content/extra/page.html": "<!DOCTYPE html><title>x</title><script>alert(1)</script>"},
        [("content/extra/page.html", "an HTML page is not published from content")],
    ),
    "a script": (
        {"content/extra/app.js": "alert(document.cookie)\n"},
        [("content/extra/app.js", "a script is not published from content")],
    ),
    "a stylesheet": (
        {"content/images/theme.css": "body{background:url(https://tracker.example/x)}\n"},
        [("content/images/theme.css", "a stylesheet is not published from content")],
    ),
    "an XSLT document": (
        {
            "content/extra/feed.xsl": '<?xml version="1.0"?><xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>'
        },
        [("content/extra/feed.xsl", "an XML or XSLT document is not published from content")],
    ),
    "server settings": (
        {"content/extra/.htaccess": "Redirect / https://elsewhere.example/\n"},
        [("content/extra/.htaccess", "a server settings file is not published from content")],
    ),
    "HTML named as a photo": (
        {"content/images/team.png": "<html><script>alert(1)</script></html>"},
        [("content/images/team.png", "is not an image the build can read")],
    ),
    "HTML named as text": (
        {"content/extra/readme.txt": "<!doctype html><script>alert(1)</script>"},
        [("content/extra/readme.txt", "holds HTML or XML, which a browser would run, not plain text (.txt)")],
    ),
    "HTML named as a PDF": (
        {"content/extra/brochure.pdf": "<html><body onload=alert(1)>"},
        [("content/extra/brochure.pdf", "holds HTML or XML, which a browser would run, not a PDF")],
    ),
    "a PNG named as a PDF": (
        {"content/extra/flyer.pdf": PNG},
        [("content/extra/flyer.pdf", "holds a .png file (image/png), not a PDF")],
    ),
    "an oversize download": (
        {"content/extra/annual-report.pdf": Size(PDF, 10_500_000)},
        [("content/extra/annual-report.pdf", "the file is 10.5 MB; expected at most 10.0 MB (STATIC_MAX_BYTES)")],
    ),
    "a video": (
        {"content/extra/tour.mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64},
        [("content/extra/tour.mp4", "a video (MP4 or WebM) is published only when STATIC_EXTRA_KINDS lists it")],
    ),
    "a program": (
        {"content/extra/setup.exe": b"MZ\x90\x00\x03\x00\x00\x00"},
        [("content/extra/setup.exe", "not a kind of file the site publishes")],
    ),
    "a NUL in a body": (
        {"content/articles/nul.md": article("Nul", "Hello \x00 world.")},
        [("content/articles/nul.md:5", "control character U+0000 (NUL)")],
    ),
    "an escape in the front matter": (
        {"content/articles/escape.md": article("Escape \x1b[31m", "Body.")},
        [("content/articles/escape.md:1", "control character U+001B (ESC)")],
    ),
    "a bell in a download": (
        {"content/extra/data.csv": "Name,Value\nA,1\x07\n"},
        [("content/extra/data.csv:2", "control character U+0007 (BEL)")],
    ),
    "a file outside the content folder": (
        {"content/articles/leak.md": article("Leak", "The [settings]({static}/../publishconf.py).")},
        [("publishconf.py", "outside the content folder, and so never published")],
    ),
    "a photo of the machine named in a body": (
        {"content/articles/photo.md": article("Photo", "![The machine]({static}/../../machine/photo.png)")},
        [("content/articles/photo.md:5", "image '/machine/photo.png': nothing on the site")],
    ),
    "one slug, two addresses": (
        {
            "content/pages/twin-a.md": "Title: A\nSlug: twin\nSave_as: a/index.html\nUrl: a/\n\nA.\n",
            "content/pages/twin-b.md": "Title: B\nSlug: twin\nSave_as: b/index.html\nUrl: b/\n\nB.\n",
        },
        [("content/pages/twin-a.md", 'There are 2 original (not translated) items with slug "twin"')],
    ),
}
#: Hostile files found before any content is read: each stops a build on its own.
FIRST = {
    "a linked theme template": (
        {"theme/templates/partials/notes.html": Link("/etc/hostname")},
        [("theme/templates/partials/notes.html", "a link to a file outside the project")],
    ),
    "a linked figures registry": (
        {"content/data/figures.toml": Link("{outside}/figures.toml")},
        [("content/data/figures.toml", "a link to a file outside the project")],
    ),
}


def add(project: Path, files: dict, outside: Path) -> None:
    """Put ``files`` into ``project``: text, bytes, links (see :class:`Link`) and sizes."""
    outside.mkdir(exist_ok=True)
    (outside / "notes.md").write_text(article("Notes", "Copied from the build machine."))
    (outside / "secret.txt").write_text("a file of the build machine\n")
    (outside / "photo.png").write_bytes(PNG)
    shutil.copy(project / "content" / "data" / "figures.toml", outside / "figures.toml")
    for relative, value in files.items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            path.unlink()  # replaced, never written into (the copy shares its files)
        if isinstance(value, Link):
            path.symlink_to(value.target.replace("{outside}", str(outside)))
        elif isinstance(value, Size):
            with open(path, "wb") as handle:
                handle.write(value.head)
                handle.truncate(value.size)
        else:
            path.write_bytes(value if isinstance(value, bytes) else value.encode("utf-8"))


def problem_lines(text: str) -> list[str]:
    """The problems a command printed: `file:line: message` lines, not its other lines."""
    return [line for line in text.splitlines() if re.match(r"^[^\s:]+(:\d+)?: ", line) and ": note: " not in line]


def found(lines: list[str], expected: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The expected (path, text) that no one line holds together."""
    return [
        (where, text)
        for where, text in expected
        if not any(line.startswith(where + ":") and text in line for line in lines)
    ]


@pytest.mark.parametrize("case", [*HOSTILE, *FIRST])
def test_each_hostile_file_is_refused_by_the_check_naming_it(built, tmp_path, case):
    files, expected = {**HOSTILE, **FIRST}[case]
    project = copy_built(built, tmp_path / "site")
    add(project, files, tmp_path / "machine")
    result = run_check(project / "pelicanconf.py", root=project)
    lines = [str(problem) for problem in result.problems]
    assert lines and found(lines, expected) == [], "\n".join(lines)


@pytest.fixture(scope="module")
def hostile(built, tmp_path_factory):
    """Every hostile file of :data:`HOSTILE` at once, in a copy of the built project, and what
    each command printed for it, with a terminal 40 columns wide."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_built(built, tmp / "site")
    before = tree_digest(project / "output")
    add(project, {name: value for files, _ in HOSTILE.values() for name, value in files.items()}, tmp / "machine")
    runs = {task: invoke(project, task, COLUMNS="40") for task in ("check", "build", "preview")}
    runs["make serve"] = invoke(project, "livereload", COLUMNS="40", PORT=str(free_port()))
    return project, before, runs


def test_every_command_prints_the_same_sorted_list_one_line_each(hostile):
    _, _, runs = hostile
    printed = {task: problem_lines(run.stdout + run.stderr) for task, run in runs.items()}
    check = printed["check"]
    assert found(check, [pair for _, expected in HOSTILE.values() for pair in expected]) == [], "\n".join(check)
    for task, lines in printed.items():
        assert runs[task].returncode != 0, task
        assert lines == check, f"{task} printed another list:\n" + "\n".join(lines)

    def key(line):
        path, number = re.match(r"^([^\s:]+)(?::(\d+))?: ", line).groups()
        return path, int(number or 0)

    assert check == sorted(check, key=key)
    for task, run in runs.items():
        log = run.stdout + run.stderr
        assert not re.search(r"WARNING|CRITICAL|Traceback|RuntimeError", log), f"{task}:\n{log}"
        first = next(
            line for line in log.lstrip().splitlines() if ": note: " not in line
        )  # the check's notes (drafts) come first
        assert first == check[0], f"{task} printed something before the problems: {first!r}"


def test_a_refused_build_leaves_the_previous_site_as_it_was(hostile):
    project, before, _runs = hostile
    assert tree_digest(project / "output") == before
    assert "etc/passwd" not in str(before) and not [p for p in project.iterdir() if p.name.startswith(".output-")]


@pytest.mark.parametrize("case", FIRST)
def test_links_out_of_the_theme_and_the_registry_stop_every_build_before_it_reads(built, tmp_path, case):
    files, expected = FIRST[case]
    project = copy_built(built, tmp_path / "site")
    add(project, files, tmp_path / "machine")
    before = tree_digest(project / "output")
    check, preview = invoke(project, "check"), invoke(project, "preview")
    assert check.returncode != 0 and preview.returncode != 0
    assert (
        problem_lines(preview.stdout + preview.stderr)
        == problem_lines(check.stdout + check.stderr)
        == [f"{where}: {text}; commit the file itself" for where, text in expected]
    )
    assert tree_digest(project / "output") == before


# --- what a center publishes on purpose -------------------------------------------------------

LEGITIMATE = {
    "content/images/energy-use-chart.svg": SVG,
    "content/extra/brochure.pdf": PDF,
    "content/extra/prices.csv": "Service,Price\nAudit,0\n",
    "content/extra/open-house.ics": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nEND:VCALENDAR\r\n",
    "content/extra/données-2026.csv": "Année,Valeur\n2026,1\n",
    "content/images/Zürich façade.svg": SVG,
    "shared/terms.txt": "Terms of the open house, kept once in the project.\n",
    "content/extra/terms.txt": Link("../../shared/terms.txt"),
    "content/articles/downloads.md": article(
        "Downloads",
        "\n\n".join(
            [
                "![Energy use by month]({static}/images/energy-use-chart.svg)",
                "Read the [brochure]({static}/extra/brochure.pdf), the [prices]({static}/extra/prices.csv), the [data]({static}/extra/données-2026.csv) and the [terms]({static}/extra/terms.txt); add the [open house]({static}/extra/open-house.ics) to a calendar.",
                "![The façade in Zürich]({static}/images/Zürich façade.svg)",
            ]
        ),
    ),
}


def test_legitimate_downloads_build_and_are_published_as_committed(built, tmp_path):
    project = copy_built(built, tmp_path / "site")
    add(project, LEGITIMATE, tmp_path / "machine")
    result = invoke(project, "preview")
    assert result.returncode == 0, result.stdout + result.stderr
    output = project / "output"
    for relative in (
        "images/energy-use-chart.svg",
        "extra/brochure.pdf",
        "extra/prices.csv",
        "extra/open-house.ics",
        "extra/données-2026.csv",
        "images/Zürich façade.svg",
        "extra/terms.txt",
    ):
        assert (output / relative).read_bytes() == (project / "content" / relative).read_bytes(), relative
    assert not (output / "extra" / "terms.txt").is_symlink(), "the file itself is published, not a link"
    page = (output / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'alt="Energy use by month"' in page and "brochure.pdf" in page
