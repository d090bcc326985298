"""Recent posts: the N newest published posts, in one deterministic order.

Posts are ordered newest first; posts with the same date are ordered by slug, so two
case studies published on one day keep their order on every build and every machine.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable


def newest_first(post) -> tuple:
    """Sort key: newest date first, then slug A to Z."""
    return (-post.date.timestamp(), post.slug)


def recent_posts(posts: Iterable, count: int) -> list:
    """The ``count`` newest of ``posts`` (published posts only: Pelican's ``articles``)."""
    return heapq.nsmallest(count, posts, key=newest_first)
