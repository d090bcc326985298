"""The house rules for Python, written down in pyproject.toml ([tool.ruff]): the linter finds
nothing and the formatter would change nothing, in the plugin, tasks.py, the settings and the
tests. `ruff check --fix` and `ruff format` mend most of what this reports."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_the_linter_finds_nothing():
    done = ruff("check", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_formatter_would_change_nothing():
    done = ruff("format", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr
