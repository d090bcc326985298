"""Progress of the build's long work: encoding photos, drawing share cards, indexing for search.

A cold build of a site with many photos encodes for minutes; nothing may look stuck. Each piece
of long work is a :class:`Progress`: in a terminal, a bar with its counts and time (rich, which
Pelican itself prints with), gone when the work is done; elsewhere (CI logs, a build whose
output is captured), a plain line every :data:`INTERVAL` seconds while the work goes on, so a
short piece of work prints nothing. What was made and what was taken from ``.cache/`` is said
once, by the build (:func:`summary`).

A build runs in a process of its own whose output goes through invoke: ``invoke build`` tells
it (``MEP_KIT_PROGRESS=bar``) when its own output is a terminal; ``CI`` set, or the variable
``MEP_KIT_PROGRESS=lines``, asks for plain lines.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable

#: Seconds between two plain lines about the same work.
INTERVAL = 5.0
#: The environment variable that says how progress is shown: "bar" or "lines".
MODE = "MEP_KIT_PROGRESS"


def shows_bar(environ=os.environ, stream=None) -> bool:
    """Whether progress is a bar (a terminal) rather than plain lines."""
    mode = environ.get(MODE, "")
    if mode in ("bar", "lines"):
        return mode == "bar"
    if environ.get("CI"):
        return False
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


class Progress:
    """``with Progress("Encoding photos", 40) as progress: ... progress.advance()``."""

    def __init__(
        self,
        what: str,
        total: int,
        *,
        bar: bool | None = None,
        stream=None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.what = what
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.bar = shows_bar(stream=self.stream) if bar is None else bar
        self.clock = clock
        self._rich = None
        self._task = None
        self._started = self._last = 0.0

    def __enter__(self) -> Progress:
        self._started = self._last = self.clock()
        if self.bar and self.total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            self._rich = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(file=self.stream, force_terminal=True),
                transient=True,
            )
            self._rich.start()
            self._task = self._rich.add_task(self.what, total=self.total)
        return self

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self._rich is not None:
            self._rich.update(self._task, completed=self.done)
            return
        now = self.clock()
        if now - self._last >= INTERVAL and self.done < self.total:
            self._last = now
            print(
                f"{self.what}: {self.done} of {self.total}, {now - self._started:.0f} s", file=self.stream, flush=True
            )

    def __exit__(self, *exc) -> None:
        if self._rich is not None:
            self._rich.stop()
            self._rich = None


class Reported:
    """A :class:`Progress` for work that says its size once it knows it: ``report(done,
    total)``, called first with ``done`` 0; ``total`` is kept for the summary."""

    def __init__(self, what: str, **options):
        self.what = what
        self.options = options
        self.total = 0
        self.progress: Progress | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None and total:
            self.total = total
            self.progress = Progress(self.what, total, **self.options).__enter__()
        if self.progress is not None:
            self.progress.advance(done - self.progress.done)

    def __enter__(self) -> Reported:
        return self

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.__exit__(*exc)
            self.progress = None


class Waiting:
    """Work whose progress cannot be counted (another program running): a spinner with the
    time in a terminal; elsewhere a line every :data:`INTERVAL` seconds while it runs."""

    def __init__(self, what: str, *, bar: bool | None = None, stream=None, interval: float = INTERVAL):
        self.what = what
        self.stream = stream or sys.stderr
        self.bar = shows_bar(stream=self.stream) if bar is None else bar
        self.interval = interval
        self._status = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _tick(self) -> None:
        started = time.monotonic()
        while not self._stop.wait(self.interval):
            print(f"{self.what}: {time.monotonic() - started:.0f} s", file=self.stream, flush=True)

    def __enter__(self) -> Waiting:
        if self.bar:
            from rich.console import Console

            self._status = Console(file=self.stream, force_terminal=True).status(self.what)
            self._status.start()
        else:
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._status is not None:
            self._status.stop()
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def summary(parts: list[tuple[str, int, int]], cache: str) -> str | None:
    """One line: for each (what, made, total) with something in it, how many were made and
    how many taken from ``cache``; None when there was nothing."""
    said = [f"{what}: {made} made, {total - made} from {cache}" for what, made, total in parts if total]
    return "; ".join(said) + "." if said else None
