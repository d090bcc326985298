"""mep_kit.related: related case studies, ranked once per build."""

from __future__ import annotations

import datetime
from types import SimpleNamespace as Post

from mep_kit.related import related_by_service

TZ = datetime.timezone.utc


def post(slug, day, *services):
    return Post(slug=slug, date=datetime.datetime(2026, 1, day, tzinfo=TZ), services=[Post(name=s) for s in services])


def test_related_ranks_by_shared_service_lines_then_newest_then_slug():
    a = post("a", 1, "Lean", "Quality")
    b = post("b", 2, "Lean")
    c = post("c", 3, "Lean", "Quality")
    d = post("d", 3, "Lean")
    e = post("e", 9, "Workforce")
    article = Post(slug="news", date=a.date, services=[])
    related = related_by_service([a, b, c, d, e, article], count=3)
    assert [p.slug for p in related[id(a)]] == ["c", "d", "b"]
    assert [p.slug for p in related[id(b)]] == ["c", "d", "a"]
    assert related[id(e)] == [] and id(article) not in related
