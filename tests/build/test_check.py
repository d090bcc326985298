"""`invoke check`, the build's checks and `invoke new`: small sites read by Pelican itself
(mep_kit.tools.check.run_check, the same pass as a build), the shipped site, hostile and
legitimate input through `invoke check` and the production build, and the tasks run as a
writer (or CI) runs them."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from mep_kit.tools.check import run_check
from support import FIXTURE, copy_project, event_text, invoke, tree_digest

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c633861a3010002fc012dff833a570000000049454e44ae426082"
)  # 1x1

REGISTRY = (FIXTURE / "content" / "data" / "figures.toml").read_text(encoding="utf-8")
FIGURE = next(line.split(".", 1)[1].rstrip("]") for line in REGISTRY.splitlines() if line.startswith("[figures."))

CASE_STUDY = """\
Title: Acme Cuts Setup Time
Date: 2026-02-02
Slug: acme
Client: Acme
Services: Business Growth
Summary: Acme worked with the center to cut its setup times and free up capacity on the shop floor.

Acme did well.
"""
#: Lines of CASE_STUDY: the body's first line, and the line after the front matter.
BODY = 8
#: The settings of a small site: the fixture site's (read by their path), another content
#: folder, and no explainer or menu entry that this content could lack.
CONF = """\
import os, runpy
globals().update({{k: v for k, v in runpy.run_path({base!r}).items() if k.isupper()}})
PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "content")
EXPLAINER = None
NAVIGATION = [("Home", ""), ("Case Studies", "posts/")]
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


def make_site(
    tmp_path: Path, files: dict[str, str | bytes], registry: str = REGISTRY, base: str = "pelicanconf"
) -> Path:
    """A site of its own: ``files`` under content/, the figures registry, the real theme, and
    the settings of ``base`` (pelicanconf, or publishconf for production)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "conf.py").write_text(CONF.format(base=str(FIXTURE / f"{base}.py")))
    for relative, text in {"data/figures.toml": registry, **files}.items():
        path = tmp_path / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
    return tmp_path / "conf.py"


def check(tmp_path: Path, files: dict[str, str | bytes], **kwargs):
    return run_check(make_site(tmp_path, files, **kwargs), root=tmp_path)


def messages(result) -> list[str]:
    return [str(p) for p in result.problems]


# --- a good site ---------------------------------------------------------------------------


def test_small_good_site_has_no_problems(tmp_path):
    result = check(
        tmp_path,
        {
            "case-studies/acme.md": CASE_STUDY.replace(
                "Acme did well.", f"Acme added [[figure: {FIGURE}]].\n\n[[callout: {FIGURE}]]"
            ),
            "pages/about.md": "Title: About\nSlug: about\n\nSee [Acme]({filename}/case-studies/acme.md), [again](|filename|../case-studies/acme.md#top) and [the home page](/).\n\n![Our shop floor]({static}/images/shop.png)\n",
            "images/shop.png": PNG,
        },
    )
    assert result.problems == []
    assert result.files == ["content/data/figures.toml", "content/case-studies/acme.md", "content/pages/about.md"]


# --- the schema, as the build applies it -------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "line", "message"),
    [
        (
            {"client": None},
            1,
            "client: required field is missing; a case-study needs: title, summary, date, client, services",
        ),
        ({"date": "2026-02-30"}, 2, "date: impossible date (day is out of range for month), got '2026-02-30'"),
        (
            {"services": "Suply Chain"},
            5,
            "services: unknown service 'Suply Chain' (did you mean 'Supply Chain Management'?); expected one of: Supply Chain Management, ",
        ),
        ({"clint": "Acme"}, 7, "clint: unknown field for a case-study (did you mean 'client'?)"),
        ({"summary": "Too short."}, 6, "summary: 10 characters; expected 50 to 160"),
        ({"status": "drafty"}, 7, "status: unknown status 'drafty'; expected one of: published, draft, hidden"),
        (
            {"new_sales": "$1.2 million"},
            7,
            "new_sales: expected a number such as 1200000 or 1,200,000 (no $ or words), got '$1.2 million'",
        ),
        ({"jobs": "-3"}, 7, "jobs: expected a positive number, got '-3'"),
        (
            {"logo": "images/acme.png", "logo_alt": "The Acme logo"},
            7,
            "logo: file 'images/acme.png' not found; put the image under content/images/",
        ),
        (
            {"logo": "../../../../etc/passwd", "logo_alt": "x"},
            7,
            "logo: '../../../../etc/passwd' points outside the content folder",
        ),
        ({"logo": "/etc/hosts.png", "logo_alt": "x"}, 7, "logo: '/etc/hosts.png' points outside the content folder"),
        (
            {"logo": "https://example.org/logo.png", "logo_alt": "x"},
            7,
            "logo: 'https://example.org/logo.png' is an address, not a file",
        ),
        ({"logo": "javascript:alert(1)", "logo_alt": "x"}, 7, "logo: 'javascript:alert(1)' is an address, not a file"),
        ({"logo": "images/notes.txt", "logo_alt": "x"}, 7, "logo: 'images/notes.txt' is not an image"),
        (
            {"aliases": "https://old.example.org/acme"},
            7,
            "aliases: 'https://old.example.org/acme' is a full URL; expected a path on this site",
        ),
    ],
)
def test_schema_problems(tmp_path, fields, line, message):
    result = check(tmp_path, {"case-studies/acme.md": case_study(**fields), "images/notes.txt": "x"})
    assert [(p.path, p.line, p.message[: len(message)]) for p in result.problems] == [
        ("content/case-studies/acme.md", line, message)
    ], result.problems
    assert str(result.problems[0]).startswith(f"content/case-studies/acme.md:{line}: ")


def test_logo_without_alt_and_a_logo_that_exists(tmp_path):
    result = check(tmp_path, {"case-studies/acme.md": case_study(logo="images/acme.png"), "images/acme.png": PNG})
    assert messages(result) == [
        "content/case-studies/acme.md:7: logo: a logo needs 'logo_alt': text saying what the image shows, for readers who cannot see it",
    ]
    assert (
        check(
            tmp_path / "2",
            {"case-studies/acme.md": case_study(logo="images/acme.png", logo_alt="Acme"), "images/acme.png": PNG},
        ).problems
        == []
    )


def test_every_problem_of_a_file_is_reported_in_line_order(tmp_path):
    text = case_study(date="2026-13-01", services="Suply Chain", summary="Short.")
    result = check(
        tmp_path, {"case-studies/acme.md": text, "case-studies/other.md": case_study(slug="other", clint="x")}
    )
    lines = [(p.path, p.line) for p in result.problems]
    assert lines == sorted(lines)
    assert [p.message.split(":")[0] for p in result.problems] == ["date", "services", "summary", "clint"]


# --- files -------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    result = check(tmp_path, {"articles/empty.md": "  \n\n"})
    assert messages(result) == ["content/articles/empty.md: the file is empty; a page needs at least a 'Title:' line"]


def test_file_without_title(tmp_path):
    result = check(tmp_path, {"pages/notes.md": "Slug: notes\n\nSome text.\n"})
    assert messages(result) == ["content/pages/notes.md:1: title: required field is missing; a page needs: title"]


def test_invalid_utf8(tmp_path):
    result = check(tmp_path, {"pages/latin.md": "Title: Caf\xe9\n\nText.\n".encode("latin-1")})
    assert messages(result) == [
        "content/pages/latin.md: not valid UTF-8 (byte 10: invalid continuation byte); save the file as UTF-8"
    ]


def test_ignored_and_static_files_are_not_read(tmp_path):
    """Ignored files are not read; a Markdown file in a static folder is not read as a page,
    and is not published as it is either: it is no kind of file the site publishes."""
    result = check(tmp_path, {"case-studies/_scratch.md": "", "case-studies/README.md": "", "extra/notes.md": ""})
    assert [(p.path, p.message.split(";")[0]) for p in result.problems] == [
        ("content/extra/notes.md", "not a kind of file the site publishes")
    ]
    assert result.files == ["content/data/figures.toml"]


def test_other_formats_are_not_published_unchecked(tmp_path):
    """Only Markdown is read: an HTML file in a content folder is not published as a page."""
    result = check(
        tmp_path, {"pages/raw.html": "<html><head><title>x</title></head><body><script>alert(1)</script></body></html>"}
    )
    assert result.problems == [] and result.files == ["content/data/figures.toml"]


# --- slugs and output paths ----------------------------------------------------------------


def test_duplicate_slug_is_reported_on_both_files(tmp_path):
    result = check(
        tmp_path, {"case-studies/acme.md": CASE_STUDY, "case-studies/acme-2.md": case_study(title="Acme Again")}
    )
    assert messages(result) == [
        "content/case-studies/acme-2.md:3: slug: duplicate slug 'acme', also used by content/case-studies/acme.md; give each page its own 'Slug:'",
        "content/case-studies/acme.md:3: slug: duplicate slug 'acme', also used by content/case-studies/acme-2.md; give each page its own 'Slug:'",
    ]


# --- translations (Pelican's Lang: and Translation:) ------------------------------------------

SPANISH = {
    "title": "Acme reduce sus tiempos de preparación",
    "lang": "es",
    "summary": "Acme trabajó con el centro para reducir sus tiempos de preparación y liberar capacidad en la planta.",
}


def test_a_post_and_its_translation_pass_the_check(tmp_path):
    result = check(
        tmp_path,
        {
            "case-studies/acme.md": CASE_STUDY,
            "case-studies/acme-es.md": case_study(**SPANISH),
            "pages/about.md": "Title: About\nSlug: about\n\nAbout.\n",
            "pages/about-es.md": "Title: Acerca de\nSlug: about\nLang: es\n\nAcerca de.\n",
        },
    )
    assert result.problems == []


def test_a_translation_whose_original_is_missing_is_reported_with_its_line(tmp_path):
    result = check(
        tmp_path,
        {
            "case-studies/acme-es.md": case_study(**SPANISH),
            "pages/about-es.md": "Title: Acerca de\nSlug: about\nLang: es\n\nAcerca de.\n",
        },
    )
    assert messages(result) == [
        "content/case-studies/acme-es.md:7: lang: a translation into 'es' whose original is missing: nothing in the site's language (en) has "
        "the slug 'acme'; give the original 'Slug: acme', or leave out 'Lang:' if this is the original",
        "content/pages/about-es.md:3: lang: a translation into 'es' whose original is missing: nothing in the site's language (en) has "
        "the slug 'about'; give the original 'Slug: about', or leave out 'Lang:' if this is the original",
    ]


def test_an_original_marked_as_a_translation_is_reported(tmp_path):
    alone = check(tmp_path / "alone", {"case-studies/acme.md": case_study(translation="true")})
    assert messages(alone) == [
        "content/case-studies/acme.md:7: translation: marked as a translation, but it is in the site's language (en), the language of "
        "originals; remove 'Translation: true' (a translation has 'Lang:' another language and its original's slug)"
    ]
    both = check(
        tmp_path / "both",
        {"case-studies/acme.md": case_study(translation="true"), "case-studies/acme-es.md": case_study(**SPANISH)},
    )
    assert messages(both) == [
        "content/case-studies/acme-es.md:7: lang: a translation into 'es' whose original, in the site's language (en), is marked as a "
        "translation too (content/case-studies/acme.md); remove 'Translation: true' from the original"
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"lang": "spanish"}, "lang: 'spanish' is not a language code; expected one such as 'en', 'es' or 'es-PR'"),
        ({"translation": "maybe"}, "translation: unknown translation 'maybe'; expected one of: true, false"),
    ],
)
def test_a_language_or_a_translation_mark_that_is_not_one(tmp_path, fields, message):
    assert messages(check(tmp_path, {"case-studies/acme.md": case_study(**fields)})) == [
        f"content/case-studies/acme.md:7: {message}"
    ]


def test_slug_defaults_to_pelicans_slugify_of_the_title(tmp_path):
    summary = "Summary: " + "x" * 60
    result = check(
        tmp_path,
        {
            "articles/one.md": f"Title: Lean & Mean: Part 1!\nDate: 2026-01-01\n{summary}\n\nText.\n",
            "articles/two.md": f"Title: Lean and mean part 1\nDate: 2026-01-02\nSlug: lean-mean-part-1\n{summary}\n\nText.\n",
        },
    )
    assert [(p.path, p.line) for p in result.problems] == [
        ("content/articles/one.md", 1),
        ("content/articles/two.md", 3),
    ]
    assert "duplicate slug 'lean-mean-part-1'" in result.problems[0].message


def test_duplicate_output_path_between_an_article_and_a_page(tmp_path):
    result = check(
        tmp_path,
        {"case-studies/acme.md": CASE_STUDY, "pages/acme.md": "Title: Acme page\nSave_as: acme/index.html\n\nText.\n"},
    )
    assert messages(result) == [
        "content/case-studies/acme.md:3: output path 'acme/index.html' is also written by content/pages/acme.md; change the slug or 'Save_as:'",
        "content/pages/acme.md:2: output path 'acme/index.html' is also written by content/case-studies/acme.md; change the slug or 'Save_as:'",
    ]


@pytest.mark.parametrize(
    ("slug", "output"),
    [
        ("tags", "tags/index.html"),
        ("posts", "posts/index.html"),
        ("numbers", "numbers/index.html"),
        ("feeds", "feeds/index.html"),
        ("data", "data/index.html"),
        ("drafts", "drafts/index.html"),
        ("theme", "theme/index.html"),
        ("services", "services/index.html"),
        ("archives", "archives/index.html"),
        ("search", "search/index.html"),
        ("pagefind", "pagefind/index.html"),
        ("events", "events/index.html"),
    ],
)
def test_slug_colliding_with_the_sites_own_pages(tmp_path, slug, output):
    result = check(tmp_path, {"pages/p.md": f"Title: A page\nSlug: {slug}\n\nText.\n"})
    assert [(p.path, p.line) for p in result.problems] == [("content/pages/p.md", 2)]
    assert result.problems[0].message.startswith(f"output path '{output}' collides with the site's own ")


def test_save_as_onto_the_home_page_or_outside_the_site(tmp_path):
    result = check(
        tmp_path,
        {
            "pages/home.md": "Title: Home\nSave_as: index.html\n\nText.\n",
            "pages/out.md": "Title: Out\nSave_as: ../../outside.html\n\nText.\n",
        },
    )
    assert messages(result)[0].startswith(
        "content/pages/home.md:2: output path 'index.html' collides with the site's own "
    )
    assert (
        messages(result)[1]
        == "content/pages/out.md:2: save_as: '../../outside.html' is not a path inside the site; expected one such as 'about/index.html'"
    )


def test_a_draft_is_written_under_drafts_and_noted(tmp_path):
    result = check(tmp_path, {"case-studies/acme.md": case_study(status="draft")})
    assert result.problems == []
    assert [str(n) for n in result.notices] == [
        "content/case-studies/acme.md:7: draft: not listed, linked or in feeds, written only at drafts/acme/index.html; delete 'Status: draft' to publish",
    ]


def test_a_draft_that_would_overwrite_a_page_once_published(tmp_path):
    result = check(
        tmp_path,
        {
            "case-studies/acme.md": case_study(status="draft"),
            "pages/acme.md": "Title: Acme page\nSlug: acme\n\nText.\n",
        },
    )
    assert messages(result) == [
        "content/case-studies/acme.md:3: output path 'acme/index.html' once published is also written by content/pages/acme.md; change the slug or 'Save_as:'",
        "content/pages/acme.md:2: output path 'acme/index.html' is also written by content/case-studies/acme.md; change the slug or 'Save_as:'",
    ]


def test_future_post_is_a_notice(tmp_path):
    result = check(tmp_path, {"case-studies/acme.md": case_study(date="2099-09-01")})
    assert result.problems == []
    assert [str(n) for n in result.notices] == [
        "content/case-studies/acme.md:2: dated 2099-09-01, in the future: left out of production until then, shown in dev",
    ]


# --- events ---------------------------------------------------------------------------------------

#: A generated event, and the line of each of its fields in event_text's order.
EVENT = {"title": "Lean Basics Webinar", "start": "2027-01-14 11:00", "end": "2027-01-14 12:00"}
EVENT_LINES = {"title": 1, "summary": 2, "start": 3, "end": 4, "format": 5, "price": 6, "extra": 7}


@pytest.mark.parametrize(
    ("fields", "line", "message"),
    [
        ({"end": "2027-01-14 10:00"}, "end", "end: before the start (2027-01-14 11:00); expected a time after it"),
        (
            {"end": "2027-01-14 11:00"},
            "end",
            "end: the same time as the start (2027-01-14 11:00); expected a time after it",
        ),
        (
            {"registration": "http://example.org/register"},
            "extra",
            "registration: 'http://example.org/register' is not a secure address; expected its https:// address",
        ),
        (
            {"registration": "javascript:alert(1)"},
            "extra",
            "registration: expected an https:// address such as https://example.zoom.us/webinar/register/..., got 'javascript:alert(1)'",
        ),
        (
            {"format": "in person"},
            "format",
            "location: required for an event that is in person: the place's name and street address, such as ",
        ),
        (
            {"format": "webinar"},
            "format",
            "format: unknown format 'webinar'; expected one of: online, in person, hybrid",
        ),
        (
            {"location": "Zoom"},
            "extra",
            "location: 'Zoom' is given for an online event, which is shown as Online with its Registration link",
        ),
        (
            {"start": "2027-03-14 02:30", "end": "2027-03-14 04:00"},
            "start",
            "start: 2027-03-14 02:30 does not exist in America/New_York: the clocks skip that hour",
        ),
        (
            {"start": "2027-11-07 00:30", "end": "2027-11-07 01:30"},
            "end",
            "end: 2027-11-07 01:30 happens twice in America/New_York, as the clocks go back "
            "when daylight saving time ends; add its offset: '2027-11-07 01:30 -04:00'",
        ),
        (
            {"start": "14/01/2027 11am"},
            "start",
            "start: expected a date and time such as 2027-01-14 11:00 (in America/New_York)",
        ),
        ({"start": "2027-01-14 11:00 Mars/Olympus"}, "start", "start: unknown time zone 'Mars/Olympus'"),
        (
            {"price": "$25"},
            "price",
            "price: expected a price in dollars such as 0, 25 or 149.50 (0 is shown as Free; no $ or words), got '$25'",
        ),
        ({"services": "Lean"}, "extra", "services: unknown service 'Lean'"),
    ],
)
def test_event_problems_name_the_file_line_field_and_what_is_expected(tmp_path, fields, line, message):
    result = check(tmp_path, {"events/webinar.md": event_text(**{**EVENT, **fields})})
    assert [(p.path, p.line, p.message[: len(message)]) for p in result.problems] == [
        ("content/events/webinar.md", EVENT_LINES[line], message)
    ], result.problems


def test_an_event_without_an_end_is_refused(tmp_path):
    text = event_text(**EVENT).replace("End: 2027-01-14 12:00\n", "")
    assert messages(check(tmp_path, {"events/webinar.md": text})) == [
        "content/events/webinar.md:1: end: required field is missing; an event needs: title, summary, start, end, format, price"
    ]


def test_events_that_are_fine_and_a_draft_is_noted(tmp_path):
    result = check(
        tmp_path,
        {
            "events/offset.md": event_text("Offset", "2027-01-14 11:00 -06:00", "2027-01-14 12:00 -06:00"),
            "events/chicago.md": event_text(
                "Chicago",
                "2027-01-14 10:00 America/Chicago",
                "2027-01-14 11:30 America/Chicago",
                format="hybrid",
                location="Generated Hall, 12 Test Street, Springfield, IL 62701",
            ),
            "events/online.md": event_text(
                "All Online", "2027-01-14 11:00", "2027-01-14 12:00", registration="https://example.org/r"
            ),
            "events/two-days.md": event_text(
                "Two Days",
                "2027-03-13 09:00",
                "2027-03-14 16:00",
                format="In-Person",
                price="1,200.00",
                location="Generated Center, 1 Example Road, Hartford, CT 06103",
                services="Business Growth",
            ),
            "events/first.md": event_text("First Of Two", "2027-11-07 01:30 -04:00", "2027-11-07 01:15 -05:00"),
            "events/draft.md": event_text("A Draft", "2027-01-20 11:00", "2027-01-20 12:00", status="draft"),
            "pages/about.md": "Title: About\nSlug: about\n\nSee [the webinar]({filename}/events/online.md), [every event](/events/) "
            "and [the calendar](/feeds/events.ics), or [add it](/events/all-online.ics).\n",
        },
    )
    assert result.problems == [], result.problems
    assert [str(n) for n in result.notices] == [
        "content/events/draft.md:7: draft: not listed, linked or in feeds, written only at drafts/events/a-draft/index.html; delete 'Status: draft' to publish"
    ]


def test_an_event_and_a_page_at_one_address_and_a_page_among_the_events(tmp_path):
    result = check(
        tmp_path,
        {
            "events/webinar.md": event_text(**EVENT, slug="webinar"),
            "pages/webinar.md": "Title: Webinar\nSave_as: events/webinar/index.html\n\nText.\n",
        },
    )
    assert messages(result) == [
        "content/events/webinar.md:7: output path 'events/webinar/index.html' is also written by content/pages/webinar.md; change the slug or 'Save_as:'",
        "content/pages/webinar.md:2: output path 'events/webinar/index.html' collides with the site's own 'events/'; choose another slug",
        "content/pages/webinar.md:2: output path 'events/webinar/index.html' is also written by content/events/webinar.md; change the slug or 'Save_as:'",
    ]


# --- the body, as the reader's browser gets it ----------------------------------------------
# (line within the body, message start): each hostile body is refused with its line.
HOSTILE = {
    "script element": ("<script>alert(1)</script>", 0, "raw HTML: <script> is not allowed in content"),
    "script upper case": ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", 0, "raw HTML: <script> is not allowed"),
    "script in a paragraph": ("Text <script>alert(1)</script> more.", 0, "raw HTML: <script> is not allowed"),
    "iframe": ('<iframe src="https://example.org"></iframe>', 0, "raw HTML: <iframe> is not allowed"),
    "object": ('<object data="x.swf"></object>', 0, "raw HTML: <object> is not allowed"),
    "embed": ('<embed src="x.swf">', 0, "raw HTML: <embed> is not allowed"),
    "form": ('<form action="https://example.org"><button>Go</button></form>', 0, "raw HTML: <form> is not allowed"),
    "style element": ("<style>body{display:none}</style>", 0, "raw HTML: <style> is not allowed"),
    "base": ('<base href="https://evil.example/">', 0, "raw HTML: <base> is not allowed"),
    "meta refresh": (
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        0,
        "raw HTML: <meta> is not allowed",
    ),
    "inline svg": ('<svg><a xlink:href="https://example.org">x</a></svg>', 0, "raw HTML: <svg> is not allowed"),
    "event handler": ('<p onclick="x()">Hi</p>', 0, "raw HTML: event handler 'onclick=' on <p> is not allowed"),
    "event handler, mixed case, second line": (
        '<button type="button"\n  onMouseOver="go()">Go</button>',
        1,
        "raw HTML: event handler 'onmouseover=' on <button>",
    ),
    "image onerror": ("<img src=x alt=x onerror=alert(1)>", 0, "raw HTML: event handler 'onerror=' on <img>"),
    "style attribute": (
        '<p style="background:url(x)">Hi</p>',
        0,
        "raw HTML: a 'style' attribute on <p> is not allowed",
    ),
    "javascript link": ("[Click](javascript:alert(1))", 0, "a 'javascript:' URL is not allowed in content"),
    "javascript upper case": ("[Click](JAVASCRIPT:alert(1))", 0, "a 'javascript:' URL is not allowed"),
    "javascript, character reference": (
        '<a href="javascript&colon;alert(1)">x</a>',
        0,
        "a 'javascript:' URL is not allowed",
    ),
    "javascript, numeric references": (
        '<a href="&#106;&#97;vascript:alert(1)">x</a>',
        0,
        "a 'javascript:' URL is not allowed",
    ),
    "javascript, tab inside the scheme": (
        '<a href="java&#x09;script:alert(1)">x</a>',
        0,
        "a 'javascript:' URL is not allowed",
    ),
    "javascript, leading spaces and newline": (
        '<a href=" \njavascript:alert(1)">x</a>',
        1,
        "a 'javascript:' URL is not allowed",
    ),
    "javascript, reference-style link": (
        "[Click][go]\n\n[go]: javascript:alert(1)",
        2,
        "a 'javascript:' URL is not allowed",
    ),
    "javascript, image": ("![x](javascript:alert(1))", 0, "a 'javascript:' URL is not allowed"),
    "data URL link": ("[x](data:text/html;base64,PHNjcmlwdD4=)", 0, "a 'data:' URL is not allowed"),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', 0, "a 'vbscript:' URL is not allowed"),
    "srcset": ('<img alt="x" src="/" srcset="/ 1x, javascript:alert(1) 2x">', 0, "a 'javascript:' URL is not allowed"),
    "formaction": (
        '<a href="/">x</a>\n\n<div><area href="javascript:1" alt="x"></div>',
        2,
        "a 'javascript:' URL is not allowed",
    ),
    "missing alt": (
        '<img src="https://example.org/x.png">',
        0,
        "image 'https://example.org/x.png': alt text is missing",
    ),
    "empty alt": ("![  ](https://example.org/x.png)", 0, "image 'https://example.org/x.png': alt text is empty"),
    "broken filename link": (
        "[x]({filename}/pages/none.md)",
        0,
        "link '{filename}/pages/none.md': file '/pages/none.md' not found",
    ),
    "broken relative filename link": (
        "[x](|filename|../pages/nope.md)",
        0,
        "link '|filename|../pages/nope.md': file '../pages/nope.md' not found (looked in content/case-studies/)",
    ),
    "broken static image": (
        "![A lathe]({static}/images/lathe.jpg)",
        0,
        "image '/images/lathe.jpg': nothing on the site at '/images/lathe.jpg'",
    ),
    "broken path link": ("[x](/no/such/page/)", 0, "link '/no/such/page/': nothing on the site at '/no/such/page'"),
    "broken relative image": (
        '<img alt="A drill" src="../images/drill.jpg">',
        0,
        "image '../images/drill.jpg': nothing on the site at '/images/drill.jpg'",
    ),
    "image from another site": (
        "![A lathe](https://example.org/lathe.jpg)",
        0,
        "image 'https://example.org/lathe.jpg': images from other sites are blocked",
    ),
    "unknown figure key": ("We made [[figure: nope]] jobs.", 0, "[[figure: nope]]: unknown figure key 'nope'"),
    "callout in a sentence": (
        f"A sentence with [[callout: {FIGURE}]] in it.",
        0,
        f"[[callout: {FIGURE}]]: a callout must be a paragraph of its own",
    ),
    "misspelt directive": (f"Misspelt [[figur: {FIGURE}]].", 0, "[[figur: " + FIGURE + "]]: unknown directive 'figur'"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=HOSTILE)
def test_hostile_bodies_are_refused_with_their_line(tmp_path, case):
    body, offset, message = HOSTILE[case]
    text = CASE_STUDY.replace("Acme did well.", "Intro line.\n\n" + body)
    result = check(tmp_path, {"case-studies/acme.md": text})
    lines = [(p.line, p.message[: len(message)]) for p in result.problems]
    assert (BODY + 2 + offset, message) in lines, result.problems
    assert all(p.path == "content/case-studies/acme.md" for p in result.problems)


#: Front matter shown as text, and bodies that must build: text stays text on every page.
LEGITIMATE = {
    "code samples": 'Show `<script>alert(1)</script>` and `onclick=` and javascript: as text.\n\n    <script>in an indented code block</script>\n    <a href="javascript:alert(1)">x</a>\n\n```\n<iframe src="x"></iframe> [[figur: nothing]]\n```\n',
    "links": "[mail](mailto:info@example.org), [call](tel:+18605133200), [text](sms:+18605133200), [web](https://example.org/a?b=1&c=2), [part](#results), [home](/), [contact]({filename}/pages/contact.md), [feed](/feeds/all.atom.xml), [search](/search/?q=lean), [sitemap](/sitemap.xml), <info@example.org>.",
    "html that is fine": '<details><summary>More</summary><p>Details, <abbr title="Computer numerical control">CNC</abbr>.</p></details>\n\n<table><tr><th>A</th></tr><tr><td>1</td></tr></table>',
}


def test_legitimate_input_builds_and_text_stays_text(tmp_path):
    """CRLF line endings, a byte-order mark, titles with &, quotes, accents and emoji, and
    code that mentions <script>: all build, and every title and client is text."""
    title = 'Setup <10 min: "Fast" & Präzise 🚀 </title><img src=x onerror=alert(1)>'
    files = {
        "pages/contact.md": "Title: Contact\nSlug: contact\n\nCall us.\n",
        "case-studies/crlf.md": case_study(
            slug="crlf", title=title, client="<b onmouseover=alert(1)>Acme & Sons</b>"
        ).replace("\n", "\r\n"),
        "case-studies/bom.md": "\ufeff"
        + case_study(
            slug="bom",
            title="Ångström's “Bright” Idea",
            summary="<script>alert(1)</script> — a summary of more than fifty characters, as text.",
        ),
        **{
            f"articles/{i}.md": f"Title: Article {i}\nDate: 2026-01-0{i}\nSummary: {'x' * 60}\n\n{body}\n"
            for i, body in enumerate(LEGITIMATE.values(), 1)
        },
        "articles/draft.md": f"Title: A draft\nDate: 2026-01-09\nStatus: draft\nSummary: {'x' * 60}\n\nSee [contact](../contact/).\n",
    }
    conf = make_site(tmp_path, files)
    checked = run_check(conf, root=tmp_path)
    assert checked.problems == [], checked.problems
    from support import run_pelican

    result = run_pelican(
        make_site(tmp_path, files, base="publishconf"), tmp_path / "output", content=tmp_path / "content"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for path in sorted((tmp_path / "output").rglob("*")):
        if path.is_file():  # pages, Atom and RSS feeds, the JSON Feed, the sitemap, ...
            raw = path.read_text(encoding="utf-8", errors="ignore")
            assert "<script>alert" not in raw and "<img src=x" not in raw and "<b onmouseover" not in raw, path
    for page in sorted((tmp_path / "output").rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        inside = [tag.name for tag in soup.select("main .post *, main .page *, main .prose *, .card *, .breadcrumbs *")]
        assert "script" not in inside and "img" not in inside and "b" not in inside, page
        assert not [tag for tag in soup.find_all(True) if any(name.startswith("on") for name in tag.attrs)], page
    post = BeautifulSoup((tmp_path / "output" / "crlf" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert post.h1.get_text().replace("\xa0", " ") == title.replace('"Fast"', "“Fast”")
    assert post.title.get_text().startswith("Setup <10 min")
    bom = BeautifulSoup((tmp_path / "output" / "bom" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert bom.select_one(".post__lead").get_text().startswith("<script>alert(1)</script>")
    code = BeautifulSoup((tmp_path / "output" / "article-1" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "<script>in an indented code block</script>" in code.select_one("pre code").get_text()


# --- figures, settings, data files ----------------------------------------------------------------


def test_registry_problems_stop_the_check_with_the_file_and_line(tmp_path):
    registry = REGISTRY.replace('unit = "jobs"', 'unit = "jobz"', 1)
    result = check(tmp_path, {"case-studies/acme.md": CASE_STUDY}, registry=registry)
    assert [p.path for p in result.problems] == ["content/data/figures.toml"]
    assert "'unit': unknown unit 'jobz'" in result.problems[0].message and result.problems[0].line


def test_missing_registry(tmp_path):
    conf = make_site(tmp_path, {"pages/p.md": "Title: P\n\nText.\n"})
    (tmp_path / "content" / "data" / "figures.toml").unlink()
    assert messages(run_check(conf, root=tmp_path)) == [
        "content/data/figures.toml: figures registry not found (set FIGURES_FILE in pelicanconf.py)"
    ]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("RECENT_POSTS_COUNT = 'ten'", "RECENT_POSTS_COUNT: expected a whole number of at least 1, got 'ten'"),
        ("SERVICE_LINES = {'Lean': 3}", "SERVICE_LINES: 'Lean': expected text, got 3"),
        ("BANNER = {'text': 'Hi', 'ends': 'soon'}", "BANNER: 'ends': expected a date as YYYY-MM-DD, got 'soon'"),
        (
            "BANNER = {'text': 'Hi', 'ends': '2026-01-01', 'link': 'javascript:alert(1)'}",
            "BANNER: 'link': expected a path on this site",
        ),
        ("HEADERS_HOST = 'vercel'", "HEADERS_HOST: unknown value 'vercel'; expected one of: netlify, cloudflare-pages"),
        ("CENTER = {'name': 'X'}", "CENTER: 'state': required"),
        ("JSON_FEED_SAVE_AS = '../../x.json'", "JSON_FEED_SAVE_AS: expected a path inside the output folder"),
    ],
)
def test_settings_problems_name_the_file_and_line(tmp_path, setting, message):
    conf = make_site(tmp_path, {"pages/p.md": "Title: P\n\nText.\n"})
    conf.write_text(conf.read_text() + setting + "\n")
    line = len(conf.read_text().splitlines())
    found = messages(run_check(conf, root=tmp_path))
    assert len(found) == 1 and found[0].startswith(f"conf.py:{line}: {message}"), found


# --- through `invoke check` and the production build, as a writer runs them ----------------------


def test_hostile_input_fails_check_and_build_and_keeps_the_last_good_site(tmp_path):
    """Every hostile case at once, plus broken settings and data files one after the other:
    `invoke check` and `invoke preview` name each problem, exit non-zero, print no
    traceback, and output/ stays byte for byte as the last good build left it."""
    project = copy_project(tmp_path / "site")
    assert invoke(project, "preview").returncode == 0
    before = tree_digest(project / "output")
    for name, (body, _, _) in HOSTILE.items():
        slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower())
        (project / "content" / "case-studies" / f"{slug}.md").write_text(
            case_study(slug=slug, title=name).replace("Acme did well.", body), encoding="utf-8"
        )
    events = project / "content" / "events"
    events.mkdir(exist_ok=True)
    (events / "backwards.md").write_text(
        event_text(**{**EVENT, "end": "2027-01-14 10:00"}, slug="backwards"), encoding="utf-8"
    )
    (events / "insecure.md").write_text(
        event_text(**EVENT, slug="insecure", registration="http://example.org/register"), encoding="utf-8"
    )
    (events / "nowhere.md").write_text(event_text(**EVENT, format="in person", slug="nowhere"), encoding="utf-8")
    (events / "no-end.md").write_text(
        event_text(**EVENT, slug="no-end").replace("End: 2027-01-14 12:00\n", ""), encoding="utf-8"
    )
    reported = {}
    for task in ("check", "preview"):
        result = invoke(project, task)
        log = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in log, log
        for name, (_, _, message) in HOSTILE.items():
            assert message.split(":")[0].split("'")[0] in log, (task, name)
        assert tree_digest(project / "output") == before
        reported[task] = sorted(line for line in log.splitlines() if line.startswith("content/events/"))
    assert (
        reported["check"]
        == reported["preview"]
        == [
            "content/events/backwards.md:4: end: before the start (2027-01-14 11:00); expected a time after it",
            "content/events/insecure.md:8: registration: 'http://example.org/register' is not a secure address; expected its https:// address",
            "content/events/no-end.md:1: end: required field is missing; an event needs: title, summary, start, end, format, price",
            "content/events/nowhere.md:5: location: required for an event that is in person: the place's name and street address, such as "
            "'Training Center, 100 Main Street, Suite 2, Springfield, IL 62701'",
        ]
    ), "the same lines from the check and the build"

    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURE / "content", project / "content")
    breakages = {
        "content/data/figures.toml": lambda text: text + "\n[figures.broken\n",
        "pelicanconf.py": lambda text: text + "\nBANNER = {'text': 'Webinar', 'ends': 'next week'}\n",
    }
    for relative, breaks in breakages.items():
        path = project / relative
        good = path.read_text(encoding="utf-8")
        path.write_text(breaks(good), encoding="utf-8")
        for task in ("check", "preview"):
            result = invoke(project, task)
            log = result.stdout + result.stderr
            assert result.returncode != 0 and "Traceback" not in log, log
            assert f"{relative}:" in log, log
            assert tree_digest(project / "output") == before
        path.write_text(good, encoding="utf-8")


def test_invoke_check_passes_on_the_shipped_site(project):
    result = invoke(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    files = len(list((project / "content").glob("*/*.md"))) + 1
    assert result.stdout.strip().splitlines()[-1] == f"checked {files} files: no problems"


def test_invoke_check_fails_with_compiler_style_lines_and_annotations(project):
    (project / "content/case-studies/bravo.md").write_text(
        (project / "content/case-studies/bravo.md")
        .read_text()
        .replace("Services: Workforce Development", "Services: Suply Chain")
    )
    (project / "content/pages/bad.md").write_text('Title: Bad\nSlug: bad\n\n<p onclick="x()">50% off</p>\n')
    result = invoke(project, "check", github=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    services = "services: unknown service 'Suply Chain' (did you mean 'Supply Chain Management'?); expected one of: Supply Chain Management, Technology Adoption"
    assert any(line.startswith(f"content/case-studies/bravo.md:5: {services}") for line in lines), result.stdout
    assert any(line.startswith(f"::error file=content/case-studies/bravo.md,line=5::{services}") for line in lines), (
        result.stdout
    )
    assert (
        "content/pages/bad.md:4: raw HTML: event handler 'onclick=' on <p> is not allowed in content (scripts belong in the theme)"
        in lines
    )
    assert (
        "::error file=content/pages/bad.md,line=4::raw HTML: event handler 'onclick=' on <p> is not allowed in content (scripts belong in the theme)"
        in lines
    )
    assert lines[-1] == f"checked {len(list((project / 'content').glob('*/*.md'))) + 1} files: 2 problems in 2 files"

    plain = invoke(project, "check")
    assert plain.returncode == 1
    assert not any(line.startswith("::") for line in plain.stdout.splitlines())


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("case-study", "Acme Tool & Die, Inc.", "content/case-studies/acme-tool-die-inc.md"),
        ("article", "Why Lean Matters", "content/articles/why-lean-matters.md"),
        ("page", "Privacy Policy", "content/pages/privacy-policy.md"),
        ("event", "Lean Basics Webinar", "content/events/lean-basics-webinar.md"),
    ],
)
def test_invoke_new_writes_a_draft_that_passes_the_check(project, kind, name, expected):
    before = run_check(project / "pelicanconf.py", root=project).notices  # the fixture's own draft and future post
    result = invoke(project, "new", "--kind", kind, name)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
    text = (project / expected).read_text()
    assert "\nStatus: draft\n" in text
    assert f"Slug: {Path(expected).stem}\n" in text
    settings = read_settings(str(project / "pelicanconf.py"))
    checked = run_check(project / "pelicanconf.py", root=project)
    assert checked.problems == []
    assert [(n.path, n.message.split(":")[0]) for n in checked.notices if n not in before] == [(expected, "draft")]
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
    result = invoke(project, "new", "--kind", "page", "Bravo")  # case-studies/bravo.md has slug 'bravo'
    assert result.returncode != 0
    assert "content/pages/bravo.md was not created" in result.stderr
    assert (
        "content/pages/bravo.md:2: output path 'bravo/index.html' once published is also written by content/case-studies/bravo.md"
        in result.stderr
    )
    assert not (project / "content/pages/bravo.md").exists()


def test_invoke_new_refuses_an_unknown_kind(project):
    result = invoke(project, "new", "--kind", "blog", "X")
    assert result.returncode != 0
    assert "unknown kind 'blog'; expected one of: case-study, article, page" in result.stderr


def test_invoke_new_help_prints_the_help_and_writes_nothing(project):
    before = sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*"))
    for flag in ("--help", "-h"):
        result = invoke(project, "new", flag)
        assert result.returncode == 0, result.stderr
        assert "Usage:" in result.stdout and "--kind" in result.stdout
    result = invoke(project, "new", "--title")
    assert (
        result.returncode == 2 and "expected the client's name or the title, got the option '--title'" in result.stderr
    )
    assert sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*")) == before


def test_an_explainer_with_a_problem_of_its_own_is_reported_once(tmp_path):
    conf = make_site(
        tmp_path,
        {
            "articles/mep.md": "Title: MEP\nDate: 2026-01-02\nSummary: "
            + "How the MEP works, for a manufacturer who has never heard of it."
            + "\n\n[[callout: no-such-figure]]\n"
        },
    )
    conf.write_text(conf.read_text() + 'EXPLAINER = "articles/mep.md"\n')
    result = run_check(conf, root=tmp_path)
    assert [(p.path, p.message.split(":")[0]) for p in result.problems] == [("content/articles/mep.md", "[[callout")]
    (tmp_path / "content" / "articles" / "mep.md").unlink()
    assert [p.message.split(";")[0] for p in run_check(conf, root=tmp_path).problems] == [
        "EXPLAINER: no published post or page at content/articles/mep.md"
    ]
