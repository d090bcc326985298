"""Files the plugin writes once per build: the "By the numbers" page, the figures
registry as JSON, a JSON Feed 1.1 of the recent posts (:mod:`mep_kit.outputs.feeds`), the site's
icon drawn from the brand (:mod:`mep_kit.core.brand`), and the hosts' ``_headers``.

JSON is written with sorted keys and no build time, so two builds of one commit match.
"""

from __future__ import annotations

from collections.abc import Mapping

from pelican.generators import Generator

from ..content.figures import Figure
from ..core import state
from ..core.brand import favicon_ico, favicon_svg
from ..core.paths import write_bytes, write_text
from ..languages.words import of_settings
from .editor import admin_policy, headers_rule, write_admin
from .editor_preview import preview_shells
from .feeds import json_feed, safe_json
from .headers import headers_file
from .writer import note_body_output


def figures_json(figures: Mapping[str, Figure], center: Mapping, language) -> str:
    data = {
        "publisher": center.get("name"),
        "language": language.code,
        "figures": [language.figure_json(figure) for figure in figures.values()],
    }
    return safe_json(data)


class SiteOutputsGenerator(Generator):
    """Writes the plugin's own pages and data files (after the articles are read)."""

    def generate_output(self, writer):
        settings = self.settings
        language = of_settings(settings)
        if settings.get("NUMBERS_SAVE_AS"):
            writer.write_file(
                settings["NUMBERS_SAVE_AS"],
                self.get_template("numbers"),
                self.context,
                relative_urls=settings["RELATIVE_URLS"],
                url=settings.get("NUMBERS_URL"),
                template_name="numbers",
                page_name="numbers",
            )
        if settings.get("FIGURES_JSON_SAVE_AS"):
            write_text(
                self.output_path,
                settings["FIGURES_JSON_SAVE_AS"],
                figures_json(self.context["figures"], settings.get("CENTER", {}), language),
            )
        if settings.get("JSON_FEED_SAVE_AS"):
            posts = self.context["recent_posts"]

            def write_json_feed(folder):
                write_text(folder, settings["JSON_FEED_SAVE_AS"], json_feed(posts, settings, language))

            write_json_feed(self.output_path)
            build = state.current_or_none()
            if build is not None and build.body_outputs is not None:
                note_body_output(build, posts, lambda writer: write_json_feed(writer.output_path))
        name, colors = settings["CENTER"]["name"], self.context["brand_palette"]
        if settings.get("FAVICON_SAVE_AS"):
            write_text(self.output_path, settings["FAVICON_SAVE_AS"], favicon_svg(name, colors))
        if settings.get("FAVICON_ICO_SAVE_AS"):
            write_bytes(
                self.output_path,
                settings["FAVICON_ICO_SAVE_AS"],
                favicon_ico(name, colors, settings["SHARE_CARD_FONT"]),
            )
        siteurl = settings.get("SITEURL", "")
        if settings.get("ADMIN_SAVE_AS"):
            write_admin(
                settings,
                self.output_path,
                self.context["figures"],
                f"{siteurl}/{self.context['asset_url']('css/site.css')}",
                previews=preview_shells(self.env, self.context),
                language=language,
            )
        if settings.get("HEADERS_SAVE_AS"):
            assets = "/" + "/".join(part.strip("/") for part in (settings.get("THEME_STATIC_DIR", "theme"), "assets"))
            text = headers_file(
                settings["CONTENT_SECURITY_POLICY"], settings["SECURITY_HEADERS"], assets, settings["HEADERS_HOST"]
            )
            if settings.get("ADMIN_SAVE_AS"):
                text += headers_rule(settings["ADMIN_SAVE_AS"], settings["HEADERS_HOST"], admin_policy(settings))
            write_text(self.output_path, settings["HEADERS_SAVE_AS"], text)
