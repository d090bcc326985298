"""mep_kit.outputs.feeds: the JSON Feed and deterministic dates for empty feeds."""

from __future__ import annotations

import datetime
import json
from types import SimpleNamespace

from mep_kit.languages.words import language
from mep_kit.outputs.feeds import EPOCH, json_feed, newest_date, pin_empty_feed_date

DAY = datetime.datetime(2026, 2, 2, tzinfo=datetime.UTC)


def test_json_feed_is_version_1_1_with_text_titles_and_no_live_markup():
    post = SimpleNamespace(
        url="a/", title="A &amp; <b>B</b>", summary="<p>S</p>", content="<p>Body</p>", date=DAY, services=[], tags=[]
    )
    settings = {"SITEURL": "https://x.org", "SITENAME": "X", "JSON_FEED_SAVE_AS": "feeds/recent.json"}
    text = json_feed([post], settings, language("en"))
    data = json.loads(text)
    assert data["version"] == "https://jsonfeed.org/version/1.1" and data["items"][0]["id"] == "https://x.org/a/"
    assert data["items"][0]["title"] == "A & B" and "<" not in text
    assert data["title"] == "X: recent posts"
    spanish = json.loads(json_feed([post], {**settings, "DEFAULT_LANG": "es"}, language("es")))
    assert (spanish["title"], spanish["language"]) == ("X: publicaciones recientes", "es")


def test_an_empty_feed_is_dated_by_the_newest_post_not_the_clock_and_every_feed_says_its_language():
    feed = SimpleNamespace(items=[], feed={})
    pin_empty_feed_date({"articles": [SimpleNamespace(date=DAY)], "DEFAULT_LANG": "es"}, feed)
    assert feed.latest_post_date() == DAY
    assert feed.feed["language"] == "es"
    assert newest_date([]) == EPOCH
