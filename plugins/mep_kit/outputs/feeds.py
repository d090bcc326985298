"""The feeds: a JSON Feed 1.1 of the recent posts (:func:`json_feed`; Pelican writes the Atom
and RSS ones), and deterministic dates and the site's language for Pelican's: an empty feed (a
service line with no case study yet) is dated by the site's newest post, not by the build's
wall-clock time as feedgenerator would, and every feed says its language (``xml:lang``,
``<language>``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from markupsafe import Markup

from ..content.markup import absolute, json_text

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def newest_date(posts) -> datetime.datetime:
    return max((post.date for post in posts), default=EPOCH)


def pin_empty_feed_date(context, feed):
    """``feed_generated`` handler: give an item-less feed a date that does not change, and
    every feed the site's language (Pelican gives it none)."""
    feed.feed["language"] = context.get("DEFAULT_LANG")
    if not feed.items:
        stamp = newest_date(context.get("articles", ()))
        feed.latest_post_date = lambda: stamp


def safe_json(data) -> str:
    """A JSON file: indented, with the escapes of :func:`mep_kit.content.json_text`."""
    return json_text(data, indent=2) + "\n"


def json_feed(posts: Iterable, settings: Mapping, language) -> str:
    """A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/) of ``posts``, titled in
    the site's ``language``."""
    siteurl = settings.get("SITEURL", "")
    items = []
    for post in posts:
        url = absolute(siteurl, post.url)
        item = {
            "id": url,
            "url": url,
            "title": Markup(post.title).striptags(),
            "summary": Markup(post.summary).striptags(),
            "content_html": str(post.content),
            "date_published": post.date.isoformat(),
            "tags": [category.name for category in getattr(post, "services", [])]
            + [tag.name for tag in getattr(post, "tags", [])],
        }
        if getattr(post, "modified", None):
            item["date_modified"] = post.modified.isoformat()
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        # Translators: the title of the feed of the site's recent posts.
        "title": language.gettext("%(site)s: recent posts") % {"site": settings["SITENAME"]},
        "home_page_url": absolute(siteurl, ""),
        "feed_url": absolute(siteurl, settings["JSON_FEED_SAVE_AS"]),
        "description": settings.get("SITESUBTITLE") or settings["SITENAME"],
        "language": settings.get("DEFAULT_LANG", "en"),
        "authors": [{"name": settings.get("AUTHOR") or settings["SITENAME"]}],
        "items": items,
    }
    return safe_json(feed)
