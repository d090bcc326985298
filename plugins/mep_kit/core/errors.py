"""Errors the plugin raises for bad content, formatted like a compiler's.

Every message names the file, the line where it is known, the field, and what was
expected, so a writer can fix the problem without reading a traceback::

    content/data/figures.toml:12: national-sales: 'value': expected a number, got 'lots'
"""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .paths import display_path

#: Control characters that no text of the site may hold (tab, LF and CR are text).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Names of the C0 control characters, for messages.
CONTROL_NAMES = (
    "NUL",
    "SOH",
    "STX",
    "ETX",
    "EOT",
    "ENQ",
    "ACK",
    "BEL",
    "BS",
    "TAB",
    "LF",
    "VT",
    "FF",
    "CR",
    "SO",
    "SI",
    "DLE",
    "DC1",
    "DC2",
    "DC3",
    "DC4",
    "NAK",
    "SYN",
    "ETB",
    "CAN",
    "EM",
    "SUB",
    "ESC",
    "FS",
    "GS",
    "RS",
    "US",
)


def control_character(char: str) -> str:
    """``U+0000 (NUL)``: a control character as messages name it."""
    code = ord(char)
    name = CONTROL_NAMES[code] if code < 32 else "DEL"
    return f"U+{code:04X} ({name})"


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

    PREFIXES = (
        "Empty alt attribute for image",
        "Unable to find",
        "{filename} used for linking",
        "Cannot get modification stamp",
    )

    def filter(self, record):
        return not str(record.msg).startswith(self.PREFIXES)


class NoTraceback(logging.Filter):
    """Pelican logs the exception that ends a build with its traceback; for a build stopped
    by a warning (``--fatal warnings``), the warning itself, already printed, says what is
    wrong: keep the one line, drop the traceback (unless Pelican runs with --debug)."""

    def filter(self, record):
        if (
            record.levelno >= logging.CRITICAL
            and record.exc_info
            and logging.getLogger().getEffectiveLevel() > logging.DEBUG
        ):
            record.exc_info = None
            record.exc_text = None
        return True


def _named_files(args) -> list[str]:
    """The files a log record's arguments name: paths of existing files, and content objects
    (whose text is their source path), absolute."""
    found = []
    for arg in args if isinstance(args, tuple) else ():
        path = getattr(arg, "source_path", None) or (arg if isinstance(arg, str) else None)
        if path and len(path) < 4096 and "\n" not in path and os.path.isfile(path):
            found.append(os.path.abspath(path))
    return list(dict.fromkeys(found))


def log_problems(record: logging.LogRecord, fallback: str) -> list[Problem]:
    """A warning or error Pelican logged, as problems of the files it names (of ``fallback``,
    the settings file, when it names none): one line each, paths as messages show them."""
    files = _named_files(record.args)
    message = record.getMessage()
    if record.exc_info and record.exc_info[1] is not None:
        message += f": {type(record.exc_info[1]).__name__}: {record.exc_info[1]}"
    if len(files) > 1:  # listed in the order Pelican read them: listed sorted instead
        for path in files:
            message = message.replace(path, "")
        message = f"{message.rstrip()} {' '.join(sorted(map(display_path, files)))}"
    for path in files:
        message = message.replace(path, display_path(path))
    message = " ".join(message.split())
    return [Problem(display_path(path), None, message) for path in files] or [Problem(fallback, None, message)]


class PelicanLog(logging.Filter):
    """While a build is under way (:meth:`start` to :meth:`stop`), Pelican's own warnings and
    errors do not reach the console one by one, wrapped to its width, nor stop a strict
    build at the first one: each is kept as a :class:`Problem` (:func:`log_problems`), and the
    build reports it in its one sorted list with every other problem. Pelican's critical
    message (the exception that ended it) goes through as ever."""

    #: Pelican's warnings about two items with one slug: the site check reports the same
    #: clash with its line (duplicate slug, one output path), so these are dropped for files
    #: it already reports (:meth:`take`).
    ALSO_CHECKED = ("There are ", "All items (")

    def __init__(self):
        super().__init__()
        self.kept: list[tuple[logging.LogRecord, list[Problem]]] | None = None
        self.fallback = "pelicanconf.py"

    def start(self, settings_file: str) -> None:
        """Keep what Pelican logs from now on; a message that names no file is a problem of
        ``settings_file`` (as messages name it)."""
        self.kept = []
        self.fallback = settings_file
        attach(self)

    def stop(self) -> None:
        """Let Pelican print what it logs again (the build is over)."""
        self.kept = None
        for logger in pelican_loggers():
            if self in logger.filters:
                logger.removeFilter(self)

    def filter(self, record):
        if self.kept is None or not logging.WARNING <= record.levelno < logging.CRITICAL:
            return True
        self.kept.append((record, log_problems(record, self.fallback)))
        return False

    def take(self, reported: Iterable[Problem] = ()) -> list[Problem]:
        """The problems kept so far (then forgotten), less those the plugin's own checks
        report better (see :data:`ALSO_CHECKED`): ``reported`` are the build's problems."""
        kept, self.kept = self.kept or [], ([] if self.kept is not None else None)
        checked = {problem.path for problem in reported}
        problems = []
        for record, found in kept:
            if str(record.msg).startswith(self.ALSO_CHECKED) and all(problem.path in checked for problem in found):
                continue
            problems += found
        return problems


#: The one :class:`PelicanLog` of this process.
PELICAN_LOG = PelicanLog()


def pelican_loggers() -> list[logging.Logger]:
    """The loggers of Pelican and its plugins made so far."""
    names = [name for name in logging.root.manager.loggerDict if name == "pelican" or name.startswith("pelican.")]
    return [logging.getLogger(name) for name in names]


def attach(log_filter: logging.Filter) -> None:
    """Put ``log_filter`` on every logger of Pelican and its plugins made so far (a logger's
    filters see only its own records; Pelican's strict mode stops only on records they let
    through). Idempotent."""
    for logger in pelican_loggers():
        if log_filter not in logger.filters:
            logger.addFilter(log_filter)


def install_log_filters() -> None:
    """Once per process (idempotent): see :class:`Superseded` and :class:`NoTraceback`."""
    for name, kind in (
        ("pelican.readers", Superseded),
        ("pelican.contents", Superseded),
        ("pelican.cache", Superseded),
        ("pelican", NoTraceback),
    ):
        logger = logging.getLogger(name)
        if not any(isinstance(f, kind) for f in logger.filters):
            logger.addFilter(kind())
