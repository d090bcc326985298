"""Renders figures to HTML with the theme's ``partials/impact_callout.html`` macros, so
Markdown callouts, case-study metrics and the numbers page share one markup."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

PARTIAL = "partials/impact_callout.html"


def renderer_for(settings: Mapping) -> "JinjaRenderer":
    """The renderer for a site's theme (``THEME`` and ``THEME_TEMPLATES_OVERRIDES``)."""
    template_dirs = [os.path.join(settings["THEME"], "templates"), *settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    return JinjaRenderer(template_dirs, {"CENTER": settings.get("CENTER", {})})


class JinjaRenderer:
    def __init__(self, template_dirs: Iterable[str], globals_: Mapping):
        self.env = Environment(
            loader=FileSystemLoader(list(template_dirs)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
        )
        self.env.globals.update(globals_)
        self.macros = self.env.get_template(PARTIAL).module

    def callout(self, figures) -> str:
        return str(self.macros.callout(figures)).strip()

    def inline(self, figure) -> str:
        return str(self.macros.inline(figure)).strip()

    def template_names(self) -> set[str]:
        return {name.removesuffix(".html") for name in self.env.list_templates(extensions=["html"])}
