"""Safe builds: a failed build leaves the previous output/ untouched, and two production
builds of the same content are byte-identical."""

from __future__ import annotations

import pytest

from support import FIXTURE, copy_built, invoke, run_pelican, tree_digest

BAD_FILES = {
    "unknown service": (
        "case-studies/bad.md",
        "Title: Bad\nDate: 2026-02-03\nClient: X\nServices: Suply Chain\nSummary: A summary that is long enough to pass the length check here.\n\nBody.\n",
        ":4: services: unknown service 'Suply Chain'",
    ),
    "unknown figure": (
        "articles/bad.md",
        "Title: Bad\nDate: 2026-02-03\nSummary: A summary that is long enough to pass the length check here.\n\n[[callout: national-sale]]\n",
        ":5: [[callout: national-sale]]: unknown figure key",
    ),
    "impossible date": (
        "case-studies/bad.md",
        "Title: Bad\nDate: 2026-02-30\nClient: X\nServices: Human Resources\nSummary: A summary that is long enough to pass the length check here.\n\nBody.\n",
        ":2: date: impossible date",
    ),
    "metric not a number": (
        "case-studies/bad.md",
        "Title: Bad\nDate: 2026-02-03\nClient: X\nServices: Human Resources\nJobs: a dozen\nSummary: A summary that is long enough to pass the length check here.\n\nBody.\n",
        ":5: jobs: expected a number",
    ),
    "raw script": (
        "articles/bad.md",
        "Title: Bad\nDate: 2026-02-03\nSummary: A summary that is long enough to pass the length check here.\n\nText.\n\n<script>alert(1)</script>\n",
        ":7:",
    ),
    "link to nothing": (
        "articles/bad.md",
        "Title: Bad\nDate: 2026-02-03\nSummary: A summary that is long enough to pass the length check here.\n\nSee [this]({filename}/articles/missing.md).\n",
        ":5:",
    ),
    "image without alt": (
        "articles/bad.md",
        "Title: Bad\nDate: 2026-02-03\nSummary: A summary that is long enough to pass the length check here.\n\n![](https://example.org/x.png)\n",
        ":5:",
    ),
    "unknown key": (
        "case-studies/bad.md",
        "Title: Bad\nDate: 2026-02-03\nClient: X\nServices: Human Resources\nSumary: typo\nSummary: A summary that is long enough to pass the length check here.\n\nBody.\n",
        ":5: sumary: unknown field",
    ),
    "duplicate slug": (
        "case-studies/bad.md",
        "Title: Bad\nDate: 2026-02-03\nSlug: bravo\nClient: X\nServices: Human Resources\nSummary: A summary that is long enough to pass the length check here.\n\nBody.\n",
        "bravo",
    ),
    "empty file": ("pages/bad.md", "", "the file is empty"),
    "invalid utf-8": ("pages/bad.md", b"Title: Caf\xe9\n\nBody.\n", "not valid UTF-8"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_content_fails_the_build_and_keeps_the_previous_output(built, tmp_path, case):
    """One failing production build per case, over a copy of the good build (development
    builds stop on the same checks: see test_check.py)."""
    project = copy_built(built, tmp_path / "site")
    task = "preview"
    before = tree_digest(project / "output")
    relative, text, message = BAD_FILES[case]
    path = project / "content" / relative
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    result = invoke(project, task)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"content/{relative}" in log and message in log, log
    assert tree_digest(project / "output") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".output-")], "no staging folder is left behind"


def test_bad_registry_fails_the_build_with_file_line_and_field(project):
    registry = project / "content" / "data" / "figures.toml"
    registry.write_text(registry.read_text().replace("value = 226_000_000", 'value = "226 million"'))
    result = invoke(project, "build")
    assert result.returncode != 0
    assert "content/data/figures.toml:" in result.stdout + result.stderr
    assert "center-sales: 'value': expected a number" in result.stdout + result.stderr


def test_two_production_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    for output in (first, second):
        assert run_pelican(FIXTURE / "publishconf.py", output, content=FIXTURE / "content").returncode == 0
    one, two = tree_digest(first), tree_digest(second)
    assert one.keys() == two.keys() and len(one) > 30, "the fixture site writes its pages, feeds, images and data"
    assert [name for name in one if one[name] != two[name]] == []
