"""mep_kit.core.forking: how many processes, whether forking is safe, and what a forked one logs through."""

from __future__ import annotations

import logging
import threading

from mep_kit.core.forking import can_fork, child_start, cores, processes


def test_build_processes_is_how_many_else_every_core():
    assert cores() >= 1
    assert processes({}) == processes({"BUILD_PROCESSES": None}) == cores()
    assert processes({"BUILD_PROCESSES": 1}) == 1 and processes({"BUILD_PROCESSES": 3}) == 3


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        other.join()


def test_a_forked_process_logs_through_plain_handlers_with_the_same_level_and_filters(monkeypatch):
    root = logging.getLogger()
    console = logging.Handler(level=logging.WARNING)
    only_kit = logging.Filter("mep_kit")
    console.addFilter(only_kit)
    monkeypatch.setattr(root, "handlers", [console])
    child_start()
    (plain,) = root.handlers
    assert type(plain) is logging.StreamHandler and plain.level == logging.WARNING and plain.filters == [only_kit]
