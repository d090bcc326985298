"""Builds on every core and their caches, on a generated site large enough for the build to
read in several processes (mep_kit.content.readahead) and make share cards in several: a cold build, a
warm one and a one-process one write the same bytes, and a change to the theme or the
figures registry is never served from the cache."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw

from support import FIXTURE, PRODUCTION_URL, ROOT, Site, broken_links, invoke, tree_digest

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
import bench

POSTS = 80


def site_files(output):
    """Every file of a built site but the search index (Pagefind 1.5.2's filter files
    differ from run to run, whatever the site)."""
    return {name: digest for name, digest in tree_digest(output).items() if not name.startswith("pagefind/")}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with POSTS generated case studies, built cold with
    `invoke preview`; the cold site is kept beside it."""
    kit = bench.Workspace.create(tmp_path_factory.mktemp("caches") / "work", POSTS, project=FIXTURE).kit
    # A generated photo in a third of the posts: their <picture> variants must be written
    # whichever process writes the post.
    (kit / "content" / "images").mkdir(exist_ok=True)
    photo = Image.new("RGB", (1800, 1200), (40, 90, 160))
    ImageDraw.Draw(photo).ellipse((300, 200, 1500, 1000), fill=(230, 180, 40))
    photo.save(kit / "content" / "images" / "bench-pattern.jpg", quality=85)
    for post in sorted((kit / "content").rglob("bench-*.md"))[::3]:
        with open(post, "a", encoding="utf-8") as text:
            text.write("\n![A generated yellow disc on blue]({static}/images/bench-pattern.jpg)\n")
    shutil.rmtree(kit / ".cache", ignore_errors=True)
    result = invoke(kit, "preview", SITEURL=PRODUCTION_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.copytree(kit / "output", kit.parent / "cold")
    return kit


def pelican_debug(project, output, env=None):
    command = [
        sys.executable,
        "-m",
        "pelican",
        "content",
        "-s",
        "publishconf.py",
        "-o",
        str(output),
        "--fatal",
        "warnings",
        "-D",
    ]
    result = subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "300", "SITEURL": PRODUCTION_URL, **(env or {})},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout + result.stderr


def test_a_warm_build_writes_the_same_bytes_as_a_cold_one(project):
    assert list((project / ".cache" / "read").glob("*.pickle")), "the cold build kept what it read"
    result = invoke(project, "preview", SITEURL=PRODUCTION_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    cold, warm = site_files(project.parent / "cold"), site_files(project / "output")
    assert len(cold) > POSTS and cold == warm


def test_several_processes_build_what_one_process_builds(project, tmp_path):
    shutil.rmtree(project / ".cache" / "read")
    log = pelican_debug(project, tmp_path / "parallel")
    read = re.search(r"(\d+) files to read: 0 from the cache, (\d+) by \d+ forked readers", " ".join(log.split()))
    assert read and int(read.group(1)) == int(read.group(2)) > POSTS, "every file read by forked readers"
    one = project.parent / "one-process"
    shutil.copytree(project, one, ignore=shutil.ignore_patterns(".cache", "output"))
    with open(one / "publishconf.py", "a", encoding="utf-8") as conf:
        conf.write("\nBUILD_PROCESSES = 1\n")
    log = pelican_debug(one, tmp_path / "serial")
    assert "forked readers" not in log
    parallel, serial = site_files(tmp_path / "parallel"), site_files(tmp_path / "serial")
    assert len(parallel) > POSTS and parallel == serial
    assert any(name.endswith(".avif") for name in parallel), "the posts' photo variants are there"
    assert not broken_links(Site(tmp_path / "parallel", "", 0, PRODUCTION_URL))


def test_a_changed_theme_or_registry_is_never_served_from_the_cache(project):
    partial = project / "theme" / "templates" / "partials" / "impact_callout.html"
    text = partial.read_text(encoding="utf-8")
    assert 'class="impact' in text
    partial.write_text(text.replace('class="impact', 'data-changed="yes" class="impact', 1), encoding="utf-8")
    result = invoke(project, "preview", SITEURL=PRODUCTION_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [p for p in (project / "output").rglob("index.html") if "bench-" in p.parent.name]
    assert pages
    marked = [
        p
        for p in pages
        if BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select(".post__body [data-changed]")
    ]
    with_callouts = [
        p for p in (project / "content").rglob("bench-*.md") if "[[callout:" in p.read_text(encoding="utf-8")
    ]
    assert with_callouts and len(marked) == len(with_callouts), "every post with a callout shows the new markup"
