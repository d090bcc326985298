"""Every HTML file of the production build is valid HTML: the Nu HTML Checker (vnu.jar, the
W3C's checker, from the npm package `vnu-jar` pinned in requirements/package-lock.json) finds no
error in any of them.

vnu runs on Java. `make test` installs both when missing (Debian's default-jre-headless, and
`npm ci` of the pinned package into .cache/node/test); VNU_JAR=/path/to/vnu.jar uses another.
All files go to one JVM, with a page that is known to be invalid among them, so a checker
that ran on nothing, or output this test misread, cannot pass for a clean site."""

from __future__ import annotations

from support import INVALID_HTML, vnu_errors


def test_every_page_of_the_production_build_is_valid_html(fixture_prod, events_before, tmp_path):
    """The fixture site's pages, and those of the fixture site with generated events: the event
    pages, upcoming and past, /events/, and every page with the event banner. (The site the
    center ships is checked in the site tier.)"""
    with_events = events_before.html_files()
    assert {"events/index.html", "events/lean-basics-webinar/index.html", "events/safety-roundtable/index.html"} <= {
        p.relative_to(events_before.output).as_posix() for p in with_events
    }
    known_bad = tmp_path / "known-bad.html"
    known_bad.write_text(INVALID_HTML, encoding="utf-8")
    errors = vnu_errors([fixture_prod, events_before], [*fixture_prod.html_files(), *with_events, known_bad])
    assert len(errors.pop(known_bad.name, [])) >= 2, "the checker reports the known-bad page's errors"
    assert errors == {}
