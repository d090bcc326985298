"""Reading ahead: every Markdown file of a build read once, on every core, before Pelican
asks for it, and kept in ``.cache/read`` for the next build.

Pelican reads its sources one at a time, on one core, as each generator asks for them. The
costly half of reading a file (:func:`mep_kit.content.reader.read_file`: Python-Markdown with the
figures extension, the schema check, typogrify) depends only on the file's bytes and on the
build's *recipe* (:func:`recipe`): every setting, the plugin's code, the theme, the figures
registry, the lock file, the library versions and the folder the build runs from. So when the
first file is asked for, :class:`ReadAhead`

* takes, from ``READ_CACHE_PATH/<recipe>.pickle``, every file whose bytes are those of the
  last build with the same recipe;
* reads the others in processes forked from the build (they share its settings, registry and
  templates), in the order Pelican asks for them, while this process makes Pelican's content
  objects of the files already read. With fewer than :data:`MIN_TO_FORK` files to read, or
  where forking is not safe (another thread running, or not Linux), it reads them here, one
  by one, when asked.

When every file is read (:meth:`ReadAhead.finish`), the cache is written back with exactly
this build's files (unless it already holds exactly them), so it never grows with deleted ones; the newest :data:`KEEP_RECIPES`
recipes are kept (a writer alternates ``invoke build`` and ``invoke preview``). Whatever
path a file took, its :class:`~mep_kit.content.reader.ReadFile` is the same, so a warm build writes
the same bytes as a cold one. Deleting ``.cache/`` gives a cold build.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

from ..core.forking import can_fork, pool, processes
from ..core.paths import link_out, package_version, project_folder, tree_digest
from .reader import read_file

#: Below this many files to read, forking costs more than it saves.
MIN_TO_FORK = 16
#: Files a forked reader takes at a time.
CHUNK = 8
#: Recipes (settings files, mostly) whose cache is kept.
KEEP_RECIPES = 4
#: Settings that name where this build writes, not what it reads.
UNREAD_SETTINGS = ("OUTPUT_PATH",)
#: The libraries whose output is in a read file.
LIBRARIES = ("markdown", "pelican", "typogrify", "smartypants", "jinja2", "pygments", "markupsafe", "babel")
PLUGIN = Path(__file__).resolve().parents[1]
logger = logging.getLogger(__name__)


def _opaque(value):
    """A setting that is not JSON: a set as its sorted items, a path or a date as text, and
    any other object as its type (an object's repr may change from run to run, and would
    make every build cold)."""
    if isinstance(value, (set, frozenset)):
        return sorted(repr(item) for item in value)
    if isinstance(value, (os.PathLike, datetime.date, datetime.time)):
        return str(value)
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


def recipe(settings, plugin: Path = PLUGIN) -> str:
    """Everything besides a file's own bytes that reading it depends on, as one digest: the
    settings (all but the output folder), the plugin's code, the theme, the figures registry,
    the lock files beside the content folder, the libraries' versions, Python's, and the
    folder the build runs from (messages name files relative to it)."""
    digest = hashlib.sha256()
    chosen = {key: value for key, value in settings.items() if key not in UNREAD_SETTINGS}
    digest.update(json.dumps(chosen, sort_keys=True, default=_opaque).encode())
    tree_digest(digest, plugin)
    tree_digest(digest, Path(settings["THEME"]))
    registry = Path(settings["PATH"], settings.get("FIGURES_FILE") or "")
    digest.update(registry.read_bytes() if registry.is_file() else b"no registry")
    project = Path(settings["PATH"]).resolve().parent
    for lock in sorted(project.glob("requirements/*.lock")):
        digest.update(lock.name.encode() + hashlib.sha256(lock.read_bytes()).digest())
    digest.update(json.dumps([sys.version, [package_version(name) for name in LIBRARIES], os.getcwd()]).encode())
    return digest.hexdigest()


def file_key(path: str) -> str | None:
    """The digest of a file's bytes, or None if it cannot be read (the reader reports it)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def load_cache(folder, name: str) -> dict:
    """{absolute path: (file digest, ReadFile)} of the last build with this recipe, or {}."""
    try:
        with open(Path(folder) / f"{name}.pickle", "rb") as handle:
            cached = pickle.load(handle)
        return cached if isinstance(cached, dict) else {}
    except Exception:  # noqa: BLE001 (no cache, or one from another version of the kit: read everything)
        return {}


def save_cache(folder, name: str, entries: dict, keep: int = KEEP_RECIPES) -> None:
    """Write the cache at once (a build stopped midway leaves the old one whole), then keep
    only the ``keep`` newest recipes."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
    with os.fdopen(handle, "wb") as out:
        pickle.dump(entries, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, folder / f"{name}.pickle")
    for old in sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[keep:]:
        old.unlink(missing_ok=True)


#: What forked readers read with: set just before they are forked, and inherited.
_job: tuple = ()


def _read_in_child(path: str):
    settings, registry, renderer, templates = _job
    return path, read_file(path, settings, registry, renderer, templates)


class ReadAhead:
    """Every file of ``paths`` read once: from the cache, by forked readers, or here."""

    def __init__(self, paths, settings, registry, renderer, templates):
        self.job = (settings, registry, renderer, tuple(templates))
        self.folder = settings["READ_CACHE_PATH"]
        self.name = recipe(settings)
        cached = load_cache(self.folder, self.name)
        project, content = project_folder(settings), settings["PATH"]
        # A file behind a link out of the project is never opened: read_file reports it.
        self.keys = {
            path: None if link_out(path, project, content) else file_key(path) for path in dict.fromkeys(paths)
        }
        self.done = {}
        for path, key in self.keys.items():
            entry = cached.get(path)
            if key is not None and entry is not None and entry[0] == key:
                self.done[path] = entry[1]
        missing = [path for path in self.keys if path not in self.done]
        #: Whether the cache on disk is already exactly this build's (then it is not rewritten).
        self.unchanged = bool(cached) and not missing and set(cached) == set(self.done)
        workers = processes(settings)
        self.pool = None
        self.pending = iter(())
        if len(missing) >= MIN_TO_FORK and workers > 1 and can_fork():
            global _job
            _job = self.job
            self.pool = pool(workers)
            self.pending = self.pool.imap(_read_in_child, missing, chunksize=CHUNK)
        logger.debug(
            "mep_kit: %d files to read: %d from the cache, %d by %s",
            len(self.keys),
            len(self.done),
            len(missing),
            f"{workers} forked readers" if self.pool else "this process",
        )

    def get(self, path: str):
        """The ReadFile of ``path``: waits for the forked readers if they have not reached it."""
        path = os.path.abspath(path)
        while path not in self.done:
            found = next(self.pending, None)
            if found is None:
                self.unchanged = False
                self.done[path] = read_file(path, *self.job)
                break
            self.done[found[0]] = found[1]
        return self.done[path]

    def finish(self) -> None:
        """Every file is read: stop the readers and keep this build's files for the next."""
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None
        try:
            if self.unchanged:  # a warm build: only mark the recipe as used, for KEEP_RECIPES
                os.utime(Path(self.folder) / f"{self.name}.pickle")
                return
            entries = {path: (self.keys.get(path) or file_key(path), done) for path, done in self.done.items()}
            save_cache(self.folder, self.name, {path: entry for path, entry in entries.items() if entry[0] is not None})
        except OSError as error:  # a read-only checkout builds, only without the cache
            print(f"mep_kit: could not write the read cache in {self.folder}: {error}", file=sys.stderr)
        finally:
            self.done = {}  # Pelican has made its content of every file: the build holds no second copy
