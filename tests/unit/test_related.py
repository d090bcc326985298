"""mep_kit.context.related: related case studies, ranked once per build."""

from __future__ import annotations

import datetime
from types import SimpleNamespace as Post

from mep_kit.context.related import related_by_service

TZ = datetime.UTC


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


def by_every_pair(articles, count):
    """The rule, compared pair by pair: the reference the build's index must agree with."""
    from mep_kit.context.recent import newest_first

    def shared(a, b):
        return len({s.name for s in a.services} & {s.name for s in b.services})

    return {
        id(a): sorted(
            (b for b in articles if b is not a and shared(a, b)), key=lambda b: (-shared(a, b), newest_first(b))
        )[:count]
        for a in articles
        if a.services
    }


def test_the_index_agrees_with_comparing_every_pair():
    import random

    randomly = random.Random(20261127)
    lines = ["Lean", "Quality", "Workforce", "Growth", "Cyber"]
    posts = [
        post(f"p{n:03}", randomly.randint(1, 28), *randomly.sample(lines, randomly.randint(0, 3))) for n in range(300)
    ]
    for count in (1, 3, 7):
        assert related_by_service(posts, count) == by_every_pair(posts, count)
