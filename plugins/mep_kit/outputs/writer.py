"""The kit's writer: Pelican's own, handed to Pelican through the ``get_writer`` signal, with
these things added.

* When Pelican makes it, everything is read, checked and planned: the theme's assets every
  template names are written then, once, whether or not a page that names them is rendered
  (a page kept from an earlier build is not: :mod:`mep_kit.outputs.render_cache`).
* Each page's template goes through the build's :class:`~mep_kit.outputs.render_cache.RenderCache`,
  so a page whose inputs did not change is taken from ``.cache/render`` instead of rendered.
* Posts, pages, feeds and lists are written on two cores. Rendering pages is most of a cold
  build's writing, and no page depends on another's being written; so when Pelican makes the
  writer it forks one process, which runs the articles and pages generators' own
  ``generate_output`` writing only its share of their files (decided by each file's name
  alone, :func:`is_shared`, so the two agree without talking), while the build runs them too
  and writes the rest, then goes on alone with every other generator. The build's share ends
  when the pages generator has written (``page_writer_finalized``, :func:`stop_sharing`);
  :func:`join` (at ``finalized``) waits for the forked process and takes back what it wrote
  (for the sitemap, the search index, the site's list of files, the image variants its
  pages name); if it failed, the build fails with its message. Nothing is shared where
  forking is not safe (:func:`mep_kit.core.forking.can_fork`), with one process
  (``BUILD_PROCESSES = 1``), for fewer than :data:`MIN_SHARED` posts and pages, if Pelican's
  first two generators are not the articles and pages generators, or under ``make serve``.
* Under ``make serve`` (``state.Build.body_outputs`` set), each page given a post, page or event
  of its own, and each feed, is noted with the items whose body it shows
  (:func:`note_body_output`): a body edit then writes exactly those files again
  (:mod:`mep_kit.tools.incremental`).
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import zlib

from pelican.contents import Content
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.writers import Writer

from ..core import state
from ..core.errors import PELICAN_LOG
from ..core.forking import can_fork, child_start, processes

#: Below this many posts and pages, a second process costs more than it saves.
MIN_SHARED = 64
logger = logging.getLogger(__name__)


def is_shared(name: str) -> bool:
    """Whether the forked process writes the file saved as ``name`` (about half of them)."""
    return zlib.crc32(name.encode("utf-8")) % 2 == 1


def content_pages(generators) -> int:
    return sum(
        len(getattr(generator, "articles", [])) + len(getattr(generator, "pages", []))
        for generator in generators
        if isinstance(generator, (ArticlesGenerator, PagesGenerator))
    )


def shareable(build) -> bool:
    """Whether this build's posts and pages are written on two cores (see the module)."""
    kinds = [type(generator) for generator in build.generators[:2]]
    return (
        not build.check_only
        and build.body_outputs is None
        and processes(build.settings) >= 2
        and kinds == [ArticlesGenerator, PagesGenerator]  # Pelican runs its generators in order
        and content_pages(build.generators) >= MIN_SHARED
        and can_fork()
    )


class SiteWriter(Writer):
    """Pelican's writer, rendering through the build's page cache; while the articles and
    pages generators write, the build skips the shared files and the forked process writes
    only those."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.role = None  # None: write everything; "build" or "child": its share
        self.sharing = False  # True while the articles and pages generators write
        self.child = None  # (pid, read end of the pipe), in the build
        build = state.current_or_none()
        if build is None:
            return
        build.writer = self
        assets = build.generators[0].context.get("asset_url") if build.generators else None
        if hasattr(assets, "prepare") and not build.check_only:
            assets.prepare(build.env)  # before the fork: each asset written once
        if not shareable(build):
            return
        sys.stdout.flush()
        sys.stderr.flush()
        reading, writing = os.pipe()
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
        if build is not None and build.body_outputs is not None:
            # The context itself, not a copy: Pelican's writer sets ``localsiteurl`` in it for
            # the bodies it renders (their links are relative to the page written).
            shown = [value for value in kwargs.values() if isinstance(value, Content)]
            note_body_output(build, shown, lambda writer: writer.write_file(name, template, context, *args, **kwargs))
        if build is not None and build.render_cache is not None:
            template = build.render_cache.wrap(template)  # rendered only if not kept
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if self._skips(path):
            return None
        elements = site_language_only(elements)
        build = state.current_or_none()
        if build is not None and build.body_outputs is not None:
            note_body_output(
                build, elements, lambda writer: writer.write_feed(elements, context, path, *args, **kwargs)
            )
        return super().write_feed(elements, context, path, *args, **kwargs)


def stop_sharing(generator, writer) -> None:
    """``page_writer_finalized``: the pages generator has written, so the shared part is
    over; whatever the build writes from now on is all its own."""
    if isinstance(writer, SiteWriter):
        writer.sharing = False


def _write_share(writer: SiteWriter, build, pipe: int) -> None:
    """In the forked process: run the articles and pages generators, writing the shared
    files, send back what was written (or what went wrong), and leave without running
    anything else of the build's."""
    code, result = 0, None
    try:
        child_start()
        for generator in build.generators[:2]:
            generator.generate_output(writer)
        # Image variants are written at the end, by the build: those only the pages written
        # here name (a body's <picture>) are noted here as they are rendered.
        images = dict(build.images.files) if build.images is not None else {}
        cache = build.render_cache
        rendered = (cache.hits, cache.misses) if cache is not None else (0, 0)
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
    if not isinstance(writer, SiteWriter) or writer.child is None:
        return
    pid, reading = writer.child
    writer.child = None
    with os.fdopen(reading, "rb") as handle:
        data = handle.read()
    _, status = os.waitpid(pid, 0)
    try:
        result = pickle.loads(data)
    except Exception:  # noqa: BLE001
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


def note_body_output(build, items, write) -> None:
    """Note ``write(writer)``, which writes a file again into ``writer``'s folder, as a file
    that shows the body of each of ``items`` (see ``state.Build.body_outputs``)."""
    for item in items:
        build.body_outputs.setdefault(id(item), []).append(write)


def site_language_only(elements):
    """A feed's posts in the site's language: Pelican puts every translation in the feed of all
    posts too, but a feed is a list, and every list shows the site's language (translations
    are linked from their originals). A feed of another language only (Pelican's
    ``TRANSLATION_FEED_ATOM``) is left as it is."""
    elements = list(elements)
    ours = [item for item in elements if getattr(item, "in_default_lang", True)]
    return ours if ours else elements
