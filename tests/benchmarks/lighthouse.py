"""Benchmark: Lighthouse's four scores for the main kinds of page, on a phone and a desktop.

    .venv/bin/python tests/benchmarks/lighthouse.py [--runs 1] [--compare REV]

It builds the production site (`invoke preview`) for a local address, serves it there with
its _headers (tests/hosting.py, as the browser tests do: the Content-Security-Policy applies
and the stylesheet loads under it), and runs Lighthouse (npm `lighthouse`, pinned in
requirements/package-lock.json and installed by this script into .cache/node/benchmark) with
the system's Chromium ($CHROMIUM or /usr/bin/chromium) on the home page, the MEP explainer, a
case study, a service line and search, with Lighthouse's mobile defaults and its desktop
preset. With --runs N each score is the median of N runs. With --compare REV the site as it
was at git revision REV is built and served too, and measured in the same run, page by page
in turn, so both see the same machine load.

The results go to tests/benchmarks/LIGHTHOUSE.md with the date. This is a benchmark, not a
test: scores move with the machine's load (Lighthouse simulates a slow phone from what it
measures), so they are written down, not asserted. The goal is 100 in every category on every
page; the script prints the audits that keep a page below it.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from hosting import Host  # noqa: E402

from support import KIT_FILES, SITE_FILES, copy_project, invoke  # noqa: E402

TOOLS = ROOT / ".cache" / "node" / "benchmark"
MANIFESTS = [ROOT / "requirements" / "package.json", ROOT / "requirements" / "package-lock.json"]
RESULTS = ROOT / "tests" / "benchmarks" / "LIGHTHOUSE.md"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}
PAGES = {
    "home": "",
    "explainer": "breaking-it-down-mep-explained/",
    "case study": "beekley-medical/",
    "service line": "services/workforce-development/",
    "search": "search/",
}
FORM_FACTORS = ["mobile", "desktop"]


def install_lighthouse() -> Path:
    """`npm ci` of the pinned tools into .cache/node/benchmark, again whenever the lock changes."""
    key = hashlib.sha256(b"".join(path.read_bytes() for path in MANIFESTS)).hexdigest()
    stamp = TOOLS / ".installed"
    if not (stamp.exists() and stamp.read_text() == key):
        shutil.rmtree(TOOLS, ignore_errors=True)
        TOOLS.mkdir(parents=True)
        for path in MANIFESTS:
            shutil.copy2(path, TOOLS / path.name)
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=TOOLS, check=True)
        stamp.write_text(key)
    return TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"


def chromium() -> str:
    found = next(
        (
            c
            for c in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"))
            if c and Path(c).exists()
        ),
        None,
    )
    if not found:
        sys.exit("no Chromium: install Debian's chromium or set CHROMIUM=/path/to/it")
    return found


def checkout(rev: str, into: Path) -> Path:
    """The site's files as they were at git revision ``rev``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, *KIT_FILES, *SITE_FILES], cwd=ROOT, capture_output=True, check=True
    ).stdout
    into.mkdir(parents=True)
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(into, filter="data")
    return into


def build_and_serve(project: Path, stack: ExitStack) -> str:
    host = Host(project / "output")
    result = invoke(project, "preview", SITEURL=host.url)
    if result.returncode != 0:
        sys.exit(f"the build of {project} failed:\n{result.stdout}{result.stderr}")
    stack.enter_context(host)
    return host.url


def lighthouse(cli: Path, browser: str, url: str, form_factor: str) -> dict:
    cmd = [
        "node",
        str(cli),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if form_factor == "desktop":
        cmd.append("--preset=desktop")
    result = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": browser})
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url} ({form_factor}):\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    metrics = {short: report["audits"][audit]["numericValue"] for audit, short in METRICS.items()}
    # The audits that count towards a category's score (weight > 0) and did not score 1.
    weighted = {
        ref["id"] for name in CATEGORIES for ref in report["categories"][name]["auditRefs"] if ref["weight"] > 0
    }
    below = sorted(
        f"{audit['id']} ({audit['score']:.2f})"
        for audit in report["audits"].values()
        if audit["id"] in weighted and audit.get("score") is not None and audit["score"] < 1
    )
    return {
        "scores": scores,
        "metrics": metrics,
        "below": below,
        "version": report["lighthouseVersion"],
        "browser": report["environment"]["hostUserAgent"],
    }


def median_of(runs: list[dict]) -> dict:
    return {
        "scores": {name: statistics.median(run["scores"][name] for run in runs) for name in CATEGORIES},
        "metrics": {name: statistics.median(run["metrics"][name] for run in runs) for name in METRICS.values()},
        "below": sorted({item for run in runs for item in run["below"]}),
    }


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page and form factor (the median is kept)")
    parser.add_argument("--compare", metavar="REV", help="also measure the site as it was at this git revision")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()

    cli = install_lighthouse()
    browser = chromium()
    started = load_average()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work, ExitStack() as stack:
        work = Path(work)
        sites = {"this tree": build_and_serve(copy_project(work / "now", site=ROOT), stack)}
        if args.compare:
            sites[args.compare] = build_and_serve(checkout(args.compare, work / "then"), stack)
        measured: dict[tuple[str, str, str], list[dict]] = {}
        for _ in range(args.runs):
            for page, path in PAGES.items():
                for form_factor in FORM_FACTORS:
                    for site, url in sites.items():
                        run = lighthouse(cli, browser, f"{url}/{path}", form_factor)
                        measured.setdefault((site, page, form_factor), []).append(run)
                        print(f"{site:10} {page:13} {form_factor:8} {run['scores']}", flush=True)
    version, agent = run["version"], run["browser"]
    results = {key: median_of(runs) for key, runs in measured.items()}
    for (site, page, form_factor), result in results.items():
        if result["below"]:
            print(f"{site} / {page} / {form_factor}: below 100 on {', '.join(result['below'])}")
    write(args.output, results, args, version, agent, started, load_average())
    print(f"wrote {args.output}")


def write(output: Path, results: dict, args, version: str, agent: str, started: str, ended: str) -> None:
    chrome = next((part for part in agent.split() if part.startswith(("HeadlessChrome/", "Chrome/"))), agent)
    lines = [
        "# Lighthouse: the main kinds of page, phone and desktop",
        "",
        f"`tests/benchmarks/lighthouse.py --runs {args.runs}"
        + (f" --compare {args.compare}" if args.compare else "")
        + "`, run on "
        f"{datetime.date.today().isoformat()}: Lighthouse {version}, {chrome}, the production build served "
        "locally with its `_headers`. Mobile is Lighthouse's default (a mid-range phone on a slow 4G "
        "network, simulated); desktop is its `--preset=desktop`. "
        + (f"Each figure is the median of {args.runs} runs. " if args.runs > 1 else "One run each. ")
        + f"Machine: 2 cores, shared (load average {started} at the start, {ended} at the end), "
        "so timings, and the Performance score computed from them, move from run to run.",
        "",
        "| site | page | device | Performance | Accessibility | Best practices | SEO | FCP | LCP | TBT | CLS |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (site, page, form_factor), result in results.items():
        scores, metrics = result["scores"], result["metrics"]
        lines.append(
            f"| {site} | {page} | {form_factor} | "
            + " | ".join(f"{scores[name]:g}" for name in CATEGORIES)
            + f" | {metrics['FCP'] / 1000:.1f} s | {metrics['LCP'] / 1000:.1f} s | {metrics['TBT']:.0f} ms | {metrics['CLS']:.3f} |"
        )
    below = [(key, result["below"]) for key, result in results.items() if result["below"]]
    if below:
        lines += ["", "Audits that count towards a score and scored below 1:", ""]
        lines += [
            f"- {site} / {page} / {form_factor}: {', '.join(items)}" for (site, page, form_factor), items in below
        ]
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
