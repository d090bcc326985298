"""A build freezes its content for the collector once it is read (mep_kit.all_generators_finalized)
and leaves nothing frozen when it ends, whether it wrote the site or stopped on a problem: a
process that builds again and again (the development server) would otherwise keep every
build's objects for good."""

from __future__ import annotations

from support import run_fresh

#: Two in-process builds of the shipped site, the second stopped by a problem the site
#: check reports; each prints how many objects it left frozen.
TWO_BUILDS = """
import gc, sys
from pelican import main
from mep_kit import sitecheck
from mep_kit.errors import Problem

args = ["content", "-s", "publishconf.py", "-o", sys.argv[1], "-q", "-e", "BUILD_PROCESSES=2"]
frozen = []
real = gc.freeze
gc.freeze = lambda: (real(), frozen.append(gc.get_freeze_count()))
main(args)
print("built", gc.get_freeze_count(), min(frozen) > 0)
sitecheck.check = lambda *a, **k: ([Problem("content/pages/about.md", 1, "a problem")], [])
try:
    main(args)
except SystemExit as stop:
    print("stopped", gc.get_freeze_count(), stop.code)
"""


def test_a_build_leaves_nothing_frozen_whether_it_wrote_or_stopped(tmp_path):
    lines = run_fresh(TWO_BUILDS, tmp_path / "output").stdout.split("\n")
    assert "built 0 True" in lines, "frozen while it built, nothing frozen after"
    assert "stopped 0 1" in lines, "a stopped build unfreezes too"
