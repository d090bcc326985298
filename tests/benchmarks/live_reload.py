"""Benchmark: how long a writer waits between saving a file and seeing it, under `make serve`.

    python tests/benchmarks/live_reload.py [--saves N] [--project PATH] [--note TEXT] [--append]

Starts `invoke livereload` in a copy of the project (this one, or the project at PATH: an
older commit's files, for a before/after), opens an article in headless Chromium (the tests'
own, support.launch_chromium) and waits for its reload client to connect. Then N times (7 by
default), a second and a half apart, it appends a new word to that article's Markdown file and
measures, from the moment the file is written:

  rebuilt   until output/<article>/index.html holds the word (polled every 5 ms);
  reloaded  until the page open in the browser shows it, having reloaded by itself (the
            page is asked every 20 ms, so this is up to 20 ms late);
  indexed   until output/pagefind/ is the index of the new site (its entry file changed).

It prints the median, the fastest and the slowest of each, and with --append adds them as a
row to tests/benchmarks/RESULTS.md ("Live reload"). Like bench.py, the machine is shared:
compare rows measured in one sitting.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from support import copy_project, free_port, launch_chromium, stop_group, wait_for_url  # noqa: E402  (after the path is set)

RESULTS = ROOT / "tests" / "benchmarks" / "RESULTS.md"
ARTICLE = Path("content") / "articles" / "breaking-it-down-mep-explained.md"
PAGE = Path("output") / "breaking-it-down-mep-explained" / "index.html"


def watch_file(path: Path, done, timings: dict, key: str, started: float, stop: threading.Event) -> None:
    """Record in timings[key] the seconds from `started` until done(path) is true."""
    while not stop.is_set():
        try:
            if done(path):
                timings[key] = time.monotonic() - started
                return
        except OSError:
            pass
        time.sleep(0.005)


def read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def evaluate(page, expression: str):
    from playwright.sync_api import Error

    try:
        return page.evaluate(expression)
    except Error:
        return None  # the page is being replaced by the reload


def measure(project: Path, saves: int, workdir: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    site = copy_project(workdir / "site", project)
    port = free_port()
    log = workdir / "livereload.log"
    with open(log, "w") as handle:
        server = subprocess.Popen([sys.executable, "-m", "invoke", "livereload"], cwd=site, stdout=handle, stderr=subprocess.STDOUT,
                                  env={**os.environ, "HOST": "127.0.0.1", "PORT": str(port)}, start_new_session=True)
    results = []
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_url(f"{base}/", server, log, seconds=120)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            page.goto(f"{base}/breaking-it-down-mep-explained/")
            deadline = time.monotonic() + 15
            while not evaluate(page, "!!(window.LiveReload && window.LiveReload.connector.protocol > 0)"):
                assert time.monotonic() < deadline, "the reload client did not connect"
                time.sleep(0.05)
            source = site / ARTICLE
            for number in range(saves):
                page.wait_for_timeout(1500)  # the last rebuild, reload and index are over
                marker = f"Measured-{number}-{time.monotonic_ns()}"
                entry = site / "output" / "pagefind" / "pagefind-entry.json"
                entry_before = read_or_none(entry)
                timings: dict[str, float] = {}
                stop = threading.Event()
                text = source.read_text(encoding="utf-8") + f"\n{marker}\n"
                started = time.monotonic()
                source.write_text(text, encoding="utf-8")
                watchers = [
                    threading.Thread(target=watch_file, args=(site / PAGE, lambda p, marker=marker: marker.encode() in p.read_bytes(), timings, "rebuilt", started, stop)),
                    threading.Thread(target=watch_file, args=(entry, lambda p, before=entry_before: read_or_none(p) not in (None, before), timings, "indexed", started, stop)),
                ]
                for watcher in watchers:
                    watcher.start()
                while not evaluate(page, f"document.body !== null && document.body.innerText.includes({marker!r})"):
                    if time.monotonic() - started > 30:
                        raise SystemExit(f"save {number}: the page did not reload within 30 s:\n{log.read_text()}")
                    time.sleep(0.02)
                timings["reloaded"] = time.monotonic() - started
                deadline = time.monotonic() + 30
                while len(timings) < 3 and time.monotonic() < deadline:
                    time.sleep(0.01)
                stop.set()
                for watcher in watchers:
                    watcher.join()
                print(f"save {number + 1}: " + ", ".join(f"{key} {timings.get(key, float('nan')):.2f} s" for key in ("rebuilt", "reloaded", "indexed")), flush=True)
                results.append(timings)
            browser.close()
    finally:
        stop_group(server)
    return results


def summary(results: list[dict], key: str) -> str:
    values = [r[key] for r in results if key in r]
    if not values:
        return "n/a"
    return f"{statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument("--project", type=Path, default=ROOT, help="the project whose `invoke livereload` is measured (default: this one)")
    parser.add_argument("--note", default="", help="what was measured, for the table")
    parser.add_argument("--append", action="store_true", help="add the figures to tests/benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mep-live-reload-") as workdir:
        results = measure(args.project.resolve(), args.saves, Path(workdir))
    columns = {key: summary(results, key) for key in ("rebuilt", "reloaded", "indexed")}
    print(f"median (fastest-slowest) of {len(results)} saves: " + ", ".join(f"save -> {key} {value}" for key, value in columns.items()))
    if args.append:
        load = os.getloadavg()[0]
        row = (f"| {datetime.date.today()} | {args.note or '-'} | {len(results)} | {columns['rebuilt']} | {columns['reloaded']} | "
               f"{columns['indexed']} | {os.cpu_count()} cores, load {load:.1f} |\n")
        with open(RESULTS, "a", encoding="utf-8") as handle:
            handle.write(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
