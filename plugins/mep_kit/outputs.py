"""Files the plugin writes once per build: the "By the numbers" page, the figures
registry as JSON, a JSON Feed 1.1 of the recent posts, and the hosts' ``_headers``.

JSON is written with sorted keys and no build time, so two builds of one commit match.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping

from markupsafe import Markup
from pelican.generators import Generator

from .figures import Figure
from .headers import headers_file


def figures_json(figures: Mapping[str, Figure], center: Mapping) -> str:
    data = {
        "publisher": center.get("name"),
        "figures": [figure.as_json() for figure in figures.values()],
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def absolute(siteurl: str, url: str) -> str:
    """``url`` (relative to the site root, as Pelican's ``url``s are) under ``siteurl``;
    from the root (``/url``) when ``SITEURL`` is empty."""
    return f"{siteurl}/{url}" if siteurl else f"/{url}"


def json_feed(posts: Iterable, settings: Mapping) -> str:
    """A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/) of ``posts``."""
    siteurl = settings.get("SITEURL", "")
    items = []
    for post in posts:
        url = absolute(siteurl, post.url)
        item = {
            "id": url,
            "url": url,
            "title": Markup(post.title).striptags(),
            "summary": Markup(post.summary).striptags(),
            "content_html": str(post.content),
            "date_published": post.date.isoformat(),
            "tags": [category.name for category in getattr(post, "services", [])] + [tag.name for tag in getattr(post, "tags", [])],
        }
        if getattr(post, "modified", None):
            item["date_modified"] = post.modified.isoformat()
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{settings['SITENAME']}: recent posts",
        "home_page_url": absolute(siteurl, ""),
        "feed_url": absolute(siteurl, settings["JSON_FEED_SAVE_AS"]),
        "description": settings.get("SITESUBTITLE") or settings["SITENAME"],
        "language": settings.get("DEFAULT_LANG", "en"),
        "authors": [{"name": settings.get("AUTHOR") or settings["SITENAME"]}],
        "items": items,
    }
    return json.dumps(feed, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_text(output_path: str, save_as: str, text: str) -> None:
    path = os.path.join(output_path, save_as)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


class SiteOutputsGenerator(Generator):
    """Writes the plugin's own pages and data files (after the articles are read)."""

    def generate_output(self, writer):
        settings = self.settings
        if settings.get("NUMBERS_SAVE_AS"):
            writer.write_file(
                settings["NUMBERS_SAVE_AS"], self.get_template("numbers"), self.context,
                relative_urls=settings["RELATIVE_URLS"], url=settings.get("NUMBERS_URL"),
                template_name="numbers", page_name="numbers",
            )
        if settings.get("FIGURES_JSON_SAVE_AS"):
            write_text(self.output_path, settings["FIGURES_JSON_SAVE_AS"], figures_json(self.context["figures"], settings.get("CENTER", {})))
        if settings.get("JSON_FEED_SAVE_AS"):
            write_text(self.output_path, settings["JSON_FEED_SAVE_AS"], json_feed(self.context["recent_posts"], settings))
        if settings.get("HEADERS_SAVE_AS"):
            assets = "/" + "/".join(part.strip("/") for part in (settings.get("THEME_STATIC_DIR", "theme"), "assets"))
            text = headers_file(settings["CONTENT_SECURITY_POLICY"], settings["SECURITY_HEADERS"], assets, settings["HEADERS_HOST"])
            write_text(self.output_path, settings["HEADERS_SAVE_AS"], text)
