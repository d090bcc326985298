"""Related case studies: those sharing a service line with a post, the ones sharing the most
service lines first, then the newest. Worked out once per build for every post together, in
time that grows with the number of posts, not with its square: every post is listed, newest
first, under each combination of its service lines, and each post's related ones are the
first few of the lists for its own service lines, the combinations of most lines first.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from .recent import newest_first


def _names(article) -> tuple[str, ...]:
    return tuple(sorted({service.name for service in getattr(article, "services", ()) or ()}))


def related_by_service(articles: Sequence, count: int) -> dict[int, list]:
    """For each case study in ``articles`` (id(article) -> list), up to ``count`` others
    that share a service line with it: most shared service lines first, then newest first
    (then by slug). Posts without ``services`` (articles) get and give no related posts."""
    newest = sorted(articles, key=newest_first)
    rank = {id(article): position for position, article in enumerate(newest)}
    names_of = {id(article): _names(article) for article in articles}
    # Each post under every combination of its service lines, newest first: a post shares
    # k lines with another exactly when it is listed under one k-combination of the other's.
    listed: dict[tuple[str, ...], list] = defaultdict(list)
    for article in newest:
        names = names_of[id(article)]
        for size in range(1, len(names) + 1):
            for combination in combinations(names, size):
                listed[combination].append(article)
    related = {}
    for article in articles:
        names = names_of[id(article)]
        if not names:
            continue
        chosen, seen = [], {id(article)}
        for size in range(len(names), 0, -1):  # most shared lines first
            lists = [listed[combination] for combination in combinations(names, size)]
            for other in heapq.merge(*lists, key=lambda post: rank[id(post)]):
                if id(other) not in seen:
                    seen.add(id(other))
                    chosen.append(other)
                    if len(chosen) == count:
                        break
            if len(chosen) == count:
                break
        related[id(article)] = chosen
    return related
