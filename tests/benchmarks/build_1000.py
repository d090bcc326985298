"""Benchmark: build time and output size of the site at 1,000+ posts, against plain Pelican.

    .venv/bin/python tests/benchmarks/build_1000.py [--posts 1000] [--runs 3]

It copies the shipped content, adds N generated case studies (each with metrics and an
inline figure), then builds the same content twice over:
  - "kit":   this project's settings, theme and plugin (publishconf.py, strict);
  - "plain": Pelican's defaults and its built-in "simple" theme, no plugin.
It prints the median wall time of each and the output size, the time of the Pagefind index
the build task adds after the kit's build, and the time of the content check
(`mep_kit.check.run_check`, what `invoke check` and every build run) on the shipped site, where
it must stay well under a second, and on the generated one. Results are written down in
tests/benchmarks/RESULTS.md; this is not a test (timings belong here, not in pytest).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ["Workforce Development", "Business Growth", "Human Resources", "Quality Management & Certifications"]


def make_content(target: Path, posts: int) -> None:
    shutil.copytree(ROOT / "content", target)
    folder = target / "case-studies"
    for n in range(posts):
        day = 1 + n % 28
        (folder / f"bench-{n:04d}.md").write_text(
            f"Title: Benchmark Client {n} Improves Its Operations\n"
            f"Date: 2025-{1 + n % 12:02d}-{day:02d}\n"
            f"Slug: bench-{n:04d}\nClient: Benchmark Client {n}\n"
            f"Services: {SERVICES[n % len(SERVICES)]}\nTags: industry {chr(97 + n % 20)}\n"
            f"New_sales: {100000 + n}\nJobs: {n % 50}\n"
            f"Summary: A generated case study used to measure how the build scales with many posts.\n\n"
            + "A paragraph of story text about the client and its project. " * 20
            + "\n\nNetwork-wide, centers created or retained [[figure: national-jobs]] jobs.\n",
            encoding="utf-8",
        )


def plain_settings(folder: Path) -> Path:
    path = folder / "plainconf.py"
    path.write_text("SITENAME = 'Plain'\nSITEURL = ''\nTIMEZONE = 'America/New_York'\nARTICLE_PATHS = ['articles', 'case-studies']\n"
                    "PAGE_PATHS = ['no-pages']  # the shipped pages use the kit's own templates\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nDEFAULT_PAGINATION = 10\n")
    return path


def timed_build(settings: Path, content: Path, output: Path, strict: bool) -> float:
    shutil.rmtree(output, ignore_errors=True)
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output), "-q"]
    if strict:
        cmd += ["--fatal", "warnings"]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, env={**os.environ, "SITEURL": "https://example.org"})
    return time.perf_counter() - start


def check_time(content: Path, runs: int) -> float:
    """Best wall time of the content check alone, in-process, as `invoke check` runs it."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from pelican.settings import read_settings

    from mep_kit.check import run_check

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run_check(content, settings, root=ROOT)
        times.append(time.perf_counter() - start)
    return min(times)


def pagefind_time(site: Path) -> float:
    """Wall time of the search-indexing step the build task runs after Pelican."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], check=True)
    return time.perf_counter() - start


def size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        content = tmp / "content"
        make_content(content, args.posts)
        rows = []
        for name, settings, strict in (("kit", ROOT / "publishconf.py", True), ("plain", plain_settings(tmp), False)):
            times = [timed_build(settings, content, tmp / name, strict) for _ in range(args.runs)]
            files, total = size(tmp / name)
            rows.append((name, statistics.median(times), min(times), files, total))
        print(f"{args.posts} generated case studies + the shipped content, {args.runs} runs each")
        print(f"{'build':6} {'median s':>9} {'best s':>7} {'files':>6} {'MB':>7}")
        for name, median, best, files, total in rows:
            print(f"{name:6} {median:9.2f} {best:7.2f} {files:6d} {total / 1e6:7.1f}")
        print(f"kit / plain: {rows[0][1] / rows[1][1]:.2f}x")
        print(f"then the Pagefind index of the kit's output (invoke build/preview): {pagefind_time(tmp / 'kit'):.2f} s")
        print(f"content check, best of {args.runs}: shipped site {check_time(ROOT / 'content', args.runs) * 1000:.0f} ms, "
              f"with the generated posts {check_time(content, args.runs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
