"""Safe builds: Pelican and Pagefind write into a staging folder, which replaces the site only
when both succeeded.

Pelican writes a fresh site into a temporary folder beside the output folder (named
``.<output>-new-*``), Pagefind indexes it for search, and only then is the old site moved
aside (``.<output>-old-*``) and the new one renamed into its place. A failed build leaves
the previous good site exactly as it was, and no staging folder behind. A build stopped
outright (Ctrl-C in ``make serve``) can leave one; the next build removes it first
(:func:`remove_leftovers`), and ``.gitignore`` hides it meanwhile.

Files whose bytes did not change keep their modification time from the previous site
(:func:`keep_times`), so upload tools that compare times send only what changed.

Pagefind's index depends only on the pages laid out for it, on Pagefind and on its
configuration (:func:`search_key`): when they are those of an index kept in the search
cache (``.cache/search``), the index is taken from there instead of being built again
(:func:`restore_search`, :func:`keep_search`).

Plain functions: :func:`build_commands` says what would run; :func:`atomic_build` runs it
through a ``run(command) -> exit code`` callable (such as invoke's ``Context.run``) and
raises :class:`BuildFailed` on the first failure. Only the standard library is used, so the
benchmark can read the commands without importing Pelican.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ..core.paths import link_or_copy, package_version, tree_digest
from ..outputs.search import search_folder

#: Search indexes kept in the search cache (the newest used).
KEEP_INDEXES = 2


class BuildFailed(Exception):
    """A build step failed; ``message`` says so and that the site was kept, ``code`` is its exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.message = message
        self.code = code


def pelican_command(
    settings, output, strict: bool, content="content", extra: str = "", python: str = sys.executable
) -> str:
    """The Pelican command line: strict builds fail on any warning, others on any error."""
    fatal = "warnings" if strict else "errors"
    return f'"{python}" -m pelican {content} -s {settings} -o "{output}" --fatal {fatal} {extra}'


def search_index_command(site, python: str = sys.executable) -> str:
    """Index the built site with Pagefind (the `pagefind` package's own binary): it reads the
    pages laid out by :func:`lay_out_for_search` and writes site/pagefind/, which the search
    page loads."""
    return f'"{python}" -m pagefind --site "{search_folder(site)}" --output-path "{Path(site).resolve() / "pagefind"}" --silent'


def search_key(site, python: str = sys.executable, cwd=None) -> str:
    """Everything Pagefind's index of ``site`` depends on, as one digest: the pages laid out
    for it (paths and bytes), the command, Pagefind's version, and its configuration (a
    ``pagefind.*`` file in the folder it runs from, ``PAGEFIND_*`` variables)."""
    digest = hashlib.sha256()
    digest.update(search_index_command(Path("/site"), python).encode() + b"\0")
    digest.update(f"{package_version('pagefind')} {package_version('pagefind_bin')}\0".encode())
    for name, value in sorted(os.environ.items()):
        if name.startswith("PAGEFIND_"):
            digest.update(f"{name}={value}\0".encode())
    for config in sorted(Path(cwd or os.getcwd()).glob("pagefind.*")):
        if config.is_file():
            digest.update(config.name.encode() + hashlib.sha256(config.read_bytes()).digest())
    tree_digest(digest, search_folder(site))
    return digest.hexdigest()


#: The list of a kept index's files and sizes, kept beside them (never published).
KEPT_FILES = ".kept-files.json"


def _link_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, copy_function=link_or_copy, ignore=shutil.ignore_patterns(KEPT_FILES))


def _sizes(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and path.name != KEPT_FILES
    }


def restore_search(site, cache, key: str) -> bool:
    """Put the kept index of ``key`` into ``site/pagefind`` (hard links); False if there is
    none, or if it is not whole (a file missing or of another size: it is removed)."""
    kept = Path(cache) / key
    if not kept.is_dir():
        return False
    try:
        whole = json.loads((kept / KEPT_FILES).read_text(encoding="utf-8")) == _sizes(kept)
    except (OSError, ValueError):
        whole = False
    if not whole:
        shutil.rmtree(kept, ignore_errors=True)
        return False
    _link_tree(kept, Path(site) / "pagefind")
    os.utime(kept)  # used: the newest are kept
    return True


def keep_search(site, cache, key: str, keep: int = KEEP_INDEXES) -> None:
    """Keep ``site/pagefind`` as the index of ``key``; only the ``keep`` newest stay."""
    cache = Path(cache)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key[:16]}-", dir=cache))
        staging.rmdir()
        _link_tree(Path(site) / "pagefind", staging)
        (staging / KEPT_FILES).write_text(json.dumps(_sizes(staging), sort_keys=True), encoding="utf-8")
        try:
            staging.rename(cache / key)
        except OSError:  # kept meanwhile by another build
            shutil.rmtree(staging, ignore_errors=True)
            if not (cache / key).is_dir():
                raise
        indexes = sorted(
            (p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in indexes[keep:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as error:  # a read-only checkout builds, only without the cache
        print(f"could not keep the search index in {cache}: {error}", file=sys.stderr)


def build_commands(
    settings, site, strict: bool, content="content", extra: str = "", python: str = sys.executable
) -> list[tuple[str, str]]:
    """The steps of a build into `site`, in order: [(name, command), ...]."""
    return [
        ("Build", pelican_command(settings, site, strict, content, extra, python)),
        ("Search indexing", search_index_command(site, python)),
    ]


def remove_leftovers(output) -> list[Path]:
    """Remove the staging folders (``.<output>-new-*``, ``.<output>-old-*``) that an interrupted
    build left beside `output`; never `output` itself nor anything else. Returns those removed."""
    output = Path(output)
    removed = []
    for pattern in (f".{output.name}-new-*", f".{output.name}-old-*"):
        for leftover in sorted(output.parent.glob(pattern)):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
                removed.append(leftover)
    return removed


def keep_times(previous, site) -> int:
    """Give each file of the new ``site`` that is byte for byte the one at the same place in
    the ``previous`` site that file's modification time; returns how many kept theirs.

    A build writes every file afresh, so every file would otherwise look changed to tools
    that compare times (``aws s3 sync``, rsync without ``--checksum``) and be uploaded again;
    this way only the files whose bytes changed carry the new build's time."""
    previous, site = Path(previous), Path(site)
    kept = 0
    if not previous.is_dir():
        return kept
    for folder, _, names in os.walk(site):
        before_folder = previous / Path(folder).relative_to(site)
        for name in names:
            path, before = Path(folder) / name, before_folder / name
            try:
                if path.is_symlink():
                    continue
                old, new = before.stat(), path.stat()
                same_file = (old.st_dev, old.st_ino) == (new.st_dev, new.st_ino)  # both linked from .cache/
                if same_file or (
                    old.st_size == new.st_size and before.is_file() and before.read_bytes() == path.read_bytes()
                ):
                    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
                    kept += 1
            except OSError:
                continue
    return kept


def atomic_build(
    run: Callable[[str], int],
    settings,
    strict: bool,
    output,
    content="content",
    extra: str = "",
    python: str = sys.executable,
    search_cache=None,
) -> Path:
    """Build and index into a staging folder with `run`; swap it in for `output` only on success.
    With a ``search_cache`` folder, an index of the same pages is taken from it, not built.

    Returns the output folder; raises BuildFailed (the output left as it was) otherwise."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the published site must be readable
    try:
        (build, pelican), (index, pagefind) = build_commands(settings, staging, strict, content, extra, python)
        code = run(pelican)
        if code:
            raise BuildFailed(f"{build} failed: {output}/ was left as it was.", code)
        key = search_key(staging, python) if search_cache is not None and search_folder(staging).is_dir() else None
        if key is not None and restore_search(staging, search_cache, key):
            print(f"{index}: the pages are those of an index in {search_cache}/; it is used as it is.")
        else:
            pages = sum(1 for path in search_folder(staging).rglob("*.html")) if search_folder(staging).is_dir() else 0
            from ..core.progress import Waiting  # here: the benchmark reads this module on its own

            started = time.monotonic()
            with Waiting(f"Indexing {pages} pages for search"):
                code = run(pagefind)
            if code:
                raise BuildFailed(f"{index} failed: {output}/ was left as it was.", code)
            print(f"{index}: {pages} pages indexed in {time.monotonic() - started:.1f} s.")
            if key is not None:
                keep_search(staging, search_cache, key)
        keep_times(output, staging)
        old = None
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
            old.rmdir()
            output.rename(old)
        staging.rename(output)
        if old is not None:
            shutil.rmtree(old)
    finally:
        shutil.rmtree(search_folder(staging), ignore_errors=True)
        if staging.exists():
            shutil.rmtree(staging)
    return output
