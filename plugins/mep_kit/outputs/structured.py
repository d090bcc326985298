"""Structured data (schema.org JSON-LD) for search engines: plain functions from data to dicts.

* :func:`organization`: the center, on every page (built once per build);
* :func:`article`: a post (``Article``, in its language; the author and publisher are the center);
* :func:`breadcrumb_list`: the trail shown above the page (``BreadcrumbList``);
* an event's page: ``Event`` (:mod:`mep_kit.events.jsonld`).

:func:`to_json` serialises for a ``<script type="application/ld+json">`` block: keys
sorted (byte-identical builds), and ``<``, ``>`` and ``&`` escaped so no text from content
can close the script element. Such data blocks are not run, so the site's
Content-Security-Policy, which forbids inline scripts, allows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup

from ..content.markup import absolute, json_text, plain
from ..events import jsonld as event_jsonld

CONTEXT = "https://schema.org"


def organization(center: Mapping, siteurl: str) -> dict:
    """The center as an ``Organization``, with its phone number and its network."""
    data = {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": absolute(siteurl, "#organization"),
        "name": center["name"],
        "url": center.get("url") or absolute(siteurl, ""),
    }
    optional = {
        "alternateName": center.get("long_name"),
        "description": center.get("tagline"),
        "telephone": center.get("phone"),
        "areaServed": center.get("state") and {"@type": "State", "name": center["state"]},
        "memberOf": center.get("network") and {"@type": "Organization", "name": center["network"]},
    }
    data.update({key: value for key, value in optional.items() if value})
    return data


def article(post, siteurl: str, description: str = "") -> dict:
    """A post as an ``Article``, published by the center (see :func:`organization`), in its
    language (``inLanguage``: the site's, or a translation's own)."""
    center = {"@id": absolute(siteurl, "#organization")}
    data = {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": plain(post.title),
        "url": absolute(siteurl, post.url),
        "mainEntityOfPage": absolute(siteurl, post.url),
        "datePublished": post.date.isoformat(),
        "dateModified": (getattr(post, "modified", None) or post.date).isoformat(),
        "author": center,
        "publisher": center,
    }
    if description:
        data["description"] = description
    if getattr(post, "lang", None):
        data["inLanguage"] = post.lang
    keywords = [service.name for service in getattr(post, "services", None) or ()]
    keywords += [tag.name for tag in getattr(post, "tags", None) or ()]
    if keywords:
        data["keywords"] = keywords
    if getattr(post, "logo", None):
        data["image"] = absolute(siteurl, post.logo)
    if getattr(post, "client", None):
        data["about"] = {"@type": "Organization", "name": post.client}
    return data


def breadcrumb_list(crumbs: Iterable[tuple[str, str]], siteurl: str) -> dict:
    """``crumbs`` as (name, path relative to the site root) pairs, from the home page down."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": plain(name), "item": absolute(siteurl, path)}
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def to_json(data) -> Markup:
    """JSON for a ``<script type="application/ld+json">`` element (safe to embed)."""
    return Markup(json_text(data, separators=(",", ":")))


class StructuredData:
    """Put in the template context as ``structured_data``: the center's block is serialised
    once per build; the per-page blocks are built from the page's own data."""

    def __init__(self, center: Mapping, siteurl: str, lang: str | None = None):
        self.siteurl = siteurl
        self.center = center
        self.lang = lang
        self.organization = to_json(organization(center, siteurl))

    def article(self, post, description: str = "") -> Markup:
        return to_json(article(post, self.siteurl, description))

    def breadcrumbs(self, crumbs) -> Markup:
        return to_json(breadcrumb_list(crumbs, self.siteurl))

    def event(self, item, description: str = "", image: str | None = None, ended: bool = False) -> Markup:
        return to_json(
            event_jsonld.event(item, plain(item.title), description, self.siteurl, self.center, image, ended, self.lang)
        )
