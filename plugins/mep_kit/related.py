"""Related case studies: those sharing a service line with a post, the ones sharing the most
service lines first, then the newest. Worked out once per build for every post together,
from one index of posts by service line, not by comparing every pair.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence

from .recent import newest_first


def related_by_service(articles: Sequence, count: int) -> dict[int, list]:
    """For each case study in ``articles`` (id(article) -> list), up to ``count`` others
    that share a service line with it: most shared service lines first, then newest first.
    Posts without ``services`` (articles) get and give no related posts."""
    # Recency is ranked once for the build, not once per pair compared.
    position = {id(article): rank for rank, article in enumerate(sorted(articles, key=newest_first))}
    by_service: dict[str, list] = defaultdict(list)
    for article in articles:
        for service in getattr(article, "services", ()) or ():
            by_service[service.name].append(article)
    related = {}
    for article in articles:
        services = getattr(article, "services", ()) or ()
        if not services:
            continue
        shared: dict[int, list] = {}
        for service in services:
            for other in by_service[service.name]:
                if other is not article:
                    shared.setdefault(id(other), [other, 0])[1] += 1
        best = heapq.nsmallest(count, shared.values(), key=lambda pair: (-pair[1], position[id(pair[0])]))
        related[id(article)] = [other for other, _ in best]
    return related
