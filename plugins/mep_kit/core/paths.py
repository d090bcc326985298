"""Paths and files: where the project is, whether a path of it may be read (no link leads out
of it), how messages show a path, and writing a file of the output.

A writer may commit a symbolic link. Git stores it as a link, and the build machine resolves
it: ``content/extra/notes.txt`` pointing at ``/etc/passwd``, or ``content/images/machine``
pointing at a folder of the machine, would publish that machine's files. So every path the
build reads (a content file, a static file, the figures registry, the theme) is checked where
it is read with :func:`link_out`: a link (to a file or a folder, anywhere on the way to the
path) is followed only when its target is a file of the project itself, outside its hidden
folders (``.git/``, ``.venv/``, ``.cache/``, ...), and not a folder that holds the link (a
loop, which would publish a folder again and again).

The project folder is the folder that holds the content folder (``PATH``): the checkout.
Plain functions of the standard library only; every layer may import them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path


def display_path(path: str) -> str:
    """Paths in messages are relative to the current folder: content/case-studies/x.md."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def project_folder(settings: Mapping) -> str:
    """The folder that holds the content folder: the project, as checked out."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))


@dataclass(frozen=True)
class LinkOut:
    """A link on the way to a path that the build must not follow: the link itself (an
    absolute path), whether it points at a file or a folder, and why it is refused."""

    link: str
    folder: bool
    why: str  # "outside", "hidden" or "loop"

    def message(self) -> str:
        what = "folder" if self.folder else "file"
        fix = "commit the files themselves" if self.folder else "commit the file itself"
        if self.why == "hidden":
            return f"a link into a hidden folder of the project, which the site does not publish; {fix}"
        if self.why == "loop":
            return "a link to a folder that holds the link itself (a loop); remove the link"
        return f"a link to a {what} outside the project; {fix}"


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _hidden(path: str, project: str) -> bool:
    return any(part.startswith(".") for part in os.path.relpath(path, project).split(os.sep))


def link_out(path: str, project: str, root: str | None = None) -> LinkOut | None:
    """The first link on the way from ``root`` (the folder ``path`` was found in: the content
    folder, the theme; the project by default) to ``path`` that the build must not follow
    (see the module), or None when ``path`` may be read. A link may lead anywhere in the
    project, or, for a ``root`` outside it (a theme shared by several sites), in ``root``."""
    path = os.path.abspath(path)
    root = os.path.abspath(root or project)
    if not _inside(path, root):
        root = os.path.dirname(path)
    allowed = os.path.realpath(project if _inside(root, os.path.abspath(project)) else root)
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    if real == os.path.normpath(os.path.join(real_root, os.path.relpath(path, root))):
        return None  # no link below the root (the root itself may sit behind one)
    current = root
    for part in os.path.relpath(path, root).split(os.sep):
        current = os.path.join(current, part)
        if not os.path.islink(current):
            continue
        target = os.path.realpath(current)
        folder = os.path.isdir(target)
        if not _inside(target, allowed):
            return LinkOut(current, folder, "outside")
        if _hidden(target, allowed):
            return LinkOut(current, folder, "hidden")
        if folder and _inside(os.path.realpath(os.path.dirname(current)), target):
            return LinkOut(current, folder, "loop")
    if not _inside(real, allowed):  # a link the walk could not see (changed meanwhile)
        return LinkOut(path, os.path.isdir(real), "outside")
    return None


def links_out_under(folder: str, project: str) -> list[LinkOut]:
    """Every link under ``folder`` that the build must not follow (see :func:`link_out`),
    each once; the links it may follow are followed, and looked under too."""
    found: dict[str, LinkOut] = {}
    for current, folders, files in os.walk(folder, followlinks=True):
        for name in [*folders, *files]:
            out = link_out(os.path.join(current, name), project, folder)
            if out is not None:
                found.setdefault(out.link, out)
        folders[:] = [name for name in folders if os.path.join(current, name) not in found]
    return list(found.values())


def write_bytes(output_path: str, save_as: str, data: bytes) -> None:
    """Write ``data`` at ``save_as`` under ``output_path``, making its folders."""
    path = os.path.join(output_path, save_as)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def write_text(output_path: str, save_as: str, text: str) -> None:
    """Write ``text`` as UTF-8 with LF line ends at ``save_as`` under ``output_path``."""
    write_bytes(output_path, save_as, text.encode("utf-8"))


# --- files, digests and versions, for every layer -----------------------------------------------


def link_or_copy(source, target) -> None:
    """Put the file ``source`` at ``target``: a hard link (the build's caches and outputs
    never write into a file they share), or a copy where links cannot be made."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def package_version(name: str) -> str:
    """An installed distribution's version, or "-" (for cache keys)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def tree_digest(digest, folder: Path) -> None:
    """Add every file under ``folder`` (its path and bytes) to ``digest``; bytecode aside."""
    folder = Path(folder)
    if not folder.is_dir():
        digest.update(f"missing {folder}".encode())
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
