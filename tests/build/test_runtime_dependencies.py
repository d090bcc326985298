"""A site installed with the project's runtime dependencies alone (no dev extras: the test and
benchmark tools) builds: the fixture site, with every dev extra refused at import."""

from __future__ import annotations

import subprocess
import sys

from support import FIXTURE, REFUSE_DEV_EXTRAS, ROOT, dev_only_modules

BUILD_WITHOUT_DEV_EXTRAS = (
    REFUSE_DEV_EXTRAS
    + """
from pelican import main
main([sys.argv[2], "-s", sys.argv[3], "-o", sys.argv[4], "--fatal", "warnings"])
"""
)


def test_the_fixture_site_builds_without_the_dev_extras(tmp_path):
    output = tmp_path / "output"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            BUILD_WITHOUT_DEV_EXTRAS,
            ",".join(sorted(dev_only_modules())),
            str(FIXTURE / "content"),
            str(FIXTURE / "publishconf.py"),
            str(output),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "SITEURL": "https://fixture-mep.example", "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert (output / "index.html").is_file() and (output / "sitemap.xml").is_file()
