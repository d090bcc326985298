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


class RecentPostsAside:
    """The theme's ``partials/recent_posts.html``, rendered once per build per variant.

    The list is the same on every page but for two things: the page's own post is left out,
    and with relative URLs ``SITEURL`` depends on the page's depth. Templates call
    ``recent_posts_aside(SITEURL, current_url)``; each (SITEURL, left-out post) pair is
    rendered once and reused, instead of rendering ten cards again on every page.
    """

    TEMPLATE = "partials/recent_posts.html"

    def __init__(self, env, context):
        self.env = env
        self.context = context
        self._cache: dict[tuple, str] = {}
        self._urls: set[str] | None = None

    def __call__(self, siteurl: str, current_url: str | None = None):
        from markupsafe import Markup

        if self._urls is None:  # at the first page written, once the list is final
            self._urls = {post.url for post in self.context.get("recent_posts", [])}
        if current_url not in self._urls:
            current_url = None
        key = (siteurl, current_url)
        if key not in self._cache:
            template = self.env.get_template(self.TEMPLATE)
            self._cache[key] = template.render({**self.context, "SITEURL": siteurl, "exclude_url": current_url})
        return Markup(self._cache[key])


class PostCards:
    """The theme's card of a post (the ``card`` macro of ``partials/case_study_card.html``),
    rendered once per build per (post, heading level, SITEURL) and reused on every page that
    shows it: lists, service lines, industries, related case studies. Templates call
    ``post_card(post, heading_level, SITEURL)``."""

    TEMPLATE = "partials/case_study_card.html"

    def __init__(self, env, context):
        self.env = env
        self.context = context
        self._modules: dict[str, object] = {}
        self._cache: dict[tuple, str] = {}

    def __call__(self, post, heading_level: int = 3, siteurl: str = ""):
        from markupsafe import Markup

        key = (id(post), heading_level, siteurl)
        if key not in self._cache:
            if siteurl not in self._modules:
                template = self.env.get_template(self.TEMPLATE)
                self._modules[siteurl] = template.make_module({**self.context, "SITEURL": siteurl})
            self._cache[key] = Markup(self._modules[siteurl].card(post, heading_level=heading_level))
        return self._cache[key]
