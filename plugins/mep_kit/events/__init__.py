"""Events and webinars: a content type of their own, listed, put in calendars and in the
banner as the build's "now" passes them.

* :mod:`~mep_kit.events.clock`: the build's "now", one moment per build, from
  ``SOURCE_DATE_EPOCH`` when it is set.
"""
