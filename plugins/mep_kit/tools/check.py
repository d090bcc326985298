"""``invoke check``: the build's own reading and checking, with nothing written.

:func:`run_check` starts Pelican with the site's settings, lets it read and render every
file through its real readers and generators (the plugin checks each file as it is read,
then the whole site: :mod:`mep_kit.checks.sitecheck`), and stops before the writer runs. So the
check sees exactly what a build would publish, and a build fails on exactly what the check
reports. Drafts and future-dated posts are returned apart, as notices.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core import state
from ..core.errors import ContentError, Problem


@dataclass
class CheckResult:
    """What :func:`run_check` found: problems (errors), notices (drafts, future posts)
    and the files it read, all paths as shown in messages."""

    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def run_check(settings_file: str | os.PathLike, root: str | os.PathLike | None = None, **overrides) -> CheckResult:
    """Read and check the site of ``settings_file`` as a build would, writing nothing.
    Paths in messages are relative to ``root`` (default: the current folder)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    from ..plugin import CheckComplete

    previous = os.getcwd()
    os.chdir(root or previous)
    state.check_only = True
    state.settings_file = str(Path(previous, settings_file))
    try:
        with tempfile.TemporaryDirectory(prefix="mep-check-") as scratch:
            # Nothing is written: the run stops before the writer. The output folder is a
            # scratch one all the same, so no setting can make a check touch output/.
            override = {"OUTPUT_PATH": os.path.join(scratch, "output"), "DELETE_OUTPUT_DIRECTORY": False, **overrides}
            settings = read_settings(str(Path(previous, settings_file)), override=override)
            try:
                Pelican(settings).run()
            except CheckComplete as done:
                build = done.build
                return CheckResult(
                    sorted(build.problems, key=Problem.sort_key),
                    sorted(build.notices, key=Problem.sort_key),
                    build.files,
                )
            except ContentError as error:  # settings or the figures registry: nothing was read
                return CheckResult(error.problems, [], [problem.path for problem in error.problems])
            raise RuntimeError("the mep_kit plugin did not run: is it in PLUGINS?")
    finally:
        state.check_only = False
        state.settings_file = None
        os.chdir(previous)


def report(result: CheckResult, annotate: bool = False) -> list[str]:
    """What ``invoke check`` prints: notices, then problems, one line each (each followed by
    its GitHub Actions annotation when ``annotate``), then a count."""
    lines = []
    for level, items in (("notice", result.notices), ("error", result.problems)):
        for item in items:
            lines.append(
                str(item)
                if level == "error"
                else f"{f'{item.path}:{item.line}' if item.line else item.path}: note: {item.message}"
            )
            if annotate:
                lines.append(github_annotation(item, level))
    count, files = len(result.problems), len({problem.path for problem in result.problems})
    if count:
        lines.append(
            f"checked {len(result.files)} files: {count} problem{'s' * (count != 1)} in {files} file{'s' * (files != 1)}"
        )
    else:
        lines.append(f"checked {len(result.files)} files: no problems")
    return lines


def github_annotation(problem: Problem, level: str = "error") -> str:
    """A GitHub Actions workflow command that shows ``problem`` on the file's line."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    where = f"file={prop(problem.path)}"
    if problem.line:
        where += f",line={problem.line}"
    return f"::{level} {where}::{data(problem.message)}"
