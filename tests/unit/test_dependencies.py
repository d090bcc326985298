"""The plugin and tasks.py need only the project's runtime dependencies: a site installed
without the dev extras (the test and benchmark tools) imports every module of the plugin."""

from __future__ import annotations

import subprocess
import sys

from support import REFUSE_DEV_EXTRAS, ROOT, dev_only_modules

BLOCKED_IMPORTS = (
    REFUSE_DEV_EXTRAS
    + """
import importlib, pkgutil
sys.path[:0] = [sys.argv[2] + "/plugins", sys.argv[2]]
import mep_kit, tasks
for module in pkgutil.walk_packages(mep_kit.__path__, "mep_kit."):
    importlib.import_module(module.name)
"""
)


def test_every_module_of_the_plugin_imports_without_the_dev_extras():
    blocked = dev_only_modules()
    assert {"bs4", "pytest", "playwright"} <= blocked, "the dev extras are installed where the tests run"
    done = subprocess.run(
        [sys.executable, "-c", BLOCKED_IMPORTS, ",".join(sorted(blocked)), str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
