"""Which values of a post are HTML, and which are text: the one place that decides.

The theme's Jinja environment escapes every value (``autoescape``, set by
:mod:`mep_kit.settings`). Three values of a post or page are HTML the build made itself,
and are marked safe here, once:

* ``content``: the body, rendered from Markdown and checked as the browser will read it
  (:mod:`mep_kit.checks.safety`) before anything is written;
* ``title`` and ``summary``: front-matter text, escaped by the reader
  (:func:`escape_text`) before typogrify adds its typographic entities and spans.

Every other front-matter field (client, alt texts, ...) stays plain text, escaped wherever
a template shows it. Markup typed into a title or summary is therefore shown as the
characters typed, never run.
"""

from __future__ import annotations

import html
import json

from markupsafe import Markup
from pelican import contents

from ..core import state
from ..core.internals import become


def escape_text(text: str) -> str:
    """Front-matter text as HTML text: ``&``, ``<``, ``>`` and ``"`` escaped. Apostrophes
    are left for typogrify to turn into typographic ones (it reads ``'``, not ``&#x27;``);
    templates never put a title inside a single-quoted attribute."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def json_text(data, **dumps) -> str:
    """``data`` as JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes (the same JSON to any
    parser): inside a ``<script type="application/ld+json">`` no text can close the element,
    and in a JSON file no client can take a post's text for markup. Keys are sorted, so two
    builds match."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, **dumps)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


#: What :class:`Rendered` keeps in each object it works something out for once: the body with
#: its images as ``<picture>``, and the addresses settled once the build writes.
PICTURED, SETTLED = "_pictured_content", "_settled_values"


class Rendered:
    """Mixed into Pelican's content classes: the rendered body and the summary are Markup,
    and once the build's images are processed (``state.Build.images``), the body has its
    images as ``<picture>`` (rewritten once per post and ``siteurl``)."""

    def get_content(self, siteurl):
        html = super().get_content(siteurl)
        build = state.current_or_none()
        images = build.images if build is not None else None
        if images is None:
            return html
        cache = self.__dict__.setdefault(PICTURED, {})
        key = (id(images), siteurl)
        if key not in cache:
            cache[key] = images.rewrite_body(self, html, siteurl)
        return cache[key]

    @property
    def content(self):
        return Markup(super().content)

    def _settled(self, name, compute):
        """``compute()``, worked out once per post from the moment the build writes (its
        writer made, ``state.Build.writer``): no address changes after that, and the pages
        ask for each post's address dozens of times (related posts, neighbours, cards)."""
        build = state.current_or_none()
        if build is None or build.writer is None:
            return compute()
        settled = self.__dict__.setdefault(SETTLED, {})
        if name not in settled:
            settled[name] = compute()
        return settled[name]

    @property
    def url(self):
        return self._settled("url", lambda: super(Rendered, self).url)

    @property
    def save_as(self):
        return self._settled("save_as", lambda: super(Rendered, self).save_as)

    @property
    def summary(self):
        return Markup(super().summary)

    @summary.setter
    def summary(self, value):
        """As Pelican's: the summary comes from the metadata or the content."""


class Article(Rendered, contents.Article):
    """A :class:`pelican.contents.Article` whose rendered HTML is Markup. (It keeps
    Pelican's class name, which Pelican reads to find the ``*_SAVE_AS`` settings.)"""


class Page(Rendered, contents.Page):
    """A :class:`pelican.contents.Page` whose rendered HTML is Markup."""


RENDERED = {contents.Article: Article, contents.Page: Page}


def mark_rendered(instance) -> None:
    """``content_object_init`` handler: mark the body, title and summary as HTML."""
    rendered = RENDERED.get(type(instance))
    if rendered is not None:
        become(instance, rendered)
    if isinstance(getattr(instance, "title", None), str):
        instance.title = Markup(instance.title)


def absolute(siteurl: str, url: str) -> str:
    """``url`` (relative to the site root, as Pelican's ``url``s are) under ``siteurl``;
    from the root (``/url``) when ``SITEURL`` is empty."""
    return f"{siteurl}/{url}" if siteurl else f"/{url}"


def plain(html: str) -> str:
    """Text of an HTML title: tags dropped, entities decoded, non-breaking spaces plain."""
    return Markup(html).striptags().replace("\xa0", " ")
