"""mep_kit.tools.check: what `invoke check` prints under GitHub Actions (the check itself runs
Pelican, so it is tested in the build tier: tests/build/test_check.py)."""

from __future__ import annotations

from mep_kit.core.errors import Problem
from mep_kit.tools.check import github_annotation


def test_github_annotation_escapes_as_github_requires():
    problem = Problem("content/a,b:c.md", 4, "100% wrong\r\nsecond line")
    assert github_annotation(problem) == "::error file=content/a%2Cb%3Ac.md,line=4::100%25 wrong%0D%0Asecond line"
    assert github_annotation(Problem("content/x.md", None, "m"), "notice") == "::notice file=content/x.md::m"


def test_the_report_lists_notices_then_problems_then_a_count():
    from mep_kit.tools.check import CheckResult, report

    result = CheckResult([Problem("a.md", 2, "bad")], [Problem("b.md", 1, "draft: ...")], ["x", "a.md", "b.md"])
    assert report(result) == ["b.md:1: note: draft: ...", "a.md:2: bad", "checked 3 files: 1 problem in 1 file"]
    assert report(result, annotate=True)[1] == "::notice file=b.md,line=1::draft: ..."
    assert report(CheckResult(files=["x"])) == ["checked 1 files: no problems"]
