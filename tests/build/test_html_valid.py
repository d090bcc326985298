"""Every HTML file of the production build is valid HTML: the Nu HTML Checker (vnu.jar, the
W3C's checker, from the npm package `vnu-jar` pinned in requirements/package-lock.json) finds no
error in any of them.

vnu runs on Java. `make test` installs both when missing (Debian's default-jre-headless, and
`npm ci` of the pinned package into .cache/node/test); VNU_JAR=/path/to/vnu.jar uses another.
All files go to one JVM, with a page that is known to be invalid among them, so a checker
that ran on nothing, or output this test misread, cannot pass for a clean site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR") or ROOT / ".cache" / "node" / "test" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
INVALID = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Known bad</title></head>
<body><p>A paragraph <div>cannot hold a div</div></p><a href="two words">link</a></body></html>
"""


def vnu(files: list[Path]) -> list[dict]:
    """vnu's messages for ``files``, each with the file it is about."""
    java = shutil.which("java")
    assert java, "no Java to run the Nu HTML Checker: run `make test` (it installs default-jre-headless)"
    assert VNU_JAR.is_file(), f"no {VNU_JAR}: run `make test` (it installs the pinned vnu-jar), or set VNU_JAR=/path/to/vnu.jar"
    cmd = [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    try:
        return json.loads(result.stderr)["messages"]  # vnu writes its report to stderr
    except json.JSONDecodeError:
        raise AssertionError(f"vnu printed no JSON report:\n{result.stderr[:2000]}") from None


def test_every_page_of_the_production_build_is_valid_html(prod_site, events_before, tmp_path):
    """The shipped site's pages, and those of the fixture site with generated events (the
    shipped site has none): the event pages, upcoming and past, /events/, and every page with
    the event banner."""
    pages = prod_site.html_files()
    assert len(pages) >= 36
    with_events = events_before.html_files()
    assert {"events/index.html", "events/lean-basics-webinar/index.html", "events/safety-roundtable/index.html"} <= {
        p.relative_to(events_before.output).as_posix() for p in with_events}
    known_bad = tmp_path / "known-bad.html"
    known_bad.write_text(INVALID, encoding="utf-8")

    messages = vnu([*pages, *with_events, known_bad])
    errors: dict[str, list[str]] = {}
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            path = Path(message.get("url", "").removeprefix("file:"))
            site = next((site for site in (prod_site, events_before) if path.is_relative_to(site.output)), None)
            name = path.name if site is None else f"{site.output.parent.name}/{path.relative_to(site.output).as_posix()}"
            errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")

    assert len(errors.pop(known_bad.name, [])) >= 2, "the checker reports the known-bad page's errors"
    assert errors == {}
