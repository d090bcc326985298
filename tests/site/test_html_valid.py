"""Every page of the site the center ships is valid HTML: the Nu HTML Checker finds no error
(support.vnu_errors; the kit's own pages are checked in tests/build/test_html_valid.py)."""

from __future__ import annotations

from support import INVALID_HTML, vnu_errors


def test_every_page_of_the_production_build_is_valid_html(prod_site, tmp_path):
    pages = prod_site.html_files()
    assert pages
    known_bad = tmp_path / "known-bad.html"
    known_bad.write_text(INVALID_HTML, encoding="utf-8")
    errors = vnu_errors([prod_site], [*pages, known_bad])
    assert len(errors.pop(known_bad.name, [])) >= 2, "the checker reports the known-bad page's errors"
    assert errors == {}
