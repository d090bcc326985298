"""Processes forked from the build, in one place: how many, whether it is safe, and the pool.

Reading (:mod:`mep_kit.content.readahead`), share cards (:func:`mep_kit.images.sharecards.make_ahead`)
and writing (:mod:`mep_kit.outputs.writer`) each fork processes that inherit the build's settings,
registry and templates; image encoding (:mod:`mep_kit.images.cache`) uses as many threads.
``BUILD_PROCESSES`` sets how many (:func:`processes`); forking is done only where it is safe
(:func:`can_fork`), and each forked process logs through a handler of its own
(:func:`child_start`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading

from .internals import is_live_refresh_thread


def cores() -> int:
    """The cores this process may use (both, on the project's machines)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def processes(settings) -> int:
    """How many processes read, draw and write: ``BUILD_PROCESSES``, else one per core usable."""
    return settings.get("BUILD_PROCESSES") or cores()


def can_fork() -> bool:
    """Forking copies only the thread that forks, so it is done only where fork is the norm
    (Linux) and no other thread runs (a browser driven by tests, an image encoder) but the
    one that redraws Pelican's "Generating..." line (rich's ``_RefreshThread``): forked
    processes never draw it, and log through a handler of their own (:func:`child_start`)."""
    others = [thread for thread in threading.enumerate() if thread is not threading.current_thread()]
    return sys.platform.startswith("linux") and all(is_live_refresh_thread(thread) for thread in others)


def child_start() -> None:
    """In each forked process: log to stderr through a plain handler, not through the
    console whose lock the redrawing thread may have held when the process was forked."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        plain = logging.StreamHandler(sys.stderr)
        plain.setLevel(handler.level)
        plain.filters = list(handler.filters)
        plain.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        root.removeHandler(handler)
        root.addHandler(plain)


def pool(count: int):
    """A pool of ``count`` processes forked from this one (check :func:`can_fork` first)."""
    return multiprocessing.get_context("fork").Pool(count, initializer=child_start)
