"""mep_kit.checks.statics: every file published as it is, checked for what it is."""

from __future__ import annotations

import pytest

from mep_kit.checks import statics
from mep_kit.checks.statics import (
    KINDS,
    StaticFile,
    check,
    content_problem,
    kind_of,
    problems_of,
    refused_name,
    text_problem,
    what_it_holds,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c633861a3010002fc012dff833a570000000049454e44ae426082"
)
ICO = bytes.fromhex("00000100010010100000010020006804000016000000")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
DEFAULTS = statics.DEFAULT_KINDS


def test_kinds_are_known_by_the_name_a_file_is_published_as():
    assert kind_of("images/chart.SVG", DEFAULTS) is KINDS["svg"]
    assert kind_of("extra/brochure.pdf", DEFAULTS) is KINDS["pdf"]
    assert kind_of("extra/clip.mp4", DEFAULTS) is None
    assert kind_of("extra/clip.mp4", (*DEFAULTS, "video")) is KINDS["video"]
    assert kind_of("extra/CNAME", DEFAULTS) is None


@pytest.mark.parametrize(
    "name",
    [
        "extra/page.html",
        "extra/PAGE.HTM",
        "images/app.js",
        "a/b.mjs",
        "style.css",
        "feed.xsl",
        "data.xml",
        "extra/.htaccess",
        "_headers",
        "extra/_redirects",
        "web.config",
        "x.php",
        "x.svgz.html",
    ],
)
def test_pages_scripts_styles_xml_and_server_files_are_refused_by_name(name):
    assert refused_name(name) is not None


def test_what_a_file_holds_is_read_from_its_bytes():
    assert what_it_holds(b"  <!DOCTYPE html><p>x") == "HTML or XML, which a browser would run"
    assert what_it_holds(b"<?xml version='1.0'?><x/>") == "HTML or XML, which a browser would run"
    assert what_it_holds(PNG).startswith("a .png file")
    assert what_it_holds(PDF).startswith("a .pdf file")
    assert what_it_holds("plain words, café".encode()) == "text"
    assert what_it_holds(b"\xff\xfe\x00garbage\x9c") == "data of no kind the site knows"


@pytest.mark.parametrize(
    ("data", "kind", "expected"),
    [
        (b"Name,Value\nA,1\n", "csv", None),
        ("\ufeffcafé;crème\r\n".encode(), "csv", None),
        (b"a\tb\n", "text", None),
        (b"line one\nline \x00two\n", "text", (2, "control character U+0000 (NUL); save the file without it")),
        (b"\x1b[31mred\n", "text", (1, "control character U+001B (ESC); save the file without it")),
        (
            b"<html><script>alert(1)</script>",
            "text",
            (None, "holds HTML or XML, which a browser would run, not plain text (.txt); pages come from Markdown"),
        ),
        (
            b"\r\n  <SCRIPT>alert(1)</SCRIPT>",
            "csv",
            (None, "holds HTML or XML, which a browser would run, not a CSV table; pages come from Markdown"),
        ),
        (b"Prose that mentions <script> in passing is text.\n", "text", None),
        (
            b"\n<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
            "csv",
            (None, "holds HTML or XML, which a browser would run, not a CSV table; pages come from Markdown"),
        ),
        (b"<5 employees,12\n", "csv", None),
        (
            b"caf\xe9\n",
            "text",
            (None, "is not text: byte 3 is not UTF-8 (data of no kind the site knows); expected plain text (.txt)"),
        ),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "calendar", None),
        (
            b"VERSION:2.0\r\n",
            "calendar",
            (
                None,
                "does not start with BEGIN:VCALENDAR; expected a calendar (RFC 5545) exported from a calendar program",
            ),
        ),
    ],
)
def test_text_files_are_utf8_without_control_characters_or_html(data, kind, expected):
    assert text_problem(data, KINDS[kind]) == expected


def test_binary_kinds_are_recognised_by_their_signature():
    assert content_problem(PDF, KINDS["pdf"], "b.pdf") is None
    assert content_problem(ICO, KINDS["icon"], "favicon.ico") is None
    assert content_problem(MP4, KINDS["video"], "clip.mp4") is None
    assert content_problem(b"<!doctype html><script>x</script>", KINDS["pdf"], "b.pdf") == (
        None,
        "holds HTML or XML, which a browser would run, not a PDF; export it again as a PDF",
    )
    assert content_problem(PNG, KINDS["pdf"], "b.pdf")[1].startswith("holds a .png file (image/png), not a PDF")


def test_every_svg_passes_the_logo_check():
    assert content_problem(SVG, KINDS["svg"], "chart.svg") is None
    scripted = SVG.replace(b"<rect", b"<script>alert(1)</script><rect")
    assert "has a <script> element" in content_problem(scripted, KINDS["svg"], "chart.svg")[1]
    handler = SVG.replace(b"<rect", b'<rect onclick="alert(1)"')
    assert "onclick" in content_problem(handler, KINDS["svg"], "chart.svg")[1]


def static(tmp_path, name: str, data: bytes, save_as: str | None = None) -> StaticFile:
    path = tmp_path / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return StaticFile(str(path), save_as or name)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = static(tmp_path, "extra/brochure.pdf", PDF + b"\n" * 2000)
    monkeypatch.setattr("builtins.open", lambda *a, **k: pytest.fail("read a file over the limit"))
    assert problems_of(big, 1000, DEFAULTS) == [
        (
            None,
            "the file is 0.0 MB; expected at most 0.0 MB (STATIC_MAX_BYTES): make it smaller, or link to a copy hosted elsewhere",
        )
    ]


def test_kinds_not_published_by_default_are_named_with_the_setting(tmp_path):
    clip = static(tmp_path, "extra/clip.mp4", MP4)
    assert problems_of(clip, 10**7, DEFAULTS) == [
        (
            None,
            "a video (MP4 or WebM) is published only when STATIC_EXTRA_KINDS lists it; add it there on purpose, or remove the file",
        )
    ]
    assert problems_of(clip, 10**7, (*DEFAULTS, "video")) == []
    tool = static(tmp_path, "extra/tool.exe", b"MZ\x90\x00")
    assert problems_of(tool, 10**7, DEFAULTS)[0][1].startswith(
        "not a kind of file the site publishes; expected a photo"
    )


def test_a_file_published_under_another_name_is_judged_by_that_name(tmp_path):
    renamed = static(tmp_path, "extra/notes.txt", b"hello\n", save_as="notes.html")
    assert problems_of(renamed, 10**7, DEFAULTS) == [
        (
            None,
            "an HTML page (published as 'notes.html') is not published from content; pages come from Markdown: write it as a page under content/pages/",
        )
    ]


def test_photos_are_left_to_the_image_pipeline(tmp_path):
    assert problems_of(static(tmp_path, "images/photo.jpg", b"<html>not a photo"), 10**7, DEFAULTS) == []


def test_check_lists_every_problem_once_and_the_files_nothing_may_read(tmp_path):
    project = tmp_path / "site"
    outside = tmp_path / "secret.txt"
    outside.write_text("machine\n")
    good = static(project, "extra/brochure.pdf", PDF)
    bad = static(project, "images/chart.svg", SVG.replace(b"<rect", b"<script/><rect"))
    link = project / "content" / "extra" / "notes.txt"
    link.symlink_to(outside)
    (project / "pelicanconf.py").write_text("x = 1\n")
    stray = StaticFile(str(project / "pelicanconf.py"), "../pelicanconf.py")
    settings = {"STATIC_MAX_BYTES": 10**7, "STATIC_EXTRA_KINDS": []}
    problems, unreadable = check(
        [good, bad, StaticFile(str(link), "extra/notes.txt"), stray, bad],
        settings,
        str(project),
        str(project / "content"),
    )
    assert [(p.path.split("site/", 1)[1], p.message.split(";")[0]) for p in problems] == [
        ("content/extra/notes.txt", "a link to a file outside the project"),
        ("content/images/chart.svg", "has a <script> element"),
        ("pelicanconf.py", "outside the content folder, and so never published"),
    ]
    assert unreadable == {str(link), str(project / "pelicanconf.py")}, (
        "behind a link out, or outside the content folder"
    )


def test_a_static_file_where_the_plugin_writes_its_own_is_refused(tmp_path):
    from mep_kit.checks.statics import own_file_problems

    icon = static(tmp_path, "extra/favicon.svg", SVG, save_as="favicon.svg")
    other = static(tmp_path, "extra/logo.svg", SVG)
    problems = own_file_problems(
        [icon, other], {"FAVICON_SAVE_AS": "favicon.svg", "SITEMAP_SAVE_AS": ""}, ("FAVICON_SAVE_AS", "SITEMAP_SAVE_AS")
    )
    assert [p.message for p in problems] == [
        "published as 'favicon.svg', where the plugin writes its own (FAVICON_SAVE_AS); remove this file, or set FAVICON_SAVE_AS = '' in the settings"
    ]
