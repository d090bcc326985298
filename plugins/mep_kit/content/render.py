"""Renders figures to HTML with the theme's ``partials/impact_callout.html`` macros, in
Pelican's own Jinja environment (the theme's loader, autoescaping on), so Markdown callouts,
case-study metrics and the numbers page share one markup and one escaping rule."""

from __future__ import annotations

from collections.abc import Mapping

PARTIAL = "partials/impact_callout.html"


class JinjaRenderer:
    def __init__(self, env, context: Mapping):
        self.env = env
        self.macros = env.get_template(PARTIAL).make_module(dict(context))

    def callout(self, figures) -> str:
        return str(self.macros.callout(figures)).strip()

    def inline(self, figure) -> str:
        return str(self.macros.inline(figure)).strip()


def template_names(env) -> set[str]:
    """The theme's page templates by name ("article", "contact", ...)."""
    return {name.removesuffix(".html") for name in env.list_templates(extensions=["html"]) if not name.startswith("!")}
