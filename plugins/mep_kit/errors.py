"""Errors the plugin raises for bad content, formatted like a compiler's.

Every message names the file, the line where it is known, the field, and what was
expected, so a writer can fix the problem without reading a traceback::

    content/data/figures.toml:12: national-sales: 'value': expected a number, got 'lots'
"""

from __future__ import annotations

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
