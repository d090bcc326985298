"""The Pelican generator of events: reads ``content/events/``, lists what is upcoming and past
on the build's now, and writes the event pages, ``/events/`` and the calendar files.

Added to Pelican's generators by the plugin (``get_generators``), after the articles and
pages generators, so everything it puts in the shared context is there before any page is
written:

``upcoming_events``, ``past_events``
    The published events, upcoming (soonest first) and past (newest first), on the build's
    now (:mod:`mep_kit.events.listing`); the home page shows the first ``HOME_EVENTS_COUNT``.
``events_by_service``
    {service line: {"upcoming": [...], "past": [...]}}, for each service line's page.
``banner``
    The ``BANNER`` setting while it is current, else ``{"event": the next upcoming event}``.

What it writes: each event at its ``EVENT_SAVE_AS`` (a draft at ``DRAFT_EVENT_SAVE_AS``)
with the theme's ``event`` template, and its calendar file beside it
(``events/x/index.html`` -> ``events/x.ics``); ``EVENTS_SAVE_AS`` with the template
``events``, the upcoming events and the first page of past ones, then the past ones
``DEFAULT_PAGINATION`` at a time (``events/page/2/``, ...); and ``EVENTS_FEED_SAVE_AS``,
every upcoming event as one calendar to subscribe to (:mod:`mep_kit.events.ical`).
:meth:`EventsGenerator.outputs` lists those files before anything is written, for the
site's checks.
"""

from __future__ import annotations

import logging
from itertools import chain

from pelican.contents import SkipStub
from pelican.generators import Generator
from pelican.paginator import Paginator
from pelican.utils import slugify

from ..content.schema import KINDS
from ..core import state
from ..core.paths import display_path, write_bytes
from ..languages.words import of_settings
from . import clock, ical, listing
from .content import Event

#: The folder under the content path that holds events: the schema's.
FOLDER = next(folder for folder, kind in KINDS.items() if kind == "event")
logger = logging.getLogger(__name__)


class EventsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        self.events = []
        self.hidden_events = []
        self.draft_events = []
        self.upcoming = []
        self.past = []
        self.now = None
        super().__init__(*args, **kwargs)

    def source_files(self) -> list[str]:
        """The event files to read, relative to the content folder, in order."""
        return sorted(self.get_files([FOLDER]))

    def check_disabled_readers(self) -> None:
        # What Pelican's generators do for theirs, with its public parts: a file in the events
        # folder that only a disabled reader reads is reported, not skipped in silence.
        for name in self.get_files([FOLDER], extensions=self.readers.disabled_extensions):
            self.readers.check_file(name)

    def generate_context(self):
        build = state.current_or_none()
        self.now = (
            build.now if build is not None and build.now is not None else clock.build_now(self.settings.get("TIMEZONE"))
        )
        lists = {"published": self.events, "hidden": self.hidden_events, "draft": self.draft_events}
        for name in self.source_files():
            try:
                event = self.readers.read_file(
                    base_path=self.path, path=name, content_class=Event, context=self.context
                )
            except Exception:
                logger.exception("Could not process %s", name, exc_info=self.settings.get("DEBUG", False))
                self._add_failed_source_path(name)
                continue
            if isinstance(event, SkipStub):
                continue
            if not event.is_valid():
                self._add_failed_source_path(name)
                continue
            lists[event.status].append(event)
            self.add_source_path(event)
            self.add_static_links(event)
        for found in lists.values():
            found.sort(key=listing.soonest_first)
        self.upcoming, self.past = listing.split(self.events, self.now)
        self.context["upcoming_events"] = self.upcoming
        self.context["past_events"] = self.past
        self.context["events_by_service"] = listing.by_service(
            self.upcoming, self.past, self.settings.get("SERVICE_LINES") or {}
        )
        self.context["banner"] = listing.banner(self.context.get("banner"), self.upcoming)

    def refresh_metadata_intersite_links(self):
        for event in chain(self.events, self.hidden_events, self.draft_events):
            event.refresh_metadata_intersite_links()

    # --- what it writes ------------------------------------------------------------------

    def past_paginator(self) -> Paginator:
        per_page = self.settings.get("DEFAULT_PAGINATION") or None
        return Paginator(
            self.settings["EVENTS_SAVE_AS"], self.settings["EVENTS_URL"], self.past, self.settings, per_page
        )

    def written(self) -> list:
        """Every event whose page this build writes (published, hidden, and drafts where
        ``DRAFT_EVENT_SAVE_AS`` is set)."""
        return [event for event in chain(self.events, self.hidden_events, self.draft_events) if event.save_as]

    def outputs(self) -> dict[str, str]:
        """Every file besides the event pages that this generator will write (save_as ->
        who writes it), before anything is written."""
        found = {}
        if self.settings.get("EVENTS_SAVE_AS"):
            paginator = self.past_paginator()
            for number in paginator.page_range:
                page = paginator.page(number)
                found[page.save_as] = f"the site's own page '{page.url}'"
        if self.settings.get("EVENTS_FEED_SAVE_AS"):
            found[self.settings["EVENTS_FEED_SAVE_AS"]] = "the calendar of upcoming events (EVENTS_FEED_SAVE_AS)"
        for event in self.written():
            found[event.calendar_save_as] = f"the calendar file of {display_path(event.source_path)}"
        return found

    def calendar_args(self) -> tuple[str, str, str]:
        siteurl = self.settings.get("SITEURL", "")
        center = self.settings.get("CENTER") or {}
        sitename = self.settings.get("SITENAME", "")
        return (
            siteurl,
            ical.domain(center.get("url"), siteurl, slugify(sitename) or "mep-center"),
            self.settings.get("TIMEZONE") or "UTC",
        )

    def generate_output(self, writer):
        settings = self.settings
        relative = settings["RELATIVE_URLS"]
        siteurl, domain, zone = self.calendar_args()
        language = of_settings(settings)
        written = state.current().written if state.current_or_none() is not None else set()
        for event in self.written():
            writer.write_file(
                event.save_as,
                self.get_template(event.template),
                self.context,
                relative_urls=relative,
                override_output=hasattr(event, "override_save_as"),
                url=event.url,
                event=event,
                ended=listing.ended(event, self.now),
            )
            write_bytes(
                self.output_path, event.calendar_save_as, ical.event_calendar(event, siteurl, domain, zone, language)
            )
            written.add(event.calendar_save_as)
        if settings.get("EVENTS_SAVE_AS"):
            template = self.get_template("events")
            paginator = self.past_paginator()
            for number in paginator.page_range:
                page = paginator.page(number)
                writer.write_file(
                    page.save_as,
                    template,
                    self.context,
                    relative_urls=relative,
                    url=page.url,
                    past_events_paginator=paginator,
                    past_events_page=page,
                    past_events_previous_page=paginator.page(number - 1) if number > 1 else None,
                    past_events_next_page=paginator.page(number + 1) if number < paginator.num_pages else None,
                )
        if settings.get("EVENTS_FEED_SAVE_AS"):
            center = (settings.get("CENTER") or {}).get("name") or settings.get("SITENAME", "")
            # Translators: the name of the calendar of upcoming events readers subscribe to.
            name = language.gettext("%(center)s: upcoming events") % {"center": center}
            write_bytes(
                self.output_path,
                settings["EVENTS_FEED_SAVE_AS"],
                ical.feed(self.upcoming, siteurl, domain, zone, self.now.year, language, name),
            )
            written.add(settings["EVENTS_FEED_SAVE_AS"])


def outputs(generators) -> dict[str, str]:
    """:meth:`EventsGenerator.outputs` of the build's events generator ({} without one)."""
    found = {}
    for generator in generators:
        if isinstance(generator, EventsGenerator):
            found.update(generator.outputs())
    return found
