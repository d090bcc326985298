"""The page cache (mep_kit.pagecache) on a generated site: after each kind of change, a warm
build renders only the pages that change can reach, and writes exactly the bytes of a cold
build of the same content."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from PIL import Image, ImageDraw
from support import PRODUCTION_URL, ROOT, tree_digest

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
import bench  # noqa: E402  (the benchmark's generated case studies)

POSTS = 24


def site_files(output):
    return {name: digest for name, digest in tree_digest(output).items() if not name.startswith("pagefind/")}


def build(project, output):
    """A strict production build with debug messages: (kept, rendered) posts and pages."""
    command = [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(output), "--fatal", "warnings", "-D"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "COLUMNS": "300", "SITEURL": PRODUCTION_URL})
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 0, log[-3000:]
    found = re.search(r"(\d+) posts and pages written as kept, (\d+) rendered", log)
    assert found, log[-2000:]
    return int(found.group(1)), int(found.group(2))


def cold_copy(project, tmp_path):
    """The same content built in a copy with no cache of any kind."""
    copy = tmp_path / "cold-project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache", "out-first", "output"))
    build(copy, tmp_path / "cold")
    return site_files(tmp_path / "cold")


def newest(project):
    """The newest post: every page's Recent Posts shows its summary."""
    return max((project / "content").rglob("bench-*.md"), key=lambda path: re.search(r"^Date: (.*)$", path.read_text(encoding="utf-8"), re.M).group(1))


@pytest.fixture
def project(tmp_path):
    """POSTS generated case studies and a photo in a third of them; built once, so the
    cache is warm."""
    kit = bench.Workspace.create(tmp_path / "work", POSTS).kit
    (kit / "content" / "images").mkdir(exist_ok=True)
    photo = Image.new("RGB", (1600, 1000), (40, 90, 160))
    ImageDraw.Draw(photo).ellipse((300, 200, 1300, 800), fill=(230, 180, 40))
    photo.save(kit / "content" / "images" / "bench-pattern.jpg", quality=85)
    for post in sorted((kit / "content").rglob("bench-*.md"))[::3]:
        with open(post, "a", encoding="utf-8") as text:
            text.write("\n![A generated yellow disc on blue]({static}/images/bench-pattern.jpg)\n")
    shutil.rmtree(kit / ".cache", ignore_errors=True)
    kept, rendered = build(kit, kit / "out-first")
    assert kept == 0 and rendered > POSTS
    return kit


def test_nothing_changed_renders_no_post(project, tmp_path):
    kept, rendered = build(project, tmp_path / "warm")
    assert rendered == 0 and kept > POSTS
    assert site_files(tmp_path / "warm") == site_files(project / "out-first")


def test_an_edited_body_renders_its_own_page_only(project, tmp_path):
    post = sorted((project / "content").rglob("bench-*.md"))[POSTS // 2]
    with open(post, "a", encoding="utf-8") as text:
        text.write("\nThis story was revised with a sentence only its own page shows.\n")
    kept, rendered = build(project, tmp_path / "warm")
    assert rendered == 1 and kept > POSTS
    page = (tmp_path / "warm" / post.stem / "index.html").read_text(encoding="utf-8")
    assert "revised with a sentence" in page
    assert site_files(tmp_path / "warm") == cold_copy(project, tmp_path)


def test_a_changed_summary_renders_every_page_that_shows_it(project, tmp_path):
    top = newest(project)
    text = top.read_text(encoding="utf-8")
    top.write_text(re.sub(r"^Summary: .*$", "Summary: Zebra crossings opened this story after the edit, and every page that lists it shows so.", text, count=1, flags=re.M), encoding="utf-8")
    kept, rendered = build(project, tmp_path / "warm")
    assert kept == 0 and rendered > POSTS, "a summary is part of the site key: every page is rendered"
    shown = [path for path in (tmp_path / "warm").rglob("index.html") if "Zebra crossings" in path.read_text(encoding="utf-8")]
    assert len(shown) > 3, "its page, the lists and the related cards of other posts show it"
    assert site_files(tmp_path / "warm") == cold_copy(project, tmp_path)


def test_a_changed_title_renders_every_page(project, tmp_path):
    post = sorted((project / "content").rglob("bench-*.md"))[3]
    text = post.read_text(encoding="utf-8")
    post.write_text(re.sub(r"^Title: .*$", "Title: A Retitled Story", text, count=1, flags=re.M), encoding="utf-8")
    kept, rendered = build(project, tmp_path / "warm")
    assert kept == 0 and rendered > POSTS
    assert site_files(tmp_path / "warm") == cold_copy(project, tmp_path)


def test_a_changed_photo_renders_the_pages_again(project, tmp_path):
    photo = Image.new("RGB", (1400, 1000), (160, 40, 90))
    photo.save(project / "content" / "images" / "bench-pattern.jpg", quality=85)
    kept, rendered = build(project, tmp_path / "warm")
    assert kept == 0 and rendered > POSTS
    warm = site_files(tmp_path / "warm")
    assert warm == cold_copy(project, tmp_path)
    assert warm != site_files(project / "out-first")
