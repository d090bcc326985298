"""The Chromium the browser tests drive: $CHROMIUM, else the system's (`make test` installs
Debian's `chromium` package when there is none), started headless with the flags this
machine and CI need."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path() -> str:
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"), shutil.which("google-chrome")]
    found = next((c for c in candidates if c and Path(c).exists()), None)
    assert found, "no Chromium for the browser tests: run `make test` (it installs one) or set CHROMIUM=/path/to/chromium"
    return found


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
