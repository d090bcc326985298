"""The plugin and tasks.py need only the project's runtime dependencies: a site installed
without the dev extras (the test and benchmark tools) imports every module of the plugin."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions

from support import ROOT

BLOCKED_IMPORTS = """
import importlib.abc, importlib.util, pkgutil, sys
blocked = set(sys.argv[1].split(","))
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ImportError(f"{name} is a dev extra, not a runtime dependency")
sys.meta_path.insert(0, Refuse())
sys.path[:0] = [sys.argv[2] + "/plugins", sys.argv[2]]
import mep_kit, tasks
for module in pkgutil.walk_packages(mep_kit.__path__, "mep_kit."):
    importlib.import_module(module.name)
"""


def dev_only_modules() -> set[str]:
    """The top-level modules of the dev extras' distributions that no runtime dependency
    also provides."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements):
        return {re.match(r"[A-Za-z0-9._-]+", requirement).group(0).lower().replace("_", "-") for requirement in requirements}

    dev, runtime = names(project["optional-dependencies"]["dev"]), names(project["dependencies"])
    modules = set()
    for module, distributions in packages_distributions().items():
        owners = {name.lower().replace("_", "-") for name in distributions}
        if owners & dev and not owners & runtime:
            modules.add(module)
    return modules


def test_every_module_of_the_plugin_imports_without_the_dev_extras():
    blocked = dev_only_modules()
    assert {"bs4", "pytest", "playwright"} <= blocked, "the dev extras are installed where the tests run"
    done = subprocess.run([sys.executable, "-c", BLOCKED_IMPORTS, ",".join(sorted(blocked)), str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
