"""Pages kept between builds (mep_kit.outputs.render_cache): an incremental build writes exactly the
bytes a cold one does, after any edit a writer makes; a body edit renders that post's page
again and nothing else; a change of the plugin, the theme or the lock file renders everything,
and so does a change of the site's language or of its catalog; and no template reads another
post's body but the feeds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from photos import phone_photo

from support import AFTER, BEFORE, GENERATED_EVENTS, ROOT, copy_project, epoch, tree_digest, write_events, write_posts

SETTINGS = "publishconf.py"


def build(project: Path, output: Path, moment: str = BEFORE) -> tuple[int, int]:
    """Pelican in the project's folder (where .cache/ is), as on ``moment``: (rendered, kept)."""
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", SETTINGS, "-o", str(output), "--fatal", "warnings"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SITEURL": "https://fixture-mep.example", "SOURCE_DATE_EPOCH": epoch(moment)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rendered, kept = re.search(r"^Pages: (\d+) rendered, (\d+) from ", result.stdout, re.M).groups()
    return int(rendered), int(kept)


def copy_with(project: Path, copy: Path, caches: tuple[str, ...]) -> Path:
    """A copy of ``project`` with only these of its ``.cache/`` folders (hard-linked)."""
    shutil.copytree(project, copy, ignore=lambda folder, names: [".cache"] if Path(folder) == project else [])
    for name in caches:
        if (project / ".cache" / name).is_dir():
            shutil.copytree(project / ".cache" / name, copy / ".cache" / name, copy_function=os.link)
    return copy


def cold(project: Path, output: Path, moment: str = BEFORE) -> dict[str, str]:
    """What a build with no kept page and no read file writes, from a copy of ``project`` (the
    photos' variants taken from the image cache, which tests/build/test_caches.py holds to the
    same rule)."""
    build(copy_with(project, output.parent / f"{output.name}-project", ("images",)), output, moment)
    return tree_digest(output)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A checkout of the kit with the fixture site, generated posts and events, and the lock
    file (part of every key), built once: the render cache is warm."""
    tmp_path = tmp_path_factory.mktemp("render-cache")
    project = copy_project(tmp_path / "site")
    write_posts(project / "content")
    write_events(
        project / "content",
        {name: GENERATED_EVENTS[name] for name in ("lean-webinar.md", "safety-roundtable.md", "planning-draft.md")},
    )
    (project / "requirements").mkdir()
    shutil.copy(ROOT / "requirements" / "dev.lock", project / "requirements" / "dev.lock")
    # A cover photo on one post, and a photo in another's body: their variants must be in the
    # output whether the pages that show them are rendered or kept.
    (project / "content" / "images" / "line.jpg").write_bytes(phone_photo(900, 600, seed=4))
    (project / "content" / "images" / "bench.jpg").write_bytes(phone_photo(700, 500, seed=5))
    replace(
        project / "content/case-studies/kennebec-composites.md",
        "Summary:",
        "Cover: images/line.jpg\nCover_alt: A generated line of machines\nSummary:",
    )
    replace(
        project / "content/case-studies/ridgeline-plastics.md",
        "This story is generated",
        "![A generated workbench]({static}/images/bench.jpg)\n\nThis story is generated",
    )
    assert build(project, tmp_path / "first")[1] == 0
    return project


@pytest.fixture
def site(base, tmp_path) -> Path:
    """A copy of the built checkout, its caches with it (hard-linked: a build replaces files,
    never writes into them)."""
    return copy_with(base, tmp_path / "site", ("images", "read", "render", "search"))


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.unlink()  # a new file, as an editor saves one
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def spanish(project: Path) -> None:
    """The site in Spanish: its Spanish translations (Lang: es) would then be in the site's
    language beside their originals, so they go."""
    replace(project / "pelicanconf.py", 'DEFAULT_LANG = "en"', 'DEFAULT_LANG = "es"')
    for translation in ("case-studies/alpha-es.md", "pages/about-es.md"):
        (project / "content" / translation).unlink()


POST = "content/case-studies/harbor-gearworks.md"
EDITS = {
    "a body": lambda p: replace(p / POST, "This story is generated", "This story, edited, is generated"),
    "a title": lambda p: replace(
        p / POST, "Title: Harbor Gearworks Passes Its First Audit", "Title: Harbor Gearworks Passes Its Audit"
    ),
    "a date": lambda p: replace(p / POST, "Date: 2025-12-01", "Date: 2025-08-01"),
    "services": lambda p: replace(
        p / POST, "Services: Quality Management & Certifications", "Services: Business Growth"
    ),
    "a template": lambda p: replace(
        p / "theme/templates/partials/recent_posts.html", "</h2>", "</h2>\n<!-- edited -->"
    ),
    "a setting": lambda p: replace(
        p / "pelicanconf.py", 'BRAND = {"primary": "#005ea2"', 'BRAND = {"primary": "#0b6e4f"'
    ),
    "the site's language": lambda p: spanish(p),
    "the registry": lambda p: replace(p / "content/data/figures.toml", "value = 226_000_000", "value = 227_000_000"),
    "an image": lambda p: (p / "content/images/alpha-logo.svg").write_text(
        (p / "content/images/alpha-logo.svg")
        .read_text(encoding="utf-8")
        .replace("</svg>", '<rect width="1" height="1"/></svg>'),
        encoding="utf-8",
    ),
    "a photo": lambda p: (p / "content/images/line.jpg").write_bytes(phone_photo(900, 600, seed=6)),
    "a new post": lambda p: (p / "content/articles/new-post.md").write_text(
        "Title: A New Post\nDate: 2025-12-20\nSlug: new-post\nSummary: A generated post added between two builds, for the tests.\n\nNew.\n",
        encoding="utf-8",
    ),
    "a deleted post": lambda p: (p / "content/case-studies/quarry-castings.md").unlink(),
    "a draft made public": lambda p: replace(p / "content/case-studies/delta-draft.md", "Status: draft\n", ""),
}


@pytest.mark.parametrize("edit", EDITS)
def test_after_an_edit_an_incremental_build_writes_what_a_cold_one_writes(site, tmp_path, edit):
    EDITS[edit](site)
    build(site, tmp_path / "incremental")
    assert tree_digest(tmp_path / "incremental") == cold(site, tmp_path / "cold")


def test_a_body_edit_renders_that_post_s_page_again_and_no_other(site, tmp_path):
    build(site, tmp_path / "here")  # keys name the folder a build runs from: the copy's own first
    EDITS["a body"](site)
    rendered, kept = build(site, tmp_path / "again")
    assert rendered == 1 and kept > 30


def test_an_event_passing_is_an_incremental_build_equal_to_a_cold_one(site, tmp_path):
    """The build's now moves past the webinar: the event lists, the banner and the event's own
    page change; the kept pages of before are not used for them."""
    rendered, _ = build(site, tmp_path / "incremental", AFTER)
    assert rendered > 1
    assert tree_digest(tmp_path / "incremental") == cold(site, tmp_path / "cold", AFTER)


@pytest.mark.parametrize("change", ["the plugin", "the theme", "the lock file"])
def test_a_change_of_the_code_the_theme_or_the_lock_renders_every_page(site, tmp_path, change):
    path = {
        "the plugin": "plugins/mep_kit/content/render.py",
        "the theme": "theme/static/css/site.css",
        "the lock file": "requirements/dev.lock",
    }[change]
    with open(site / path, "a", encoding="utf-8") as handle:
        handle.write("\n# changed\n" if path.endswith((".py", ".lock")) else "\n/* changed */\n")
    rendered, kept = build(site, tmp_path / "again")
    assert kept == 0 and rendered > 30, "every page of the site (38 of them)"


def test_a_change_of_the_catalog_renders_every_page_in_its_new_words(site, tmp_path):
    """A Spanish site, built (its pages kept), then a word of the Spanish catalog changed: no
    page is taken from before, and every page says the new word (mep_kit.languages)."""
    EDITS["the site's language"](site)
    build(site, tmp_path / "spanish")
    catalog = site / "plugins/mep_kit/languages/catalogs/es/LC_MESSAGES/messages.po"
    replace(catalog, 'msgstr "Publicaciones recientes"', 'msgstr "Lo más reciente"')
    rendered, kept = build(site, tmp_path / "again")
    assert kept == 0 and rendered > 30
    home = (tmp_path / "again" / "index.html").read_text(encoding="utf-8")
    assert "Lo más reciente" in home and "Publicaciones recientes" not in home


def test_no_page_but_a_post_s_own_and_the_feeds_shows_a_post_s_body(tmp_path):
    """Every post's body replaced but one: the other posts' own pages and the feeds change, and
    nothing else, list pages and the one post's page included (the render cache relies on it)."""
    project = copy_project(tmp_path / "site")
    write_posts(project / "content")
    build(project, tmp_path / "before")
    posts = sorted(
        path for folder in ("case-studies", "articles") for path in (project / "content" / folder).glob("*.md")
    )
    keep = project / POST
    changed = set()
    for path in posts:
        if path == keep:
            continue
        head, _body = path.read_text(encoding="utf-8").split("\n\n", 1)
        slug, lang = re.search(r"^Slug: (.+)$", head, re.M), re.search(r"^Lang: (.+)$", head, re.M)
        path.unlink()
        path.write_text(f"{head}\n\nA body replaced for the test, in every post but one.\n", encoding="utf-8")
        if slug and "Status: draft" not in head and "2099" not in head:
            changed.add(
                f"{lang.group(1)}/{slug.group(1)}" if lang else slug.group(1)
            )  # a translation's page: es/<slug>/
    build(project, tmp_path / "after")
    before, after = tree_digest(tmp_path / "before"), tree_digest(tmp_path / "after")
    differ = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    expected = {f"{slug}/index.html" for slug in changed} & set(before)  # the changed posts' own pages
    feeds = {name for name in differ if name.startswith("feeds/")}
    assert len(expected) > 5 and feeds
    assert differ - feeds == expected
    assert f"{keep.stem}/index.html" not in differ
