"""Errors the plugin raises for bad content, formatted like a compiler's.

Every message names the file, the line where it is known, the field, and what was
expected, so a writer can fix the problem without reading a traceback::

    content/data/figures.toml:12: national-sales: 'value': expected a number, got 'lots'
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file."""

    path: str
    line: int | None
    message: str

    def sort_key(self) -> tuple:
        """File, then line (problems of the whole file first), then message."""
        return (self.path, self.line or 0, self.message)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Bad input: carries every problem found, so the writer sees them all at once."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = sorted(problems if isinstance(problems, list) else [problems], key=Problem.sort_key)
        super().__init__(self._text())

    def _text(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = "\n".join(f"  {p}" for p in self.problems)
        return f"{len(self.problems)} problems in the content:\n{lines}"


def line_of(text: str, needle: str, start_line: int = 1) -> int | None:
    """The 1-based line of the first occurrence of ``needle`` in ``text``, or None."""
    index = text.find(needle)
    if index < 0:
        return None
    return text.count("\n", 0, index) + start_line


def _normal(text: str) -> str:
    """Text as compared when locating a problem: character references decoded, tabs,
    newlines and other control characters removed, lower case."""
    return re.sub(r"[\x00-\x1f]", "", html.unescape(text)).lower()


def locate(text: str, needles, start_line: int = 1) -> int | None:
    """The 1-based line of ``text`` (starting at ``start_line``) where the first of
    ``needles`` that occurs is found, compared as a browser would read them (see
    :func:`_normal`); None if none is found."""
    lines = text.split("\n")
    normal = [_normal(line) for line in lines]
    for needle in needles:
        if not needle:
            continue
        for number, line in enumerate(lines):
            if needle in line:
                return number + start_line
        wanted = _normal(needle)
        if not wanted:
            continue
        for number, line in enumerate(normal):
            if wanted in line:
                return number + start_line
    return None


class Superseded(logging.Filter):
    """Holds back Pelican's warnings about what the plugin's checks report themselves, with
    the file and line (images without alt text, links to nothing), so a strict build stops
    on the plugin's message, not on Pelican's."""

    PREFIXES = ("Empty alt attribute for image", "Unable to find", "{filename} used for linking", "Cannot get modification stamp")

    def filter(self, record):
        return not str(record.msg).startswith(self.PREFIXES)


class NoTraceback(logging.Filter):
    """Pelican logs the exception that ends a build with its traceback; for a build stopped
    by a warning (``--fatal warnings``), the warning itself, already printed, says what is
    wrong: keep the one line, drop the traceback (unless Pelican runs with --debug)."""

    def filter(self, record):
        if record.levelno >= logging.CRITICAL and record.exc_info and logging.getLogger().getEffectiveLevel() > logging.DEBUG:
            record.exc_info = None
            record.exc_text = None
        return True


def install_log_filters() -> None:
    """Once per process (idempotent): see :class:`Superseded` and :class:`NoTraceback`."""
    for name, kind in (("pelican.readers", Superseded), ("pelican.contents", Superseded), ("pelican.cache", Superseded), ("pelican", NoTraceback)):
        logger = logging.getLogger(name)
        if not any(isinstance(f, kind) for f in logger.filters):
            logger.addFilter(kind())
