"""sitemap.xml and robots.txt in real builds: exactly the public pages, dated by their content."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from support import (
    FIXTURE,
    PRODUCTION_URL,
    build,
    front_matter,
    run_pelican,
)

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


OWN_LIST = re.compile(r"^(posts/(page/\d+/)?|services/[^/]+/(page/\d+/)?|tags/[^/]+/(page/\d+/)?)$")


def sitemap_of(site) -> dict[str, str | None]:
    """loc -> lastmod (None when left out) of the site's sitemap.xml; locs must be unique."""
    root = ET.parse(site.output / "sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    urls = root.findall(f"{SM}url")
    locs = [u.findtext(f"{SM}loc") for u in urls]
    assert len(locs) == len(set(locs)), "every URL once"
    assert locs == sorted(locs), "sorted, so builds match byte for byte"
    return {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in urls}


def content_files(content: Path) -> list[dict]:
    """Front matter of every Markdown file under ``content``, with its output file and date."""
    found = []
    for path in sorted(content.rglob("*.md")):
        meta, _ = front_matter(path)
        changed = (meta.get("modified") or meta.get("date") or "").strip()[:10] or None
        lang = meta.get("lang", "").strip()  # a translation (the fixture site's language is English): {lang}/{slug}/
        output = (
            meta["save_as"].strip()
            if meta.get("save_as")
            else f"{lang + '/' if lang else ''}{meta['slug'].strip()}/index.html"
        )
        status = meta.get("status", "").strip() or "published"
        found.append({"output": output, "status": status, "changed": changed, "post": "date" in meta})
    return found


def clean_url(relative: str) -> str:
    return relative[: -len("index.html")] if relative == "index.html" or relative.endswith("/index.html") else relative


def is_redirect(page: Path) -> bool:
    return (
        BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("meta", attrs={"http-equiv": "refresh"})
        is not None
    )


def expected_pages(site, content: Path) -> set[str]:
    """Every HTML file in the output but the 404 page, redirect pages, drafts and hidden
    content, as absolute clean URLs: what the sitemap must list, found by walking the output."""
    unpublished = {doc["output"] for doc in content_files(content) if doc["status"] != "published"}
    expected = set()
    for page in site.html_files():
        relative = page.relative_to(site.output).as_posix()
        if relative == "404.html" or relative.startswith("drafts/") or relative in unpublished or is_redirect(page):
            continue
        expected.add(f"{PRODUCTION_URL}/{clean_url(relative)}")
    return expected


def test_sitemap_lists_exactly_the_public_pages(fixture_prod):
    site, content = fixture_prod, FIXTURE / "content"
    listed = sitemap_of(site)
    assert set(listed) == expected_pages(site, content)
    assert all(loc.startswith(f"{PRODUCTION_URL}/") for loc in listed)
    assert f"{PRODUCTION_URL}/" in listed and f"{PRODUCTION_URL}/posts/" in listed
    assert not any("404" in loc or "/drafts/" in loc for loc in listed)


def test_lastmod_comes_from_the_content_dates(fixture_prod):
    site, content = fixture_prod, FIXTURE / "content"
    docs = content_files(content)
    by_url = {f"{PRODUCTION_URL}/{clean_url(d['output'])}": d for d in docs if d["status"] == "published"}
    posts = {url: d["changed"] for url, d in by_url.items() if d["post"] and url in sitemap_of(site)}
    newest_post = max(posts.values())
    listed = sitemap_of(site)
    assert all(W3C_DATE.match(lastmod) for lastmod in listed.values() if lastmod is not None)
    assert {lastmod for lastmod in listed.values() if lastmod} <= {d["changed"] for d in docs}, (
        "only content dates, never the build's"
    )
    for loc, lastmod in listed.items():
        relative = loc.removeprefix(f"{PRODUCTION_URL}/")
        if loc in by_url:  # a post or page: Modified, else Date, else none
            assert lastmod == by_url[loc]["changed"], loc
        elif relative == "numbers/":
            assert lastmod is None, "the numbers page has no content date"
        elif relative == "events/":
            assert lastmod is None, "events have no Date, and none here has a Modified"
        elif OWN_LIST.match(relative):  # newest of the posts this page lists
            main = site.soup(relative).select_one("main")
            shown = {urljoin(loc, a["href"]) for a in main.find_all("a", href=True)} & set(posts)
            assert lastmod == (max(posts[url] for url in shown) if shown else None), loc
        else:  # home, archives, services/, tags/, ...: lists of every post
            assert lastmod == newest_post, loc


def test_lastmod_of_the_fixture(fixture_prod):
    # Read off the fixture's front matter: alpha 2026-01-10, bravo/charlie 2026-01-05, news
    # 2025-12-01, history (a page) modified 2025-11-20, about no date; future is left out.
    listed = sitemap_of(fixture_prod)
    url = f"{PRODUCTION_URL}/"
    assert listed[f"{url}alpha/"] == "2026-01-10" and listed[f"{url}news/"] == "2025-12-01"
    assert listed[f"{url}history/"] == "2025-11-20" and listed[f"{url}about/"] is None
    assert listed[f"{url}services/workforce-development/"] == "2026-01-05"
    assert listed[f"{url}services/cybersecurity-compliance/"] is None, "a list of no posts has no date"
    assert listed[url] == "2026-01-10" and f"{url}future/" not in listed and f"{url}echo-hidden/" not in listed


def test_robots_txt_points_to_the_sitemap(fixture_prod):
    for site in (fixture_prod,):
        lines = (site.output / "robots.txt").read_text().splitlines()
        assert "User-agent: *" in lines and "Allow: /" in lines
        assert f"Sitemap: {PRODUCTION_URL}/sitemap.xml" in lines


def test_development_builds_write_no_sitemap(fixture_dev):
    for site in (fixture_dev,):
        assert not (site.output / "sitemap.xml").exists() and not (site.output / "robots.txt").exists()


def test_two_production_builds_write_the_same_sitemap(fixture_prod, tmp_path):
    again = build(FIXTURE / "publishconf.py", tmp_path / "output", content=FIXTURE / "content")
    assert (again.output / "sitemap.xml").read_bytes() == (fixture_prod.output / "sitemap.xml").read_bytes()
    assert (again.output / "robots.txt").read_bytes() == (fixture_prod.output / "robots.txt").read_bytes()


def test_drafts_are_left_out_even_when_written(tmp_path):
    # The development settings with an absolute SITEURL: drafts are written under drafts/,
    # future posts are shown, and the sitemap has the one but not the other.
    result = run_pelican(
        FIXTURE / "pelicanconf.py",
        tmp_path / "output",
        "-e",
        f'SITEURL="{PRODUCTION_URL}"',
        content=FIXTURE / "content",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "output" / "drafts" / "delta-draft" / "index.html").is_file()
    listed = sitemap_of(SimpleNamespace(output=tmp_path / "output"))
    assert f"{PRODUCTION_URL}/future/" in listed
    assert not [loc for loc in listed if "draft" in loc or "echo-hidden" in loc]


def test_a_static_file_in_the_sitemaps_place_fails_the_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    (content / "images" / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    result = run_pelican(
        FIXTURE / "publishconf.py",
        tmp_path / "output",
        "-e",
        'EXTRA_PATH_METADATA={"images/robots.txt": {"path": "robots.txt"}}',
        content=content,
    )
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "images/robots.txt" in log and "ROBOTS_SAVE_AS" in log, log
