"""`invoke check` and `invoke new`: mep_kit.check on small content folders, the shipped
site, and the tasks themselves run as a writer (or CI) runs them."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from markdown import Markdown

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from pelican.settings import read_settings  # noqa: E402

from mep_kit.check import _check_directives, _mask_code, check_site, github_annotation, run_check  # noqa: E402
from mep_kit.errors import Problem  # noqa: E402
from conftest import invoke  # noqa: E402
from mep_kit.markdown_ext import FiguresExtension, FigureSyntaxError  # noqa: E402

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=ZoneInfo("America/New_York"))

REGISTRY = """\
[sources.nist-mep]
publisher = "NIST MEP"
title = "Facts"

[figures.national-jobs]
value = 107_100
unit = "jobs"
label = "jobs created or retained"
fiscal_year = 2023
scope = "national"
source = "nist-mep"

[figures.national-sales]
value = 16_200_000_000
unit = "USD"
label = "in new and retained sales"
fiscal_year = 2023
scope = "national"
source = "nist-mep"
"""

CASE_STUDY = """\
Title: Acme Cuts Setup Time
Date: 2026-02-02
Slug: acme
Client: Acme
Services: Business Growth
Summary: Acme worked with the center to cut its setup times and free up capacity on the shop floor.

Acme did well.
"""


def case_study(**fields: str | None) -> str:
    """CASE_STUDY with front-matter fields replaced (value), removed (None) or added."""
    head, body = CASE_STUDY.split("\n\n", 1)
    lines = dict(line.split(": ", 1) for line in head.splitlines())
    for key, value in fields.items():
        key = key.capitalize()
        if value is None:
            lines.pop(key, None)
        else:
            lines[key] = value
    return "\n".join(f"{k}: {v}" for k, v in lines.items()) + "\n\n" + body


def make_site(tmp_path: Path, files: dict[str, str | bytes], registry: str = REGISTRY) -> Path:
    content = tmp_path / "content"
    for relative, text in {"data/figures.toml": registry, **files}.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return content


def check(tmp_path: Path, files: dict[str, str | bytes], **kwargs):
    return run_check(make_site(tmp_path, files, **kwargs), SETTINGS, root=tmp_path, now=NOW)


def only(result, path: str) -> list[Problem]:
    return [p for p in result.problems if p.path == path]


# --- a good site ---------------------------------------------------------------------------

def test_small_good_site_has_no_problems(tmp_path):
    result = check(tmp_path, {
        "case-studies/acme.md": CASE_STUDY.replace("Acme did well.", "Acme added [[figure: national-jobs]] jobs.\n\n[[callout: national-sales, national-jobs]]"),
        "pages/about.md": "Title: About\nSlug: about\n\nSee [Acme]({filename}/case-studies/acme.md) and [again](|filename|../case-studies/acme.md#top).\n\n![Our shop floor]({static}/images/shop.png)\n",
        "images/shop.png": b"\x89PNG",
    })
    assert result.problems == []
    assert result.files == ["content/data/figures.toml", "content/case-studies/acme.md", "content/pages/about.md"]


def test_shipped_site_has_no_problems():
    result = run_check(Path(SETTINGS["PATH"]), SETTINGS, root=ROOT)
    assert result.problems == [], "\n".join(map(str, result.problems))
    markdown_files = sorted((ROOT / "content").glob("*/*.md"))
    assert len(result.files) == len(markdown_files) + 1  # and the figures registry


# --- the schema, as the build applies it -------------------------------------------------

@pytest.mark.parametrize(("fields", "line", "message"), [
    ({"client": None}, 1, "client: required field is missing; a case-study needs: title, summary, date, client, services"),
    ({"date": "2026-02-30"}, 2, "date: impossible date (day is out of range for month), got '2026-02-30'"),
    ({"services": "Suply Chain"}, 5, "services: unknown service 'Suply Chain' (did you mean 'Supply Chain Management'?); expected one of: Supply Chain Management, "),
    ({"clint": "Acme"}, 7, "clint: unknown field for a case-study (did you mean 'client'?)"),
    ({"summary": "Too short."}, 6, "summary: 10 characters; expected 50 to 160"),
    ({"status": "drafty"}, 7, "status: unknown status 'drafty'; expected one of: published, draft, hidden"),
    ({"new_sales": "$1.2 million"}, 7, "new_sales: expected a number such as 1200000 or 1,200,000 (no $ or words), got '$1.2 million'"),
    ({"jobs": "-3"}, 7, "jobs: expected a positive number, got '-3'"),
    ({"logo": "images/acme.png", "logo_alt": "The Acme logo"}, 7, "logo: file 'images/acme.png' not found under the content folder"),
    ({"aliases": "https://old.example.org/acme"}, 7, "aliases: 'https://old.example.org/acme' is a full URL; expected a path on this site"),
])
def test_schema_problems(tmp_path, fields, line, message):
    result = check(tmp_path, {"case-studies/acme.md": case_study(**fields)})
    problems = only(result, "content/case-studies/acme.md")
    assert [(p.line, p.message[:len(message)]) for p in problems] == [(line, message)], problems
    assert str(problems[0]).startswith(f"content/case-studies/acme.md:{line}: ")


def test_logo_without_alt(tmp_path):
    result = check(tmp_path, {"case-studies/acme.md": case_study(logo="images/acme.png"), "images/acme.png": b"\x89PNG"})
    assert [str(p) for p in result.problems] == [
        "content/case-studies/acme.md:7: logo: a logo needs 'logo_alt': text saying what the image shows, for readers who cannot see it",
    ]


def test_every_problem_of_a_file_is_reported_in_line_order(tmp_path):
    text = case_study(date="2026-13-01", services="Suply Chain", summary="Short.") + "\n[[figure: nope]] and ![](x.png)\n"
    result = check(tmp_path, {"case-studies/acme.md": text})
    lines = [p.line for p in result.problems]
    assert lines == sorted(lines)
    assert [m.split(":")[0] for m in (p.message for p in result.problems)][:3] == ["date", "services", "summary"]
    assert len(result.problems) == 6  # 3 fields, the figure key, the alt text and the image file


# --- files -------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    result = check(tmp_path, {"articles/empty.md": "  \n\n"})
    assert [str(p) for p in result.problems] == ["content/articles/empty.md: the file is empty; a page needs at least a 'Title:' line"]


def test_file_without_title(tmp_path):
    result = check(tmp_path, {"pages/notes.md": "Slug: notes\n\nSome text.\n"})
    assert [str(p) for p in result.problems] == [
        "content/pages/notes.md:1: title: required field is missing; a page needs: title",
    ]


def test_invalid_utf8(tmp_path):
    result = check(tmp_path, {"pages/latin.md": "Title: Caf\xe9\n\nText.\n".encode("latin-1")})
    assert [str(p) for p in result.problems] == [
        "content/pages/latin.md: not valid UTF-8 (byte 10: invalid continuation byte); save the file as UTF-8",
    ]


def test_ignored_and_static_files_are_not_read(tmp_path):
    result = check(tmp_path, {"case-studies/_scratch.md": "", "case-studies/README.md": "", "extra/notes.md": ""})
    assert result.problems == []
    assert result.files == ["content/data/figures.toml"]


# --- slugs and output paths ----------------------------------------------------------------

def test_duplicate_slug_is_reported_on_both_files(tmp_path):
    result = check(tmp_path, {
        "case-studies/acme.md": CASE_STUDY,
        "case-studies/acme-2.md": case_study(title="Acme Again"),
    })
    assert [str(p) for p in result.problems] == [
        "content/case-studies/acme-2.md:3: slug: duplicate slug 'acme', also used by content/case-studies/acme.md; give each page its own 'Slug:'",
        "content/case-studies/acme.md:3: slug: duplicate slug 'acme', also used by content/case-studies/acme-2.md; give each page its own 'Slug:'",
    ]


def test_slug_defaults_to_pelicans_slugify_of_the_title(tmp_path):
    result = check(tmp_path, {
        "articles/one.md": "Title: Lean & Mean: Part 1!\nDate: 2026-01-01\nSummary: " + "x" * 60 + "\n\nText.\n",
        "articles/two.md": "Title: Lean and mean part 1\nDate: 2026-01-02\nSlug: lean-mean-part-1\nSummary: " + "x" * 60 + "\n\nText.\n",
    })
    assert [(p.path, p.line) for p in result.problems] == [("content/articles/one.md", 1), ("content/articles/two.md", 3)]
    assert "duplicate slug 'lean-mean-part-1'" in result.problems[0].message


def test_duplicate_output_path_between_an_article_and_a_page(tmp_path):
    result = check(tmp_path, {
        "case-studies/acme.md": CASE_STUDY,
        "pages/acme.md": "Title: Acme page\nSave_as: acme/index.html\n\nText.\n",
    })
    assert [str(p) for p in result.problems] == [
        "content/case-studies/acme.md:3: output path 'acme/index.html' is also written by content/pages/acme.md; change the slug or 'Save_as:'",
        "content/pages/acme.md:2: output path 'acme/index.html' is also written by content/case-studies/acme.md; change the slug or 'Save_as:'",
    ]


@pytest.mark.parametrize(("slug", "output"), [
    ("tags", "tags/index.html"), ("posts", "posts/index.html"), ("numbers", "numbers/index.html"),
    ("feeds", "feeds/index.html"), ("data", "data/index.html"), ("drafts", "drafts/index.html"),
    ("theme", "theme/index.html"), ("services", "services/index.html"), ("archives", "archives/index.html"),
])
def test_slug_colliding_with_the_sites_own_pages(tmp_path, slug, output):
    result = check(tmp_path, {"pages/p.md": f"Title: A page\nSlug: {slug}\n\nText.\n"})
    assert [(p.path, p.line) for p in result.problems] == [("content/pages/p.md", 2)]
    assert result.problems[0].message.startswith(f"output path '{output}' collides with the site's own ")


def test_save_as_onto_the_home_page(tmp_path):
    result = check(tmp_path, {"pages/home.md": "Title: Home\nSave_as: index.html\n\nText.\n"})
    assert [str(p) for p in result.problems] == [
        "content/pages/home.md:2: output path 'index.html' collides with the site's own 'index.html'; choose another slug",
    ]


def test_a_draft_is_written_under_drafts_and_noted(tmp_path):
    result = check(tmp_path, {"case-studies/acme.md": case_study(status="draft")})
    assert result.problems == []
    assert [str(n) for n in result.notices] == [
        "content/case-studies/acme.md:7: draft: not listed, linked or in feeds, written only at drafts/acme/index.html; delete 'Status: draft' to publish",
    ]


def test_a_draft_that_would_overwrite_a_page_once_published(tmp_path):
    result = check(tmp_path, {
        "case-studies/acme.md": case_study(status="draft"),
        "pages/acme.md": "Title: Acme page\nSlug: acme\n\nText.\n",
    })
    assert [str(p) for p in result.problems] == [
        "content/case-studies/acme.md:3: output path 'acme/index.html' once published is also written by content/pages/acme.md; change the slug or 'Save_as:'",
        "content/pages/acme.md:2: output path 'acme/index.html' is also written by content/case-studies/acme.md; change the slug or 'Save_as:'",
    ]


# --- drafts and future posts are notices, not problems ---------------------------------------

def test_future_post_is_a_notice(tmp_path):
    result = check(tmp_path, {"case-studies/acme.md": case_study(date="2026-09-01")})
    assert result.problems == []
    assert [str(n) for n in result.notices] == [
        "content/case-studies/acme.md:2: dated 2026-09-01, in the future: left out of production until then, shown in dev",
    ]
    assert check_site(tmp_path / "content", SETTINGS, root=tmp_path, now=NOW) == []
    # a day before it is due, it is still future; on the day, it is not
    assert check(tmp_path, {"case-studies/acme.md": case_study(date="2026-06-01")}).notices == []


def test_future_post_with_production_settings(tmp_path):
    content = make_site(tmp_path, {"case-studies/acme.md": case_study(date="2026-09-01")})
    result = run_check(content, {**SETTINGS, "WITH_FUTURE_DATES": False}, root=tmp_path, now=NOW)
    assert result.problems == []
    assert [n.message for n in result.notices] == ["dated 2026-09-01, in the future: left out of this build until then (written only at drafts/acme/index.html)"]


# --- links, images, raw HTML -------------------------------------------------------------

def test_broken_internal_links(tmp_path):
    body = "\n".join([
        "Good: [a]({filename}/case-studies/acme.md), [b]({filename}acme.md#part), [c](|filename|acme.md).",
        "Bad: [d]({filename}/case-studies/acne.md)",
        "[e](|filename|../pages/nope.md)",
        "[f]: {static}/images/missing.pdf",
        "```",
        "[in code]({filename}nothing.md)",
        "```",
    ])
    result = check(tmp_path, {"case-studies/acme.md": CASE_STUDY + "\n" + body + "\n"})
    assert [str(p) for p in result.problems] == [
        "content/case-studies/acme.md:11: link '{filename}/case-studies/acne.md': file '/case-studies/acne.md' not found (looked in the content folder)",
        "content/case-studies/acme.md:12: link '|filename|../pages/nope.md': file '../pages/nope.md' not found (looked in content/case-studies/)",
        "content/case-studies/acme.md:13: link '{static}/images/missing.pdf': file '/images/missing.pdf' not found (looked in the content folder)",
    ]


def test_images_without_alt_text_or_file(tmp_path):
    body = "\n".join([
        "![A lathe]({static}/images/lathe.jpg)",
        "![]({static}/images/lathe.jpg)",
        "![  ](https://example.org/x.png)",
        '<img src="/images/lathe.jpg">',
        '<img alt="" src="https://example.org/x.png">',
        '<img alt="A drill" src="/images/drill.jpg">',
        "![A mill](../images/mill.jpg)",
        "![A press][press]",
        "",
        "[press]: /images/press.jpg",
    ])
    result = check(tmp_path, {"case-studies/acme.md": CASE_STUDY + "\n" + body + "\n", "images/lathe.jpg": b"jpg"})
    assert [str(p) for p in result.problems] == [
        "content/case-studies/acme.md:11: image '![]({static}/images/lathe.jpg)': alt text is empty; describe what the image shows, for readers who cannot see it",
        "content/case-studies/acme.md:12: image '![  ](https://example.org/x.png)': alt text is empty; describe what the image shows, for readers who cannot see it",
        "content/case-studies/acme.md:13: <img>: alt text is missing",
        "content/case-studies/acme.md:14: <img>: alt text is empty; describe what the image shows, for readers who cannot see it",
        "content/case-studies/acme.md:15: <img>: file '/images/drill.jpg' not found; put it under content/images/ and write ![...]({static}/images/...)",
        "content/case-studies/acme.md:16: image: file '../images/mill.jpg' not found; put it under content/images/ and write ![...]({static}/images/...)",
        "content/case-studies/acme.md:17: image: file '/images/press.jpg' not found; put it under content/images/ and write ![...]({static}/images/...)",
    ]


def test_raw_html_that_runs_code(tmp_path):
    body = "\n".join([
        "<script>alert(1)</script>",
        '<iframe src="https://example.org"></iframe>',
        "[Click](javascript:alert(1))",
        '<a href="JavaScript:void(0)">x</a>',
        '<button type="button"',
        '  onclick="go()">Go</button>',
        '<div onMouseOver="x()" class="a">Hover</div>',
        "Writing `<script>` or `onclick=` in code is fine, and so is the word javascript: here.",
    ])
    result = check(tmp_path, {"case-studies/acme.md": CASE_STUDY + "\n" + body + "\n"})
    assert [str(p) for p in result.problems] == [
        "content/case-studies/acme.md:10: raw HTML: <script> is not allowed in content (scripts belong in the theme)",
        "content/case-studies/acme.md:11: raw HTML: <iframe> is not allowed in content (embeds belong in the theme; link to the page instead)",
        "content/case-studies/acme.md:12: raw HTML: a 'javascript:' URL is not allowed in content; link to a real address",
        "content/case-studies/acme.md:13: raw HTML: a 'javascript:' URL is not allowed in content; link to a real address",
        "content/case-studies/acme.md:15: raw HTML: event handler 'onclick=' on <button> is not allowed in content (scripts belong in the theme)",
        "content/case-studies/acme.md:16: raw HTML: event handler 'onmouseover=' on <div> is not allowed in content (scripts belong in the theme)",
    ]


# --- figures: the registry and the directives -----------------------------------------------

def test_callout_problems_each_with_its_line(tmp_path):
    body = "\n".join([
        "We made [[figure: national-jobz]] jobs.",
        "",
        "[[callout: national-sales, national-jobs]]",
        "",
        "A sentence with [[callout: national-sales]] in it.",
        "",
        "Misspelt [[figur: national-jobs]].",
        "",
        "[[callout: ]]",
    ])
    result = check(tmp_path, {"case-studies/acme.md": CASE_STUDY + "\n" + body + "\n"})
    assert [str(p) for p in result.problems] == [
        "content/case-studies/acme.md:10: [[figure: national-jobz]]: unknown figure key 'national-jobz'; expected a key of the figures registry (did you mean: national-jobs, national-sales?)",
        "content/case-studies/acme.md:14: [[callout: national-sales]]: a callout must be a paragraph of its own, with blank lines around it; inside a sentence use [[figure: key]]",
        "content/case-studies/acme.md:16: [[figur: national-jobs]]: unknown directive 'figur'; expected [[figure: key]] in a sentence or [[callout: key, ...]] on its own line",
        "content/case-studies/acme.md:18: [[callout: ]]: no figure key given; expected e.g. [[callout: national-sales]]",
    ]


def test_registry_problems_are_reported_and_directives_still_checked(tmp_path):
    registry = REGISTRY.replace('unit = "jobs"', 'unit = "jobz"')
    text = CASE_STUDY + "\nWe made [[figure: anything]] jobs and [[figur: x]].\n"
    result = check(tmp_path, {"case-studies/acme.md": text}, registry=registry)
    assert [(p.path, p.line) for p in result.problems] == [("content/case-studies/acme.md", 10), ("content/data/figures.toml", 7)]
    assert result.problems[0].message.startswith("[[figur: x]]: unknown directive 'figur'")
    assert result.problems[1].message.startswith("national-jobs: 'unit': unknown unit 'jobz'")


def test_missing_registry(tmp_path):
    content = make_site(tmp_path, {"pages/p.md": "Title: P\n\nText.\n"})
    (content / "data" / "figures.toml").unlink()
    result = run_check(content, SETTINGS, root=tmp_path, now=NOW)
    assert [str(p) for p in result.problems] == ["content/data/figures.toml: figures registry not found (set FIGURES_FILE in pelicanconf.py)"]


class _Renderer:
    def callout(self, figures):
        return "<div>callout</div>"

    def inline(self, figure):
        return "<span>figure</span>"


DIRECTIVE_CASES = {
    "callout paragraph": "Intro.\n\n[[callout: a, b]]\n\nMore.",
    "indented callout": "Intro.\n\n    [[callout: a]]\n",
    "callout in a sentence": "See [[callout: a]] here.",
    "callout right under a line": "Intro line\n[[callout: a]]\n",
    "unknown key": "[[callout: zz]]",
    "inline figure": "Made [[figure: a]] jobs.",
    "inline with two keys": "Made [[figure: a, b]] jobs.",
    "misspelt directive": "Made [[figur: a]] jobs.",
    "code span": "Write `[[figure: zz]]` to show one.",
    "fenced code": "```\n[[callout: zz]]\n[[figur: a]]\n```\n",
    "list item callout": "- one\n- [[callout: a]]\n",
    "list item callout, unknown key": "- one\n- [[callout: zz]]\n",
    "quoted callout": "> [[callout: a]]\n",
    "quoted callout under text": "> text\n> [[callout: a]]\n",
    "heading": "## Made [[figure: a]] jobs",
    "callout as heading": "## [[callout: a]]",
    "table cell": "| a | b |\n|---|---|\n| [[figure: zz]] | x |\n",
    "list paragraph callout": "- one\n\n    [[callout: zz]]\n",
    "two callouts in one paragraph": "[[callout: a]]\n[[callout: b]]\n",
    "indented code": "Para.\n\n    code [[figur: a]]\n",
    "code in a list item": "- item\n\n        code [[figur: a]]\n",
    "raw HTML block": "<div>\n[[figur: a]]\n</div>\n\nMade [[figure: zz]].",
    "comment": "Para.\n\n<!-- [[callout: old-key]] -->\n",
    "inline comment": "Text <!-- [[figur: a]] --> text.",
    "markdown in HTML": '<div markdown="1">\n[[figur: a]]\n</div>\n',
    "emphasised callout": "*[[callout: a]]*",
}


@pytest.mark.parametrize("source", DIRECTIVE_CASES.values(), ids=DIRECTIVE_CASES.keys())
def test_directive_rules_match_the_build(source):
    """The check, without rendering, finds a problem exactly where the build's Markdown
    extension raises one, with the same message."""
    registry = {"a": object(), "b": object()}
    md = Markdown(**{**SETTINGS["MARKDOWN"], "extensions": [*SETTINGS["MARKDOWN"]["extension_configs"], FiguresExtension(registry, _Renderer())]})
    try:
        md.convert(source)
        build_error = None
    except FigureSyntaxError as exc:
        build_error = str(exc)
    found = [p.message for p in _check_directives(_mask_code(source), 1, "x.md", registry)]
    if build_error is None:
        assert found == []
    else:
        assert found and found[0] == build_error


# --- GitHub annotations ------------------------------------------------------------------

def test_github_annotation_escapes_as_github_requires():
    problem = Problem("content/a,b:c.md", 4, "100% wrong\r\nsecond line")
    assert github_annotation(problem) == "::error file=content/a%2Cb%3Ac.md,line=4::100%25 wrong%0D%0Asecond line"
    assert github_annotation(Problem("content/x.md", None, "m")) == "::error file=content/x.md::m"


# --- the tasks, run as a writer runs them ------------------------------------------------------

def test_invoke_check_passes_on_the_shipped_site(project):
    result = invoke(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    files = len(list((project / "content").glob("*/*.md"))) + 1
    assert result.stdout.strip().splitlines()[-1] == f"checked {files} files: no problems"


def test_invoke_check_fails_with_compiler_style_lines_and_annotations(project):
    (project / "content/case-studies/siftex.md").write_text(
        (project / "content/case-studies/siftex.md").read_text().replace("Services: Workforce Development", "Services: Suply Chain"))
    (project / "content/pages/bad.md").write_text("Title: Bad\nSlug: bad\n\n<p onclick=\"x()\">50% off</p>\n")
    result = invoke(project, "check", github=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    services = "services: unknown service 'Suply Chain' (did you mean 'Supply Chain Management'?); expected one of: Supply Chain Management, Technology Adoption"
    assert any(line.startswith(f"content/case-studies/siftex.md:5: {services}") for line in lines), result.stdout
    assert any(line.startswith(f"::error file=content/case-studies/siftex.md,line=5::{services}") for line in lines), result.stdout
    assert "content/pages/bad.md:4: raw HTML: event handler 'onclick=' on <p> is not allowed in content (scripts belong in the theme)" in lines
    assert "::error file=content/pages/bad.md,line=4::raw HTML: event handler 'onclick=' on <p> is not allowed in content (scripts belong in the theme)" in lines
    assert lines[-1] == f"checked {len(list((project / 'content').glob('*/*.md'))) + 1} files: 2 problems in 2 files"

    plain = invoke(project, "check")
    assert plain.returncode == 1
    assert not any(line.startswith("::") for line in plain.stdout.splitlines())


@pytest.mark.parametrize(("kind", "name", "expected"), [
    ("case-study", "Acme Tool & Die, Inc.", "content/case-studies/acme-tool-die-inc.md"),
    ("article", "Why Lean Matters", "content/articles/why-lean-matters.md"),
    ("page", "Privacy Policy", "content/pages/privacy-policy.md"),
])
def test_invoke_new_writes_a_draft_that_passes_the_check(project, kind, name, expected):
    result = invoke(project, "new", "--kind", kind, name)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
    text = (project / expected).read_text()
    assert "\nStatus: draft\n" in text
    assert f"Slug: {Path(expected).stem}\n" in text
    settings = read_settings(str(project / "pelicanconf.py"))
    checked = run_check(project / "content", settings, root=project)
    assert checked.problems == []
    assert [(n.path, n.message.split(":")[0]) for n in checked.notices] == [(expected, "draft")]
    if kind == "case-study":
        first_service = next(iter(settings["SERVICE_LINES"]))
        assert f"Services: {first_service}\n" in text and "Client: Acme Tool & Die, Inc.\n" in text
        assert "pick one or more of" in text and "Human Resources" in text.split("\n\n", 1)[1]
        today = datetime.datetime.now(ZoneInfo(settings["TIMEZONE"])).date().isoformat()
        assert f"Date: {today}\n" in text

    again = invoke(project, "new", "--kind", kind, name)
    assert again.returncode != 0
    assert f"{expected} already exists" in again.stderr
    assert (project / expected).read_text() == text


def test_invoke_new_refuses_a_slug_another_file_uses(project):
    result = invoke(project, "new", "--kind", "page", "Siftex")  # case-studies/siftex.md has slug 'siftex'
    assert result.returncode != 0
    assert "content/pages/siftex.md was not created" in result.stderr
    assert "content/pages/siftex.md:2: output path 'siftex/index.html' once published is also written by content/case-studies/siftex.md" in result.stderr
    assert not (project / "content/pages/siftex.md").exists()


def test_invoke_new_refuses_an_unknown_kind(project):
    result = invoke(project, "new", "--kind", "blog", "X")
    assert result.returncode != 0
    assert "unknown kind 'blog'; expected one of: case-study, article, page" in result.stderr
