"""Aliases in real builds: _redirects, redirect pages, and bad aliases failing the build."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mep_kit.outputs.redirects import HEADER
from support import (
    FIXTURE,
    PRODUCTION_URL,
    front_matter,
    run_pelican,
    tree_digest,
)

BRAVO = FIXTURE / "content" / "case-studies" / "bravo.md"


SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def bravo_aliases() -> list[str]:
    meta, _ = front_matter(BRAVO)
    aliases = [a.strip() for a in meta["aliases"].split(",")]
    assert aliases, "the fixture's bravo.md has aliases"
    return aliases


def page_at(output: Path, alias: str) -> Path:
    path = output / alias.lstrip("/")
    return path / "index.html" if alias.endswith("/") else path


def copy_fixture(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    return content


def add_field(path: Path, line: str) -> None:
    """Put a front-matter line right after the file's Slug: line."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\nSlug:", 1)
    slug_line, body = rest.split("\n", 1)
    path.write_text(f"{head}\nSlug:{slug_line}\n{line}\n{body}", encoding="utf-8")


def flat(result) -> str:
    """The build's log with the console's line wrapping undone."""
    return " ".join((result.stdout + result.stderr).split())


def test_redirects_file_has_a_line_per_alias(fixture_prod):
    lines = (fixture_prod.output / "_redirects").read_text().splitlines()
    assert lines[0].startswith("#")
    rules = [line.split() for line in lines[1:]]
    assert rules == sorted(rules)
    for alias in bravo_aliases():
        assert ["/" + alias.lstrip("/"), "/bravo/", "301"] in rules
    assert len(rules) == len(bravo_aliases())


def test_redirect_page_sends_readers_and_crawlers_to_the_new_address(fixture_prod):
    target = f"{PRODUCTION_URL}/bravo/"
    assert fixture_prod.path("bravo/").is_file()
    for alias in bravo_aliases():
        page = page_at(fixture_prod.output, alias)
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert html.startswith("<!DOCTYPE html>") and soup.html["lang"] == "en"
        assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
        assert soup.find("link", rel="canonical")["href"] == target
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert "Bravo Plastics Trains Supervisors" in soup.title.get_text().replace("\xa0", " "), (
            "typogrify may tie the last words"
        )
        assert [a["href"] for a in soup.body.find_all("a")] == [target], "a link for when the refresh does not move"
        assert soup.find("script") is None and soup.find(style=True) is None and soup.find("style") is None


def test_redirect_pages_are_not_in_the_sitemap(fixture_prod):
    root = ET.parse(fixture_prod.output / "sitemap.xml").getroot()
    locs = {u.findtext(f"{SM}loc") for u in root.findall(f"{SM}url")}
    assert f"{PRODUCTION_URL}/bravo/" in locs
    for alias in bravo_aliases():
        assert f"{PRODUCTION_URL}/{alias.lstrip('/')}" not in locs


def test_development_redirects_are_site_relative(fixture_dev):
    for alias in bravo_aliases():
        soup = BeautifulSoup(page_at(fixture_dev.output, alias).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/bravo/"
    assert "/bravo/  301" in (fixture_dev.output / "_redirects").read_text()


def test_a_site_without_aliases_writes_only_the_header(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    for path in content.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "\nAliases: " in text:
            path.unlink()
            path.write_text(
                "".join(line for line in text.splitlines(keepends=True) if not line.startswith("Aliases: ")),
                encoding="utf-8",
            )
    output = tmp_path / "output"
    assert run_pelican(FIXTURE / "publishconf.py", output, content=content).returncode == 0
    assert (output / "_redirects").read_text() == HEADER


def test_aliases_of_drafts_and_hidden_posts_are_ignored_and_pages_may_have_some(tmp_path):
    content = copy_fixture(tmp_path)
    add_field(content / "case-studies" / "delta-draft.md", "Aliases: old-delta/")
    add_field(content / "case-studies" / "echo-hidden.md", "Aliases: old-echo/, bravo-plastics-supervisors/")
    add_field(content / "pages" / "about.md", "Aliases: who-we-are/, about-us.html")
    output = tmp_path / "output"
    result = run_pelican(FIXTURE / "pelicanconf.py", output, content=content)
    assert result.returncode == 0, flat(result)
    assert (output / "drafts" / "delta-draft" / "index.html").is_file() and (
        output / "echo-hidden" / "index.html"
    ).is_file()
    assert not (output / "old-delta").exists() and not (output / "old-echo").exists()
    rules = (output / "_redirects").read_text()
    assert "old-delta" not in rules and "old-echo" not in rules
    assert "/who-we-are/  /about/  301" in rules and "/about-us.html  /about/  301" in rules
    refresh = BeautifulSoup((output / "about-us.html").read_text(), "html.parser").find(
        "meta", attrs={"http-equiv": "refresh"}
    )
    assert refresh["content"] == "0; url=/about/"
    assert (output / "who-we-are" / "index.html").is_file()


BAD_ALIASES = {
    # alias on charlie.md -> what the message must say besides the file and 'aliases'
    "another post's alias": (
        "bravo-plastics-supervisors/",
        ["is also an alias in", "bravo.md", "expected each old address to redirect to one page"],
    ),
    "a page's address": ("about/", ["pages/about.md", "expected an old address no page uses"]),
    "a list page's address": (
        "/services/",
        ["the site's own page 'services/'", "expected an old address no page uses"],
    ),
    "a full URL": ("https://old.example.org/charlie/", ["is a full URL", "expected a path on this site"]),
    "a path out of the site": ("../../etc/charlie/", ["contains '..'", "expected a path from the site's root"]),
    "its own address": ("/charlie/", ["this page's own address", "expected an old address it used to have"]),
}


@pytest.mark.parametrize("case", BAD_ALIASES)
def test_bad_alias_fails_the_build_and_writes_nothing(tmp_path, case):
    alias, fragments = BAD_ALIASES[case]
    content = copy_fixture(tmp_path)
    output = tmp_path / "output"
    assert run_pelican(FIXTURE / "pelicanconf.py", output, content=content).returncode == 0
    before = tree_digest(output)
    charlie = content / "case-studies" / "charlie.md"
    add_field(charlie, f"Aliases: {alias}")
    line = front_matter(charlie)[1]["aliases"]
    result = run_pelican(FIXTURE / "pelicanconf.py", output, content=content)
    log = flat(result)
    assert result.returncode != 0
    assert f"case-studies/charlie.md:{line}: aliases: '{alias}'" in log, log
    for fragment in fragments:
        assert fragment in log, (fragment, log)
    assert tree_digest(output) == before, "the failed build changed nothing in the output"


def test_a_collision_names_both_files(tmp_path):
    content = copy_fixture(tmp_path)
    add_field(content / "case-studies" / "charlie.md", "Aliases: /2019/01/bravo-old.html")
    output = tmp_path / "output"
    result = run_pelican(FIXTURE / "publishconf.py", output, content=content)
    log = flat(result)
    assert result.returncode != 0
    for name, other in (("bravo", "charlie"), ("charlie", "bravo")):
        path = content / "case-studies" / f"{name}.md"
        line = front_matter(path)[1]["aliases"]
        assert f"case-studies/{name}.md:{line}: aliases: '/2019/01/bravo-old.html' is also an alias in " in log, log
        assert (
            f"is also an alias in {content / 'case-studies' / other}.md" in log
            or f"case-studies/{other}.md; expected" in log
        ), log
    assert not output.exists() or not list(output.rglob("*.html")), "nothing written"


def test_a_page_no_check_foresaw_still_is_never_overwritten(tmp_path):
    # Yearly archives are not among the pages the check works out in advance; the alias
    # is caught when the build ends, before a redirect page replaces the archive.
    content = copy_fixture(tmp_path)
    add_field(content / "case-studies" / "charlie.md", "Aliases: 2026/")
    output = tmp_path / "output"
    result = run_pelican(
        FIXTURE / "pelicanconf.py",
        output,
        "-e",
        'YEAR_ARCHIVE_SAVE_AS="{date:%Y}/index.html"',
        'YEAR_ARCHIVE_URL="{date:%Y}/"',
        content=content,
    )
    log = flat(result)
    assert result.returncode != 0
    assert "case-studies/charlie.md:4: aliases:" in log and "2026/index.html" in log, log
    archive = BeautifulSoup((output / "2026" / "index.html").read_text(), "html.parser")
    assert archive.find("meta", attrs={"http-equiv": "refresh"}) is None, "the archive is still the archive"
