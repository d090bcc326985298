"""Benchmark: how long a writer waits between saving a file and seeing it, under `make serve`.

    python tests/benchmarks/live_reload.py [--saves N] [--posts N] [--project PATH] [--note TEXT] [--append]

Starts `invoke livereload` in a copy of the project (this one, or the project at PATH: an
older commit's files, for a before/after), opens an article in headless Chromium (the tests'
own, support.launch_chromium) and waits for its reload client to connect. Then N times (7 by
default), a second and a half apart, it appends a new word to that article's Markdown file and
measures, from the moment the file is written:

  rebuilt   until output/<article>/index.html holds the word (polled every 5 ms);
  reloaded  until the page open in the browser shows it, having reloaded by itself (the
            page is asked every 20 ms, so this is up to 20 ms late);
  indexed   until output/pagefind/ is the index of the new site (its entry file changed).

With --posts N it adds bench.py's N generated posts to the copy and starts `hugo server` on
the same posts beside it (bench.py's Hugo site); every save goes to the post in the middle of
the list, the kit's copy and Hugo's one after the other. Hugo's server keeps its pages in
memory, so for it only "reloaded" is measured.

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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))  # bench.py: the generated posts and Hugo
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


@dataclass
class Served:
    """One development server under measurement: what starts it, the page open in the
    browser, the Markdown file saved, and (for the kit) the files that say it rebuilt."""

    name: str
    argv: list[str]
    cwd: Path
    url_path: str
    source: Path
    page: Path | None = None  # the built page (Hugo's server keeps its pages in memory)
    index_entry: Path | None = None
    env: dict = field(default_factory=dict)
    ready: str = "/"


def kit_server(site: Path, port: int, url_path: str, source: Path, page: Path) -> Served:
    return Served(
        "kit",
        [sys.executable, "-m", "invoke", "livereload"],
        site,
        url_path,
        source,
        page,
        site / "output" / "pagefind" / "pagefind-entry.json",
        {"HOST": "127.0.0.1", "PORT": str(port)},
    )


def hugo_server(site: Path, port: int, url_path: str, source: Path) -> Served:
    from bench import hugo_binary

    argv = [
        hugo_binary(),
        "server",
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--cacheDir",
        str(site / ".cache"),
        "--logLevel",
        "info",
    ]
    return Served("hugo", argv, site, url_path, source)


def reload_connected(page) -> bool:
    """The page's live-reload client is connected: the kit's LiveReload or Hugo's (the same
    livereload.js, which Hugo injects into every page it serves)."""
    return bool(
        evaluate(
            page, "!!(window.LiveReload && window.LiveReload.connector && window.LiveReload.connector.protocol > 0)"
        )
    )


def save_once(server: Served, page, number: int, log: Path) -> dict:
    """Append a new word to the server's source file and time it to the built page, the
    reloaded browser page, and the search index (where the server has them)."""
    marker = f"Measured-{server.name}-{number}-{time.monotonic_ns()}"
    entry_before = read_or_none(server.index_entry) if server.index_entry else None
    timings: dict[str, float] = {}
    stop = threading.Event()
    text = server.source.read_text(encoding="utf-8") + f"\n{marker}\n"
    started = time.monotonic()
    server.source.write_text(text, encoding="utf-8")
    watchers = []
    if server.page:
        watchers.append(
            threading.Thread(
                target=watch_file,
                args=(server.page, lambda p: marker.encode() in p.read_bytes(), timings, "rebuilt", started, stop),
            )
        )
    if server.index_entry:
        watchers.append(
            threading.Thread(
                target=watch_file,
                args=(
                    server.index_entry,
                    lambda p: read_or_none(p) not in (None, entry_before),
                    timings,
                    "indexed",
                    started,
                    stop,
                ),
            )
        )
    for watcher in watchers:
        watcher.start()
    while not evaluate(page, f"document.body !== null && document.body.innerText.includes({marker!r})"):
        if time.monotonic() - started > 30:
            raise SystemExit(f"{server.name}, save {number}: the page did not reload within 30 s:\n{log.read_text()}")
        time.sleep(0.02)
    timings["reloaded"] = time.monotonic() - started
    deadline = time.monotonic() + 30
    while len(timings) < 1 + len(watchers) and time.monotonic() < deadline:
        time.sleep(0.01)
    stop.set()
    for watcher in watchers:
        watcher.join()
    return timings


def measure(servers: list[Served], saves: int, workdir: Path) -> dict[str, list[dict]]:
    """Start every server, open its page, then save N times, one server after the other
    (round-robin, so a change in the machine's load lands on all alike)."""
    from playwright.sync_api import sync_playwright

    results: dict[str, list[dict]] = {server.name: [] for server in servers}
    processes = []
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            pages = {}
            for server in servers:
                log = workdir / f"{server.name}.log"
                with open(log, "w") as handle:
                    process = subprocess.Popen(
                        server.argv,
                        cwd=server.cwd,
                        stdout=handle,
                        stderr=subprocess.STDOUT,
                        env={**os.environ, **server.env},
                        start_new_session=True,
                    )
                processes.append(process)
                port = server.env.get("PORT") or server.argv[server.argv.index("--port") + 1]
                base = f"http://127.0.0.1:{port}"
                wait_for_url(f"{base}{server.ready}", process, log, seconds=300)
                page = browser.new_page()
                page.goto(f"{base}{server.url_path}")
                deadline = time.monotonic() + 15
                while not reload_connected(page):
                    assert time.monotonic() < deadline, f"{server.name}: the reload client did not connect"
                    time.sleep(0.05)
                pages[server.name] = (page, log)
            for number in range(saves):
                for server in servers:
                    page, log = pages[server.name]
                    page.wait_for_timeout(1500)  # the last rebuild, reload and index are over
                    timings = save_once(server, page, number, log)
                    print(
                        f"{server.name} save {number + 1}: "
                        + ", ".join(f"{key} {value:.2f} s" for key, value in sorted(timings.items())),
                        flush=True,
                    )
                    results[server.name].append(timings)
            browser.close()
    finally:
        for process in processes:
            stop_group(process)
    return results


def servers_for(project: Path, posts: int, workdir: Path) -> list[Served]:
    """Without --posts: the kit alone, on the project as it is, saving the MEP explainer.
    With --posts N: bench.py's N generated posts, the kit beside `hugo server`, both saving
    the same post (the one in the middle of the list)."""
    if not posts:
        site = copy_project(workdir / "site", project)
        return [kit_server(site, free_port(), "/breaking-it-down-mep-explained/", site / ARTICLE, site / PAGE)]
    from bench import BENCH_FOLDER, Workspace

    ws = Workspace.create(workdir / "sites", posts, project=project)
    post = ws.posts[len(ws.posts) // 2]
    slug = post.filename.removesuffix(".md")
    kit = kit_server(
        ws.kit,
        free_port(),
        f"/{slug}/",
        ws.kit / "content" / BENCH_FOLDER / post.filename,
        ws.kit / "output" / slug / "index.html",
    )
    hugo = hugo_server(
        ws.hugo, free_port(), f"/{BENCH_FOLDER.as_posix()}/{slug}/", ws.hugo / "content" / BENCH_FOLDER / post.filename
    )
    return [kit, hugo]


def summary(results: list[dict], key: str) -> str:
    values = [r[key] for r in results if key in r]
    if not values:
        return "n/a"
    return f"{statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument(
        "--posts",
        type=int,
        default=0,
        metavar="N",
        help="add N generated posts (bench.py's) and measure `hugo server` on the same posts, alternating",
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=ROOT,
        help="the project whose `invoke livereload` is measured (default: this one)",
    )
    parser.add_argument("--note", default="", help="what was measured, for the table")
    parser.add_argument("--append", action="store_true", help="add the figures to tests/benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mep-live-reload-") as workdir:
        results = measure(servers_for(args.project.resolve(), args.posts, Path(workdir)), args.saves, Path(workdir))
    load = os.getloadavg()[0]
    rows = []
    for name, found in results.items():
        columns = {key: summary(found, key) for key in ("rebuilt", "reloaded", "indexed")}
        print(
            f"{name}: median (fastest-slowest) of {len(found)} saves: "
            + ", ".join(f"save -> {key} {value}" for key, value in columns.items())
        )
        what = " ".join(
            part for part in (args.note or "-", f"({name}, {args.posts:,} posts)" if args.posts else "") if part
        )
        rows.append(
            f"| {datetime.date.today()} | {what} | {len(found)} | {columns['rebuilt']} | {columns['reloaded']} | "
            f"{columns['indexed']} | {os.cpu_count()} cores, load {load:.1f} |\n"
        )
    if len(results) > 1:
        kit, hugo = (statistics.median(r["reloaded"] for r in results[name]) for name in ("kit", "hugo"))
        print(f"save -> reloaded, kit / hugo: {kit / hugo:.2f}x")
    if args.append:  # a table of its own, under the file's last heading
        with open(RESULTS, "a", encoding="utf-8") as handle:
            handle.write(
                f"\n### {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · live reload · {args.saves} saves\n\n"
                "| date | what | saves | save → rebuilt | save → reloaded | save → indexed | machine |\n"
                "|---|---|---|---|---|---|---|\n"
            )
            handle.writelines(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
