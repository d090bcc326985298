"""Writing on every core: Pelican's own writer, with what the articles and pages generators
write shared out between the build and one process forked from it.

Pelican writes every page in one process, one after the other (each generator's
``generate_output(writer)`` in ``Pelican.run``). Rendering pages with the theme's templates
is most of that work, and no page depends on another's being written. So the plugin hands
Pelican its writer (the ``get_writer`` signal), a :class:`SharedWriter`. When Pelican makes
it, everything is read, checked and planned. It forks one process, which runs the articles
and pages generators' own ``generate_output`` (posts, pages, drafts, feeds, every list:
index, archives, categories, tags), writing only its share of their files, while the build
runs them too and writes the rest, then goes on alone with every other generator (the
plugin's own files, static files). Which process writes a file is decided by its name alone
(:func:`is_shared`), so the two agree without talking, and each file is written once, with
the same bytes as by one process. Pelican runs the articles generator first and the pages
generator second; the build's share ends when the pages generator has written
(``page_writer_finalized``, :func:`stop_sharing`), so a file any other generator writes is
always the build's. :func:`join` (at ``finalized``) waits for the forked process and takes
back what it wrote, for the sitemap, the search index and the site's list of files, and the
image variants its pages refer to, which the build then writes with the others; if it
failed, the build fails with its message.

Nothing is shared where forking is not safe (:func:`mep_kit.forking.can_fork`), when there
are fewer than :data:`MIN_SHARED` posts and pages, or if Pelican's first two generators are
not the articles and pages generators: then this is Pelican's writer.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import sys
import zlib

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.writers import Writer

from . import state
from .errors import PELICAN_LOG
from .forking import can_fork, child_start, processes

#: Below this many posts and pages, a second process costs more than it saves.
MIN_SHARED = 64
logger = logging.getLogger(__name__)


def is_shared(name: str) -> bool:
    """Whether the forked process writes the file saved as ``name`` (about half of them)."""
    return zlib.crc32(name.encode("utf-8")) % 2 == 1


def content_pages(generators) -> int:
    return sum(len(getattr(g, "articles", [])) + len(getattr(g, "pages", [])) for g in generators
               if isinstance(g, (ArticlesGenerator, PagesGenerator)))


def shareable(generators) -> bool:
    """Pelican runs generators in order: the articles and pages generators must come first."""
    kinds = [type(generator) for generator in generators[:2]]
    return kinds == [ArticlesGenerator, PagesGenerator]


class SharedWriter(Writer):
    """Pelican's writer; while the articles and pages generators write, the build skips the
    shared files and the forked process writes only those."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.role = None  # None: write everything; "build" or "child": its share
        self.sharing = False  # True while the articles and pages generators write
        self.child = None  # (pid, read end of the pipe) in the build
        build = state.current_or_none()
        if build is not None:
            build.writer = self
            assets = build.generators[0].context.get("asset_url") if build.generators else None
            if hasattr(assets, "prepare") and not build.check_only:
                # Every asset the templates name is written here, once: not by both processes
                # at once, and whether or not a page that names it is rendered (a page kept
                # from an earlier build is not: mep_kit.render_cache).
                assets.prepare(build.env)
        if (build is None or build.check_only or processes(self.settings) < 2 or not shareable(build.generators)
                or content_pages(build.generators) < MIN_SHARED or not can_fork()):
            return
        sys.stdout.flush()
        sys.stderr.flush()
        reading, writing = os.pipe()
        # Both processes keep the build's objects from here on without changing them, so
        # their pages stay shared only if the collector leaves them alone: frozen, a
        # collection does not write to them (gc.freeze's documented use; see join).
        gc.freeze()
        pid = os.fork()
        self.sharing = True
        if pid == 0:
            os.close(reading)
            self.role = "child"
            _write_share(self, build, writing)  # never returns
        os.close(writing)
        logger.debug("mep_kit: posts and pages are written by two processes (this one and %d)", pid)
        self.role = "build"
        self.child = (pid, reading)

    def _skips(self, name) -> bool:
        if self.role is None:
            return False
        if not self.sharing:
            return self.role == "child"
        return bool(name) and is_shared(str(name)) != (self.role == "child")

    def write_file(self, name, template, context, *args, **kwargs):
        if self._skips(name):
            return None
        build = state.current_or_none()
        if build is not None and build.render_cache is not None:
            template = build.render_cache.wrap(template)  # rendered only if not kept (mep_kit.render_cache)
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if self._skips(path):
            return None
        return super().write_feed(site_language_only(elements), context, path, *args, **kwargs)


def site_language_only(elements):
    """A feed's posts in the site's language: Pelican puts every translation in the feed of all
    posts too, but a feed is a list, and every list shows the site's language (translations
    are linked from their originals). A feed of another language only (Pelican's
    ``TRANSLATION_FEED_ATOM``) is left as it is."""
    elements = list(elements)
    ours = [item for item in elements if getattr(item, "in_default_lang", True)]
    return ours if ours else elements


def stop_sharing(generator, writer) -> None:
    """``page_writer_finalized``: the pages generator has written, so the shared part is
    over; whatever the build writes from now on is all its own."""
    if isinstance(writer, SharedWriter):
        writer.sharing = False


def _write_share(writer: SharedWriter, build, pipe: int) -> None:
    """In the forked process: run the articles and pages generators, writing the shared
    files, send back what was written (or what went wrong), and leave without running
    anything else of the build's."""
    code, result = 0, None
    try:
        child_start()
        for generator in build.generators[:2]:
            generator.generate_output(writer)
        # Image variants are written at the end, by the build: those only the pages written
        # here refer to (a body's <picture>) are noted here as they are rendered.
        images = dict(build.images.files) if build.images is not None else {}
        rendered = (build.render_cache.hits, build.render_cache.misses) if build.render_cache is not None else (0, 0)
        result = ("written", build.written, build.sitemap_entries, build.indexed, images, PELICAN_LOG.take(), rendered)
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
    gc.unfreeze()  # collectable again, as before the fork
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
    if build.images is not None:
        build.images.files.update(result[4])
    build.problems += result[5]  # what Pelican warned of while writing there: the build fails on it
    if build.render_cache is not None:
        build.render_cache.hits += result[6][0]
        build.render_cache.misses += result[6][1]
