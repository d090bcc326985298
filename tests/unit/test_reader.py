"""mep_kit.content.reader: one file read, rendered, checked and typogrified as plain data."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown
from pelican.contents import Page
from pelican.readers import BaseReader, Readers

from mep_kit.content import reader
from mep_kit.content.reader import ReadFile, read_file, typogrify_text

CASE_STUDY = """Title: Acme "Tool" & Die <b>cuts</b> scrap
Date: 2025-03-01
Client: Acme Tool & Die
Services: Quality Management & Certifications
Summary: The shop's "first" ISO 9001 certification -- in a year, with the center's help.

Acme's team said "it's done" -- and the line ... ran.
"""


def read(reading, name: str, text: str | bytes) -> ReadFile:
    settings, content, registry, renderer = reading
    path = content / "case-studies" / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return read_file(str(path), settings, registry, renderer, ("case_study", "article"))


def test_a_case_study_is_read_rendered_and_dressed(reading):
    done = read(reading, "acme.md", CASE_STUDY)
    assert done.problems == [] and done.kind == "case-study"
    assert done.lines["client"] == 3 and done.body_line == 7
    assert "\u201c" in BeautifulSoup(done.content, "html.parser").get_text(), "typogrify's curly quotes"
    title = BeautifulSoup(done.text["title"], "html.parser")
    assert title.find("b") is None and "<b>cuts</b>" in title.get_text(), "markup typed in a title stays text"
    assert done.text["client"] == "Acme Tool & Die", "other text fields are left for the templates to escape"
    assert done.meta["services"] == ["Quality Management & Certifications"]


def test_typogrify_is_pelicans_own_pass(reading):
    """The reading turns Pelican's typogrify off and runs it while reading: the same bytes as
    Pelican's Readers.read_file with TYPOGRIFY on."""
    settings, content, _registry, _renderer = reading
    html = '<p>"Quoted" -- and --- dashed... IBM\'s <code>"x"</code> NASA &amp; co.</p>'

    class Fixed(BaseReader):
        enabled = True

        def read(self, path):
            return html, {"title": 'A "title" -- here'}

    pelican_settings = {
        **settings,
        "TYPOGRIFY": True,
        "READERS": {},
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
    }
    readers = Readers(pelican_settings)
    readers.readers["fixed"] = Fixed(pelican_settings)
    (content / "x.fixed").write_text("ignored")
    page = readers.read_file(str(content), "x.fixed", content_class=Page, fmt="fixed")
    assert typogrify_text(html, settings) == page._content
    assert typogrify_text('A "title" -- here', settings) == page.title


def test_typogrify_off_leaves_the_text_alone(reading):
    settings, content, registry, renderer = reading
    path = content / "case-studies" / "plain.md"
    path.write_text(CASE_STUDY)
    done = read_file(str(path), {**settings, "TYPOGRIFY": False}, registry, renderer, ())
    assert '"it' in BeautifulSoup(done.content, "html.parser").get_text()


def test_one_markdown_reads_file_after_file_as_if_each_were_read_alone(reading, monkeypatch):
    """Python-Markdown is reset between files, so nothing of one file reaches the next: its
    meta, headings' ids, footnotes, abbreviations, or a callout that failed half-way."""
    first = CASE_STUDY.replace("Summary:", "Tags: first-only\nSummary:") + (
        "\n## Results\n\nA note[^1] on HTML.\n\n[^1]: The footnote.\n\n*[HTML]: HyperText\n"
    )
    broken = CASE_STUDY.replace("ran.", "ran [[callout: no-such-key]].")
    second = CASE_STUDY + "\n## Results\n\nHTML and a note[^1].\n\n[^1]: Another.\n"
    alone = read(reading, "second.md", second)
    assert read(reading, "first.md", first).problems == []
    assert read(reading, "broken.md", broken).problems
    after = read(reading, "second.md", second)
    assert after == alone
    soup = BeautifulSoup(after.content, "html.parser")
    assert soup.find("h2")["id"] == "results" and soup.find("abbr") is None and "footnote" not in soup.get_text()
    assert "tags" not in after.meta
    made = []
    monkeypatch.setattr(reader, "Markdown", lambda **options: made.append(options) or Markdown(**options))
    settings, _content, registry, renderer = reading
    for markdown in (settings["MARKDOWN"], settings["MARKDOWN"], {**settings["MARKDOWN"], "output_format": "xhtml"}):
        reader.markdown_for({**settings, "MARKDOWN": markdown}, registry, renderer)
    reader.markdown_for(settings, dict(registry), renderer)
    assert [m["output_format"] for m in made] == ["xhtml", "html5"], (
        "the held one serves the same settings again; another MARKDOWN or registry makes one"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"", "the file is empty"),
        (b"Title: x\xff\n", "not valid UTF-8"),
        (CASE_STUDY.replace("ran.", "ran [[callout: no-such-key]]."), "callout"),
        (CASE_STUDY.replace("Services: Quality Management", "Services: Quality Managment"), "unknown service"),
    ],
)
def test_problems_name_the_file(reading, text, expected):
    done = read(reading, "bad.md", text)
    assert done.problems and all(p.path.endswith("case-studies/bad.md") for p in done.problems)
    assert any(expected in p.message for p in done.problems), done.problems
    assert done.content == ""


def test_control_characters_are_named_with_their_line(reading):
    text = CASE_STUDY.replace("Client: Acme", "Client: \x1bAcme").replace("and the line", "and the \x00line \x00")
    done = read(reading, "controls.md", text)
    assert [(p.line, p.message.split(";")[0]) for p in done.problems] == [
        (3, "control character U+001B (ESC)"),
        (7, "control character U+0000 (NUL)"),
    ]
    assert done.content == "" and done.meta == {}


def test_a_file_behind_a_link_out_of_the_project_is_never_opened(reading, monkeypatch):
    settings, content, registry, renderer = reading
    elsewhere = tempfile.TemporaryDirectory()  # beside the project's folder, not in it
    secret = Path(elsewhere.name) / "secret.md"
    secret.write_text(CASE_STUDY)
    link = content / "case-studies" / "secret.md"
    link.symlink_to(secret)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k))
    done = read_file(str(link), settings, registry, renderer, ("case_study",))
    assert [p.message for p in done.problems] == ["a link to a file outside the project; commit the file itself"]
    assert str(secret) not in opened and str(link) not in opened
    elsewhere.cleanup()
