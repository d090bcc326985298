"""An event as Pelican content: :class:`Event`, the content class the events generator
(:mod:`mep_kit.events.generator`) reads ``content/events/`` with.

Its addresses come from the ``EVENT_URL`` and ``EVENT_SAVE_AS`` settings (a draft's from
``DRAFT_EVENT_URL`` and ``DRAFT_EVENT_SAVE_AS``), named after the class as Pelican names
``ARTICLE_URL`` after :class:`pelican.contents.Article`. Like posts and pages, its rendered
body, title and summary are HTML (:class:`mep_kit.content.markup.Rendered`); everything else is
text, escaped by the templates. What the page shows of its fields is worked out here, from
:mod:`mep_kit.content.event_times` and :mod:`mep_kit.content.event_fields`, in the center's ``TIMEZONE`` and
the site's language (``DEFAULT_LANG``).
"""

from __future__ import annotations

import posixpath

from pelican import contents

from ..content import event_fields as fields
from ..content import event_times as times
from ..content.markup import Rendered
from ..languages.words import of_settings


def calendar_path(path: str) -> str:
    """The calendar file beside an event's page: ``events/x/index.html`` -> ``events/x.ics``,
    ``events/x/`` -> ``events/x.ics``, ``events/x.html`` -> ``events/x.ics``."""
    path = path.replace("\\", "/")
    if path.endswith("/index.html"):
        path = path[: -len("/index.html")]
    elif path.endswith("/"):
        path = path.rstrip("/")
    else:
        path = posixpath.splitext(path)[0]
    return f"{path}.ics"


class Event(Rendered, contents.Content):
    mandatory_properties = ("title", "start", "end")
    allowed_statuses = ("published", "hidden", "draft", "skip")
    default_status = "published"
    default_template = "event"

    def _expand_settings(self, key: str, klass: str | None = None) -> str:
        return super()._expand_settings(key, klass or ("draft_event" if self.status == "draft" else "event"))

    @property
    def url_format(self) -> dict:
        """What ``EVENT_URL`` and ``EVENT_SAVE_AS`` may name: ``{date}`` is the event's start
        (Pelican's would be the time of the build: an event has no ``Date:``)."""
        return {**super().url_format, "date": self.start}

    @property
    def zone(self) -> str:
        return self.settings.get("TIMEZONE") or "UTC"

    @property
    def language(self):
        """The site's language (:class:`mep_kit.languages.words.Language`)."""
        return of_settings(self.settings)

    @property
    def when(self) -> str:
        """Thursday, January 14, 2027, 11:00 a.m. – 12:00 p.m. ET."""
        return times.span_in_words(self.start, self.end, self.zone, self.language)

    @property
    def starts(self) -> str:
        """Thursday, January 14, 2027, 11:00 a.m. ET."""
        return times.moment_in_words(self.start, self.zone, self.language)

    @property
    def day(self) -> str:
        """Thursday, January 14, 2027 (the day it starts, in the center's zone)."""
        return times.day_in_words(times.in_zone(self.start, self.zone), self.language)

    @property
    def format_label(self) -> str:
        return fields.format_label(self.format, self.language)

    @property
    def place(self) -> str:
        return fields.place(self.format, getattr(self, "location", None), self.language)

    @property
    def price_text(self) -> str | None:
        return fields.price_text(getattr(self, "price", None), self.language)

    @property
    def calendar_url(self) -> str:
        """The address of its .ics file (relative to SITEURL, as ``url`` is)."""
        return calendar_path(self.url)

    @property
    def calendar_save_as(self) -> str:
        return calendar_path(self.save_as) if self.save_as else ""
