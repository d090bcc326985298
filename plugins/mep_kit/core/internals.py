"""The one place the kit reaches into another library's private parts, where nothing public
does the job. Each use says what it needs and which release it was read against; each has a
test in ``tests/unit/test_internals.py`` that fails the day the internal changes, so a new
release of Pelican, Python-Markdown or rich that moves one breaks a test, not a site.

Read against Pelican 4.12.0, Python-Markdown 3.11 and rich 15.0 (``requirements/dev.lock``).
"""

from __future__ import annotations

import threading

from pelican.contents import Content
from pelican.log import LimitFilter
from pelican.readers import MarkdownReader


class _NoFormattedFields:
    """Stands in for the Markdown that ``MarkdownReader._parse_metadata`` renders
    ``FORMATTED_FIELDS`` with, for a file that has none: all it does with it then is take the
    ``meta`` preprocessor off (``self._md.preprocessors.deregister("meta")``), and making a
    Markdown per file for that costs a millisecond."""

    class preprocessors:
        @staticmethod
        def deregister(name, strict=True):
            pass


def parse_metadata(reader: MarkdownReader, fields: dict, markdown=None) -> dict:
    """Pelican's own reading of a Markdown file's front matter (``fields``: Python-Markdown's
    ``Meta``, name -> list of lines) into metadata, with ``markdown`` (a ``Markdown``) for
    the ``FORMATTED_FIELDS`` among them, or none if there are none.

    Pelican 4.12: ``MarkdownReader._parse_metadata(meta)``, which reads ``self._md``. The
    public ``BaseReader.process_metadata`` handles one value; the formatted fields, the
    lists and the duplicate-key rules are only in ``_parse_metadata``."""
    reader._md = markdown if markdown is not None else _NoFormattedFields
    return reader._parse_metadata(fields)


def forget_logged_once() -> None:
    """Pelican logs some warnings once per process (``pelican.log.LimitFilter``'s class-level
    sets and counts); a process that builds again must log them again. Pelican 4.12:
    ``LimitFilter._raised_messages``, ``_group_count`` and ``_ignore``."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    LimitFilter._ignore.clear()


def forget_rendered_bodies() -> None:
    """Pelican memoizes each content object's rendered body and summary for the life of the
    process (``pelican.utils.memoized`` on ``Content.get_content`` and ``get_summary``, each
    with a ``cache`` dict); a process that builds again must render them again."""
    for method in ("get_content", "get_summary"):
        Content.__dict__[method].cache.clear()


#: The attribute of a content object that holds its body (Pelican 4.12; see :func:`take_body`).
BODY = "_content"


def take_body(item: Content, other: Content) -> None:
    """Give ``item`` the body ``other`` was read with (its Markdown rendered, before any
    ``{filename}`` link is resolved), and forget the bodies rendered from the old one; the
    rest of ``item`` stays as it is. Pelican 4.12: the body is ``Content._content``, which
    ``get_content`` renders (memoized: :func:`forget_rendered_bodies`); nothing public sets it."""
    setattr(item, BODY, getattr(other, BODY))
    forget_rendered_bodies()


def become(instance, kind: type) -> None:
    """Make a content object Pelican made an instance of ``kind``, a subclass of its class
    with methods added and no state of its own. Pelican's generators make their content with
    their own classes (``pelican.contents.Article``, ``Page``) and no setting names another;
    ``content_object_init`` is the first moment the kit sees the object."""
    if not issubclass(kind, type(instance)) or kind.__dict__.get("__slots__") or "__init__" in kind.__dict__:
        raise TypeError(f"{kind.__name__} must only add methods to {type(instance).__name__}")
    instance.__class__ = kind


def skip_typogrify_pass(readers) -> None:
    """Pelican's ``Readers.read_file`` runs typogrify over each file's body, title and summary
    after the reader when ``TYPOGRIFY`` is set; the kit's reader has done it already, while
    reading (so it is cached with the body). This ``Readers`` alone is given a copy of the
    settings with ``TYPOGRIFY`` off; the site's settings keep the value the center wrote.

    Pelican 4.12: ``read_file`` reads ``self.settings["TYPOGRIFY"]``, and ``Readers.__init__``
    sets ``self.settings`` last (after ``readers_init``), so this is done at ``generator_init``."""
    if readers.settings.get("TYPOGRIFY"):
        readers.settings = {**readers.settings, "TYPOGRIFY": False}


def expand_setting(item: Content, key: str, kind: str) -> str:
    """The address setting ``key`` (``save_as``, ``url``, ``lang_url``...) of content of ``kind``
    (``article``, ``page``, ``event``...) filled in for ``item``, whatever its status: where a
    draft will be written once published. Pelican 4.12: ``Content._expand_settings(key,
    klass)``, which ``get_url_setting`` calls with the item's own class."""
    return Content._expand_settings(item, key, kind)


def is_live_refresh_thread(thread: threading.Thread) -> bool:
    """Whether ``thread`` is the one rich starts to redraw a live display (Pelican's
    "Generating..." line): rich 15.0's ``rich.live._RefreshThread``, which only redraws and
    is never needed in a forked process."""
    return type(thread).__name__ == "_RefreshThread" and type(thread).__module__ == "rich.live"
