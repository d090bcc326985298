"""What a reader moves on to from a post: related case studies and a reading-time estimate.

Related case studies are those sharing a service line with the post, the ones sharing the
most service lines first, then the newest. They are worked out once per build for every
post together, from one index of posts by service line, not by comparing every pair.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from html import unescape

from .recent import newest_first

WORDS_PER_MINUTE = 200
_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")


def reading_minutes(html: str, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Whole minutes, at least one, to read the text of ``html`` at ``words_per_minute``."""
    words = len(_WORD.findall(unescape(_TAGS.sub(" ", html))))
    return max(1, math.ceil(words / words_per_minute))


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
