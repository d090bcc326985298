"""Service lines: the center's services (``SERVICE_LINES`` in pelicanconf.py) as categories.

A case study names one or more service lines in ``services:``; the first is its Pelican
category (its URL, breadcrumbs, primary feed). Every service line gets a category page,
listing every case study that names it, even when none does yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass
class ServiceLine:
    name: str
    description: str
    category: object  # pelican.urlwrappers.Category
    articles: list = field(default_factory=list)


def group_by_service(articles: Iterable, service_lines: Mapping[str, str], make_category) -> list[ServiceLine]:
    """One :class:`ServiceLine` per configured service, in settings order, with the
    ``articles`` (already ordered) that name it in their ``services``."""
    lines = {name: ServiceLine(name, description, make_category(name)) for name, description in service_lines.items()}
    for article in articles:
        for category in getattr(article, "services", ()):
            lines[category.name].articles.append(article)
    return list(lines.values())
