"""mep_kit.context.recent: the newest posts, ties by slug."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from mep_kit.context.recent import recent_posts


def post(slug, day):
    return SimpleNamespace(slug=slug, date=datetime.datetime(2026, 2, day, tzinfo=datetime.UTC))


def test_recent_posts_are_newest_first_with_ties_by_slug():
    posts = [post("siftex", 2), post("penn-globe", 11), post("modelcraft", 2), post("wild-cnc", 4)]
    assert [p.slug for p in recent_posts(posts, 10)] == ["penn-globe", "wild-cnc", "modelcraft", "siftex"]
    assert [p.slug for p in recent_posts(list(reversed(posts)), 2)] == ["penn-globe", "wild-cnc"]
