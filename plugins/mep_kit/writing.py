"""Writing on every core: Pelican's own writer, with the posts and pages shared out between
the build and one process forked from it.

Pelican writes every page in one process, one after the other (each generator's
``generate_output(writer)`` in ``Pelican.run``). Rendering each post and page with its
template is most of that work, and no post's page depends on another's being written. So the
plugin hands Pelican its writer (the ``get_writer`` signal), a :class:`SharedWriter`. When
Pelican makes it, everything is read, checked and planned; it forks one process, which
renders and writes its share of the posts, pages and feeds through the articles and pages
generators' own methods (``generate_feeds``, ``generate_articles``, ``generate_drafts``,
``generate_output``), while the build goes on writing the rest: the other posts, pages and
feeds, every list and every file of the plugin's. Which process writes a page or feed is
decided by its file name alone (:func:`is_shared`), so the two agree without talking, and each page is written once, with
the same bytes as by one process. :func:`join` (at ``finalized``) waits for the forked
process and takes back what it wrote, for the sitemap and the site's list of files; if it
failed, the build fails with its message.

Nothing is shared where forking is not safe (:func:`mep_kit.readahead.can_fork`) or when
there are fewer than :data:`MIN_SHARED` posts and pages: then this is Pelican's writer.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import zlib
from functools import partial

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.writers import Writer

from . import state
from .readahead import _child_start, can_fork, processes

#: Below this many posts and pages, a second process costs more than it saves.
MIN_SHARED = 64
#: Of every SHARE posts, pages and feeds, the forked process writes SHARE - 1: the build
#: also writes every list page and every file of the plugin's.
SHARE = 3
logger = logging.getLogger(__name__)


def is_shared(name: str, share: int = SHARE) -> bool:
    """Whether the forked process writes the post, page or feed saved as ``name``."""
    return zlib.crc32(name.encode("utf-8")) % share != 0


def content_pages(generators) -> int:
    return sum(len(getattr(g, "articles", [])) + len(getattr(g, "pages", [])) for g in generators
               if isinstance(g, (ArticlesGenerator, PagesGenerator)))


class SharedWriter(Writer):
    """Pelican's writer; in the build it skips the shared posts and pages, in the forked
    process it writes only those."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.role = None  # None: write everything; "build" or "child": its share
        self.child = None  # (pid, read end of the pipe) in the build
        build = state.current_or_none()
        if build is not None:
            build.writer = self
        if (build is None or build.check_only or processes(self.settings) < 2
                or content_pages(build.generators) < MIN_SHARED or not can_fork()):
            return
        sys.stdout.flush()
        sys.stderr.flush()
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reading)
            self.role = "child"
            _write_share(self, build, writing)  # never returns
        os.close(writing)
        logger.debug("mep_kit: posts and pages are written by two processes (this one and %d)", pid)
        self.role = "build"
        self.child = (pid, reading)

    def write_file(self, name, template, context, *args, **kwargs):
        if self.role is not None and ("article" in kwargs or "page" in kwargs) and name:
            if is_shared(name) != (self.role == "child"):
                return None
        elif self.role == "child":
            return None
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if self.role is not None and path and is_shared(path) != (self.role == "child"):
            return None
        return super().write_feed(elements, context, path, *args, **kwargs)


def _write_share(writer: SharedWriter, build, pipe: int) -> None:
    """In the forked process: write the shared posts and pages, send back what was written
    (or what went wrong), and leave without running anything of the build's."""
    code, result = 0, None
    try:
        _child_start()
        for generator in build.generators:
            if isinstance(generator, ArticlesGenerator):
                write = partial(writer.write_file, relative_urls=generator.settings["RELATIVE_URLS"])
                generator.generate_feeds(writer)
                generator.generate_articles(write)
                generator.generate_drafts(write)
            elif isinstance(generator, PagesGenerator):
                generator.generate_output(writer)
        result = ("written", build.written, build.sitemap_entries, build.indexed)
    except BaseException as error:  # noqa: BLE001 (reported by the build, which fails)
        code, result = 1, ("failed", f"{type(error).__name__}: {error}")
    try:
        with os.fdopen(pipe, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(code)


def join(writer) -> None:
    """In the build, at ``finalized``: wait for the forked process and add what it wrote to
    the build's state; raise RuntimeError with its message if it failed."""
    if not isinstance(writer, SharedWriter) or writer.child is None:
        return
    pid, reading = writer.child
    writer.child = None
    with os.fdopen(reading, "rb") as handle:
        data = handle.read()
    _, status = os.waitpid(pid, 0)
    try:
        result = pickle.loads(data)
    except Exception:
        result = ("failed", f"the process writing posts and pages stopped (status {status})")
    if result[0] != "written":
        raise RuntimeError(result[1])
    build = state.current()
    build.written |= result[1]
    build.sitemap_entries.update(result[2])
    build.indexed |= result[3]
