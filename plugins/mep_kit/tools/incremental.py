"""A saved body written again without the whole build: the quick path of ``make serve``.

After each good build, the development server's build process (:mod:`mep_kit.tools.devserver`)
keeps what that build made (:class:`Session`): Pelican's generators and content objects, the
plugin's state of the build, and, for every post, page and event, how to write again each file
that shows its body (``state.Build.body_outputs``, noted by the writer as it wrote them: the
item's own page, the feeds that carry it). When every file saved since is the Markdown file of
a post, page or event that build read, :func:`apply` reads each again with Pelican's own
reader and, if nothing changed but its body, puts the new body into the object the build made
and writes those files again, through the same writer and page cache, into a folder of their
own that then replaces them in ``output/``, one by one. Anything else (a new or deleted file, a
field a list shows, a template, a setting, an image) raises :class:`Whole`: the whole build
runs, as it always did.

"Nothing but its body" is what the page cache (:mod:`mep_kit.outputs.render_cache`) relies on
too: the same fields as lists show them (:func:`~mep_kit.outputs.render_cache.item_fields`),
the same images in the body, every other attribute of the object as it was, and the build's
"now" on the same side of every date of the site as when it was built. The new body passes the
checks a build gives every body (:func:`mep_kit.checks.sitecheck.bodies` and
:func:`~mep_kit.checks.sitecheck.image_fields`); a problem, or a warning of Pelican's, raises
:class:`Whole` too, so the whole build reports it in the one list every command prints.
tests/build/test_incremental.py proves the result equal to a new build's, byte for byte.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Content, Page
from pelican.generators import ArticlesGenerator, PagesGenerator

from ..checks import sitecheck
from ..content.markup import PICTURED, SETTLED
from ..content.sources import Sources, contents
from ..core import state
from ..core.errors import PELICAN_LOG
from ..core.internals import BODY, take_body
from ..events import clock
from ..events.content import Event
from ..events.generator import EventsGenerator
from ..outputs.render_cache import item_fields
from ..outputs.writer import SiteWriter

#: The attributes of a date a post or event may have: the build's "now" may not cross one.
DATES = ("date", "modified", "start", "end")


class Whole(Exception):
    """The save needs the whole build; the message says why (for tests and ``--debug``)."""


#: Each generator's content class and signals, as its ``generate_context`` reads with them.
READING = (
    (ArticlesGenerator, Article, signals.article_generator_context),
    (PagesGenerator, Page, signals.page_generator_context),
    (EventsGenerator, Event, None),
)


@dataclass
class Session:
    """What the last good build of this process made: its state, and each item it read (by
    absolute source path) with the generator that read it."""

    build: state.Build
    items: dict
    generators: dict

    @classmethod
    def of(cls, build: state.Build) -> Session | None:
        if build is None or build.body_outputs is None or not build.generators or build.writer is None:
            return None
        items, generators = {}, {}
        for generator in build.generators:
            for item in contents([generator]):
                items.setdefault(os.path.abspath(item.source_path), item)
                generators.setdefault(id(item), generator)
        return cls(build, items, generators)


def _read_again(session: Session, old):
    """``old``'s file read again as its generator reads it: a new content object."""
    generator = session.generators[id(old)]
    reading = next((found for found in READING if isinstance(generator, found[0])), None)
    if reading is None:
        raise Whole(f"{old.source_path}: read by {type(generator).__name__}")
    _, content_class, context_signal = reading
    relative = os.path.relpath(os.path.abspath(old.source_path), generator.path)
    new = generator.readers.read_file(
        base_path=generator.path,
        path=relative,
        content_class=content_class,
        context=generator.context,
        context_signal=context_signal,
        context_sender=generator if context_signal is not None else None,
    )
    if not isinstance(new, Content) or not new.is_valid():
        raise Whole(f"{old.source_path}: not read as a post, page or event")
    return new


def _same_but_body(session: Session, old, new, static) -> None:
    """Raise :class:`Whole` unless ``new`` is ``old`` with another body (see the module)."""
    build = session.build
    sources = Sources(build)
    problems = sitecheck.image_fields([new], sources, static)
    images: dict = {}
    made, build.images = build.images, None  # checked as the build checks bodies: before images are made
    try:
        problems += sitecheck.bodies([new], sources, build.settings, build.outputs, images)
    finally:
        build.images = made
    if problems:
        raise Whole(f"{old.source_path}: {len(problems)} problem(s)")
    if images[id(new)] != build.body_images.get(id(old)):
        raise Whole(f"{old.source_path}: other images")
    if new.status != old.status or item_fields(new) != item_fields(old):
        raise Whole(f"{old.source_path}: a field lists show")
    # Every other attribute both have, but the body and what the kit keeps of it and of the
    # addresses (compared through item_fields above).
    mine, theirs = new.__dict__, old.__dict__
    changed = [
        key for key in mine if key not in (BODY, PICTURED, SETTLED) and key in theirs and mine[key] != theirs[key]
    ]
    if changed:
        raise Whole(f"{old.source_path}: {', '.join(sorted(changed))} changed")


def _same_side_of_every_date(session: Session, now: datetime.datetime) -> None:
    """Raise :class:`Whole` if the build's now moved past a date of the site (an event began,
    a post came due) or into another day since the session's build."""
    then = session.build.now
    if now == then:
        return
    if now.date() != then.date() or now < then:
        raise Whole("another day")
    for item in session.items.values():
        for name in DATES:
            value = getattr(item, name, None)
            if not isinstance(value, datetime.datetime):
                continue
            if value.tzinfo is None:  # Pelican's dates without a TIMEZONE: the build's zone
                value = value.replace(tzinfo=then.tzinfo)
            if then < value <= now:
                raise Whole(f"{item.source_path}: {name} passed")


def apply(session: Session | None, changed, output) -> list[str]:
    """Write again, into ``output``, the files that show the bodies of ``changed`` (Markdown
    files saved since the session's build), or raise :class:`Whole`. Returns the files
    written (relative to ``output``); the session then holds the new bodies."""
    if session is None:
        raise Whole("no build to start from")
    build = session.build
    olds = []
    for path in dict.fromkeys(os.path.abspath(path) for path in changed):
        old = session.items.get(path)
        if old is None or not os.path.isfile(path):
            raise Whole(f"{path}: not a post, page or event of the last build")
        olds.append(old)
    output = Path(output).resolve()
    previous = state.current_or_none()
    state.start(build)
    readahead, build.readahead = build.readahead, None  # read from the file, not from the last build's
    problems_before, files_before = len(build.problems), len(build.files)
    PELICAN_LOG.start(build.settings.get("PATH", "content"))
    try:
        _same_side_of_every_date(session, clock.build_now(build.settings.get("TIMEZONE")))
        static = sitecheck.published_statics(build.generators[0].context)
        news = [_read_again(session, old) for old in olds]
        if len(build.problems) > problems_before or PELICAN_LOG.take():
            raise Whole("a problem while reading")
        for old, new in zip(olds, news, strict=True):
            _same_but_body(session, old, new, static)
        for old, new in zip(olds, news, strict=True):
            take_body(old, new)
            old.__dict__.pop(PICTURED, None)  # the body with its <picture>s, made again when written
        return _write(build, olds, output)
    finally:
        del build.problems[problems_before:], build.files[files_before:]
        PELICAN_LOG.stop()
        build.readahead = readahead
        state.start(previous)


def _write(build, items, output: Path) -> list[str]:
    """Write the files that show ``items``' bodies into a folder beside ``output``, then move
    each into ``output`` (a rename: a reader never gets half a file)."""
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    saved_output, saved_writer, saved_bodies = build.output_path, build.writer, build.body_outputs
    try:
        # Noted again into a list thrown away (and, being noted, written by this process alone).
        build.output_path, build.body_outputs = str(staging), {}
        writer = SiteWriter(str(staging), settings=build.settings)
        for item in items:
            for write in saved_bodies.get(id(item), []):
                write(writer)
        written = sorted(path.relative_to(staging).as_posix() for path in staging.rglob("*") if path.is_file())
        for relative in written:
            target = output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, target)
        return written
    finally:
        build.output_path, build.writer, build.body_outputs = saved_output, saved_writer, saved_bodies
        shutil.rmtree(staging, ignore_errors=True)
