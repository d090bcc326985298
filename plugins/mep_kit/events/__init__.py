"""Events and webinars: a content type of their own, listed, put in calendars and in the
banner as the build's "now" passes them.

Every module is plain functions (data in, data out) but :mod:`~mep_kit.events.content` (the
Pelican content class) and :mod:`~mep_kit.events.generator` (the Pelican generator that reads,
lists and writes events); none imports this package's ``__init__`` or the plugin's, so they
import in any order:

* :mod:`~mep_kit.events.clock`: the build's "now", one moment per build, from
  ``SOURCE_DATE_EPOCH`` when it is set;
* :mod:`~mep_kit.content.event_times`: ``Start:`` and ``End:`` read in the site's ``TIMEZONE`` (or
  the offset or zone given), and said in words;
* :mod:`~mep_kit.content.event_fields`: what the event fields must hold, and their values for the
  templates;
* :mod:`~mep_kit.events.listing`: upcoming and past, by service line, the banner;
* :mod:`~mep_kit.events.ical`: iCalendar files (RFC 5545), written with the ``icalendar``
  package;
* :mod:`~mep_kit.events.jsonld`: the schema.org ``Event`` of an event page.
"""
