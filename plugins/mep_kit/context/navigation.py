"""The site's menu: ``NAVIGATION`` from the settings, resolved and checked like a link in a body.

Each entry is ``(label, target)``, the target one of:

* a path relative to ``SITEURL`` (``"services/"``, ``""`` for the home page): it must lead to
  a page the build writes;
* ``"{filename}/articles/x.md"``, Pelican's own way to name content: the entry follows the
  post or page wherever its ``Slug:`` puts it, and it must be published (the shipped
  settings write the explainer's entry as ``"{filename}/" + EXPLAINER``);
* an ``https:`` (or ``http:``, ``mailto:``, ``tel:``) address, for a page elsewhere.

:func:`resolve` turns the entries into :class:`MenuItem` for the templates, with a problem
for each entry that leads nowhere (or to a ``javascript:`` address), named like every other
settings problem: ``pelicanconf.py:120: NAVIGATION: 'About': ...``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..checks.safety import SCHEMES, scheme_of
from ..core.errors import Problem

FILENAME = "{filename}"
EXPECTED = "expected a path the site writes (such as 'services/'), '{filename}/pages/about.md' or an https address"


@dataclass(frozen=True)
class MenuItem:
    """One entry of the menu: its label, and its address: relative to SITEURL (``path``), or
    another site's (``external``)."""

    label: str
    path: str
    external: bool = False

    def href(self, siteurl: str) -> str:
        return self.path if self.external else f"{siteurl}/{self.path}"


def shape_problems(value) -> list[str]:
    """What is wrong with the setting's shape (a validator of :mod:`mep_kit.settings`)."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
        return [
            f"expected a list of (label, address) pairs such as [('Home', ''), ('Services', 'services/')], got {type(value).__name__}"
        ]
    return [
        f"entry {number}: expected a (label, address) pair of texts, got {entry!r}"
        for number, entry in enumerate(value, 1)
        if not (
            isinstance(entry, (list, tuple))
            and len(entry) == 2
            and all(isinstance(part, str) for part in entry)
            and entry[0].strip()
        )
    ]


def written(path: str, outputs: Mapping[str, str]) -> bool:
    """Whether the build writes a page at ``path`` (relative to SITEURL)."""
    resolved = posixpath.normpath(path.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
    if resolved in ("", "."):
        return "index.html" in outputs
    return resolved in outputs or f"{resolved}/index.html" in outputs


def resolve(
    entries: Iterable,
    content: Mapping[str, object],
    outputs: Mapping[str, str],
    where: Callable[[], tuple[str, int | None]],
) -> tuple[list[MenuItem], list[Problem]]:
    """The menu of ``entries``: ``content`` is Pelican's ``generated_content`` (source path
    under the content folder -> post or page), ``outputs`` every file the build writes,
    ``where()`` the settings file and line of ``NAVIGATION``."""
    items, problems = [], []

    def problem(label: str, message: str) -> None:
        path, line = where()
        problems.append(Problem(path, line, f"NAVIGATION: '{label}': {message}"))

    for label, target in entries:
        target = target.strip()
        if target.startswith(FILENAME):
            source = target[len(FILENAME) :].lstrip("/")
            found = content.get(source)
            if found is None or getattr(found, "status", "published") != "published":
                problem(label, f"no published post or page at content/{source}; {EXPECTED}")
                continue
            items.append(MenuItem(label, found.url))
            continue
        scheme = scheme_of(target)
        if scheme is not None:
            if scheme not in SCHEMES:
                problem(label, f"a '{scheme}:' address is not allowed; {EXPECTED}")
                continue
            items.append(MenuItem(label, target, external=True))
            continue
        path = target.lstrip("/")
        if not written(path, outputs):
            problem(label, f"nothing on the site at '/{path}'; {EXPECTED}")
            continue
        items.append(MenuItem(label, path))
    return items, problems
