"""The build benchmark (tests/benchmarks/bench.py): its generated case studies are what it
says they are (~600 words, headings, lists, a quote, links, a figure, metrics, two service
lines, tags) and pass the kit's check, and every build it times succeeds and renders them.

One small run (N=3, one repetition) of the benchmark itself; no timing is asserted here:
the figures belong in tests/benchmarks/RESULTS.md."""

from __future__ import annotations

import json
import re
import runpy
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import FIXTURE, ROOT, invoke

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
import bench

POSTS = 3


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The benchmark at N=3, one repetition, every scenario; the sites are kept to inspect."""
    work = tmp_path_factory.mktemp("bench")
    code = bench.main(
        [
            "--posts",
            str(POSTS),
            "--runs",
            "1",
            "--workdir",
            str(work / "sites"),
            "--site",
            str(FIXTURE),
            "--results",
            str(work / "RESULTS.md"),
            "--raw",
            str(work / "raw"),
            "--note",
            "a test run",
        ]
    )
    assert code == 0
    return work


@pytest.fixture(scope="module")
def sites(run) -> Path:
    return run / "sites" / f"n{POSTS}"


def sources(sites: Path) -> dict[str, dict]:
    """The generated posts as the kit reads them: slug -> front matter (lower-case keys)."""
    found = {}
    for path in sorted((sites / "kit" / "content" / bench.BENCH_FOLDER).glob("*.md")):
        meta, body = bench.split_front_matter(path.read_text(encoding="utf-8"))
        found[meta["slug"]] = {**meta, "body": body}
    return found


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def plain(text: str) -> str:
    """Text without typogrify's and SmartyPants' typography (no-break spaces, curly quotes)."""
    return " ".join(text.replace("\u2019", "'").split())


def words(element) -> int:
    return len(re.findall(r"[A-Za-z0-9$][\w'’$%.,&-]*", element.get_text(" ")))


def test_the_same_seed_gives_the_same_posts_and_another_seed_others():
    args = (
        ["Business Growth", "Human Resources", "Technology Adoption"],
        ["center-jobs", "center-sales"],
        "Fixture MEP",
    )
    assert bench.generate_post(7, 1, *args) == bench.generate_post(7, 1, *args)
    assert bench.generate_post(7, 1, *args).body != bench.generate_post(7, 2, *args).body


def test_generated_posts_pass_invoke_check(sites):
    result = invoke(sites / "kit", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout
    assert len(sources(sites)) == POSTS


def test_the_kit_site_has_generated_events_which_are_built(sites):
    events = sorted((sites / "kit" / "content" / bench.EVENTS_FOLDER).glob("*.md"))
    assert [path.name for path in events] == ["bench-event-000.md"], "one for every 50 posts, at least one"
    assert bench.generate_event(0, bench.DEFAULT_SEED, ["Business Growth"], "Fixture MEP")[1].startswith(
        "Title: Example Business "
    )
    title = events[0].read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("Title: ")
    page = soup(sites / "kit" / "output" / "events" / "index.html")
    assert [plain(a.get_text()) for a in page.select("main .card__title a")] == [title]


def test_generated_posts_render_with_every_element_the_benchmark_claims(sites):
    posts = sources(sites)
    services = set(runpy.run_path(str(sites / "kit" / "pelicanconf.py"))["SERVICE_LINES"])
    for number, (slug, meta) in enumerate(sorted(posts.items())):
        assert 50 <= len(meta["summary"]) <= 160
        listed = [s.strip() for s in meta["services"].split(",")]
        assert len(listed) == 2 and set(listed) <= services
        metrics = [name for name in bench.METRIC_FIELDS if name.lower() in meta]
        assert len(metrics) >= 2

        page = soup(sites / "kit" / "output" / slug / "index.html")  # the last `invoke preview` of the run
        article = page.select_one("article.post--case-study")
        assert plain(article.select_one(".post__title").get_text()) == meta["title"]
        assert len(article.select(".post__results figure.impact")) == len(metrics)
        facts = {
            fact.dt.get_text(strip=True): [a.get_text(strip=True) for a in fact.select("dd a")]
            for fact in article.select(".post__fact")
        }
        assert facts["Services"] == listed
        assert facts.get("Industry") or facts.get("Industries")

        body = article.select_one(".post__body")
        assert len(body.find_all("h2")) >= 3 and body.find("h3")
        assert len(body.select("ul > li")) >= 4 and len(body.select("ol > li")) >= 4
        assert body.find("blockquote") and body.find("blockquote").get_text(strip=True)
        if number % 2 == 0:
            assert len(body.select(".impact-row figure.impact")) == 2
        else:
            assert len(body.select("data.impact-inline")) == 1
        for figure in body.find_all("figure"):
            figure.decompose()  # a callout's caption (period, scope, source and its link) is not the story
        external = [a["href"] for a in body.find_all("a") if a["href"].startswith("https://www.")]
        assert len(external) == 2
        if number:
            assert [a for a in body.find_all("a") if a["href"].rstrip("/").endswith(f"/{bench.slug_for(number - 1)}")]
        assert 570 <= words(body) <= 660, f"{slug}: {words(body)} words"


def test_plain_pelican_and_hugo_render_the_same_posts_without_the_kit_directives(sites):
    for slug, meta in sources(sites).items():
        kit = soup(sites / "kit" / "output" / slug / "index.html").select_one(".post__body")
        for path in (
            sites / "plain" / "output" / f"{slug}.html",
            sites / "hugo" / "public" / "case-studies" / "bench" / slug / "index.html",
        ):
            page = soup(path)
            text = page.get_text(" ")
            assert meta["title"] in plain(page.title.get_text()), path
            assert "[[" not in text and "{filename}" not in text, path
            assert len(page.find_all("h2")) >= len(kit.find_all("h2")), path
            assert page.find("blockquote") and page.find("ol") and page.find("ul"), path
            assert {a["href"] for a in kit.find_all("a") if a["href"].startswith("https://www.")} <= {
                a["href"] for a in page.find_all("a")
            }, path


def test_the_stack_is_pelican_with_typogrify_then_a_pagefind_index_of_the_same_posts(sites):
    """The yardstick the kit's cold build is held to: the same posts as plain Pelican, typogrify's
    typography on (plain Pelican's pages have none), and Pagefind's index beside them."""
    for slug, meta in sources(sites).items():
        plain_page = (sites / "plain" / "output" / f"{slug}.html").read_text(encoding="utf-8")
        stack_page = soup(sites / "stack" / "output" / f"{slug}.html")
        assert meta["title"] in plain(stack_page.title.get_text())
        assert 'class="caps"' not in plain_page and stack_page.select("span.caps, span.amp, span.dquo"), slug
    index = sites / "stack" / "output" / "pagefind"
    assert (index / "pagefind-entry.json").is_file()
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) >= POSTS


def test_results_are_appended_as_a_table_with_the_ratios_and_kept_raw(run):
    report = (run / "RESULTS.md").read_text(encoding="utf-8")
    assert "**a test run**" in report
    for label in bench.LABELS.values():
        row = next(line for line in report.splitlines() if line.startswith(f"| {POSTS} | {label} |"))
        assert re.search(r"\| \d+\.\d\d s \|", row), row
    assert re.search(r"^\| 3 \| \d+\.\d\d× \| \d+\.\d\d× \|", report, re.M)
    (raw,) = (run / "raw").glob("bench-*.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    samples = data["samples"][str(POSTS)]
    assert set(samples) == set(bench.SCENARIOS)
    for name, found in samples.items():
        assert len(found) == 1 and found[0]["returncode"] == 0, name
        assert found[0]["wall"] > 0 and found[0]["cpu"] > 0 and found[0]["peak_tree_mb"] > 0, name
        assert 0 < found[0]["peak_tree_pss_mb"] <= found[0]["peak_tree_mb"] * 1.1, (
            f"{name}: PSS splits shared pages, so it is at most the RSS sum"
        )
