"""`make serve`'s rebuilds (mep_kit.tools.devserver): Pelican run again and again in one warm build
process writes, each time, the same bytes as a new `python -m pelican` process; a failed
rebuild prints its file:line problems and keeps the last good site; the search index follows
the new site right after it is swapped in."""

from __future__ import annotations

import gzip
import shlex
import subprocess
from pathlib import Path

import pytest

from mep_kit.tools.building import pelican_command
from mep_kit.tools.devserver import BuildWorker, Rebuilder
from support import PRODUCTION_URL, tree_digest

ARTICLE = Path("content") / "articles" / "news.md"
BAD = (
    "content/articles/bad.md",
    "Title: Bad\nDate: 2026-02-03\nSummary: A summary that is long enough to pass the length check here.\n\n[[callout: national-sale]]\n",
    "content/articles/bad.md:5: [[callout: national-sale]]: unknown figure key",
)


def new_process_build(project: Path, settings: str, output: Path, strict: bool) -> subprocess.CompletedProcess:
    """The Pelican step of `invoke build` / `invoke preview`, as its own process."""
    return subprocess.run(
        pelican_command(settings, output, strict), shell=True, cwd=project, capture_output=True, text=True
    )


def argv_of(settings: str, output: Path, strict: bool) -> list[str]:
    """The same command's arguments, for the warm build process."""
    return shlex.split(pelican_command(settings, output, strict))[3:]


@pytest.fixture
def worker(project):
    """The build process of a copy of the project, started by the test itself (so it writes
    to the file descriptors capfd reads)."""
    worker = BuildWorker(project)
    yield worker
    worker.stop()


@pytest.mark.parametrize("settings,strict", [("pelicanconf.py", False), ("publishconf.py", True)])
def test_two_warm_builds_in_a_row_write_the_same_bytes_as_a_new_process(
    project, worker, tmp_path, monkeypatch, settings, strict
):
    monkeypatch.setenv("SITEURL", PRODUCTION_URL)  # inherited by the build process started below
    worker.start()
    fresh = new_process_build(project, settings, tmp_path / "fresh", strict)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert worker.build(argv_of(settings, tmp_path / "warm-1", strict)) == 0
    assert worker.build(argv_of(settings, tmp_path / "warm-2", strict)) == 0
    expected = tree_digest(tmp_path / "fresh")
    assert len(expected) > 30
    assert tree_digest(tmp_path / "warm-1") == expected
    assert tree_digest(tmp_path / "warm-2") == expected


def test_an_edit_then_a_failure_then_a_fix_each_build_as_a_new_process_would(project, worker, tmp_path, capfd):
    worker.start()
    assert worker.build(argv_of("pelicanconf.py", tmp_path / "first", False)) == 0
    # An edit to a template and to a post: both read again (the template compiled again).
    template = project / "theme" / "templates" / "base.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace("</footer>", "<!-- edited --></footer>", 1), encoding="utf-8"
    )
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nWarm-rebuild-marker\n", encoding="utf-8")
    capfd.readouterr()
    bad = project / BAD[0]
    bad.write_text(BAD[1], encoding="utf-8")
    assert worker.build(argv_of("pelicanconf.py", tmp_path / "failed", False)) == 1
    log = capfd.readouterr()
    assert BAD[2] in log.err and "Traceback" not in log.out + log.err
    assert not (tmp_path / "failed" / "index.html").exists()
    bad.unlink()
    assert worker.build(argv_of("pelicanconf.py", tmp_path / "fixed", False)) == 0
    fresh = new_process_build(project, "pelicanconf.py", tmp_path / "fresh", False)
    assert fresh.returncode == 0
    assert tree_digest(tmp_path / "fixed") == tree_digest(tmp_path / "fresh")
    page = (tmp_path / "fixed" / "news" / "index.html").read_text(encoding="utf-8")
    assert "Warm-rebuild-marker" in page and "<!-- edited -->" in page


def pagefind_text(index: Path) -> str:
    """Every page fragment of a Pagefind index, decompressed (its text as indexed)."""
    return "".join(
        gzip.decompress(fragment.read_bytes()).decode("utf-8", "replace") for fragment in (index / "fragment").iterdir()
    )


def test_a_rebuild_swaps_in_the_new_site_then_its_index_and_a_failed_one_keeps_it(project, tmp_path, capfd):
    output = project / "output"
    rebuilder = Rebuilder(project, "pelicanconf.py", output, "content")
    try:
        rebuilder.first_build()
        assert (output / "pagefind" / "pagefind-entry.json").is_file()
        article = project / ARTICLE
        article.write_text(article.read_text(encoding="utf-8") + "\nIndexed-after-reload\n", encoding="utf-8")

        assert rebuilder.rebuild([str(article)]) is True
        assert "Indexed-after-reload" in (output / "news" / "index.html").read_text(encoding="utf-8")
        assert (output / "pagefind" / "pagefind-entry.json").is_file(), (
            "the previous index serves until the new one is ready"
        )
        rebuilder.index.wait()
        assert rebuilder.index.last[1] is True
        assert "Indexed-after-reload" in pagefind_text(output / "pagefind")
        # Apart from the index (whose file names Pagefind hashes anew each run), the site a
        # plain build writes.
        fresh = new_process_build(project, "pelicanconf.py", tmp_path / "fresh", False)
        assert fresh.returncode == 0
        site = {path: digest for path, digest in tree_digest(output).items() if not path.startswith("pagefind/")}
        assert site == tree_digest(tmp_path / "fresh")

        before = tree_digest(output)
        (project / BAD[0]).write_text(BAD[1], encoding="utf-8")
        capfd.readouterr()
        assert rebuilder.rebuild([BAD[0]]) is False
        log = capfd.readouterr()
        assert BAD[2] in log.err and "Build failed: " in log.err and "Traceback" not in log.out + log.err
        assert tree_digest(output) == before
        assert not [p.name for p in project.iterdir() if p.name.startswith(".output-")], (
            "no staging folder is left behind"
        )
        (project / BAD[0]).unlink()

        # The plugin's code cannot be reloaded in place: a new build process imports it.
        first = rebuilder.worker.process.pid
        plugin = project / "plugins" / "mep_kit" / "content" / "render.py"
        plugin.write_text(plugin.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        assert rebuilder.rebuild([str(plugin)]) is True
        assert rebuilder.worker.process.pid != first
    finally:
        rebuilder.close()


def test_a_failed_rebuild_before_the_index_caught_up_indexes_the_site_it_kept(project, capfd):
    output = project / "output"
    rebuilder = Rebuilder(project, "pelicanconf.py", output, "content", index_delay=60)
    try:
        rebuilder.first_build()
        article = project / ARTICLE
        article.write_text(article.read_text(encoding="utf-8") + "\nKept-and-indexed\n", encoding="utf-8")
        assert rebuilder.rebuild([str(article)]) is True  # its indexing waits a minute
        rebuilder.index.delay = 0
        (project / BAD[0]).write_text(BAD[1], encoding="utf-8")
        assert rebuilder.rebuild([BAD[0]]) is False
        rebuilder.index.wait()
        assert "Kept-and-indexed" in pagefind_text(output / "pagefind")
    finally:
        rebuilder.close()
