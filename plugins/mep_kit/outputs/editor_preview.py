"""The editor's preview in the site's own markup: the theme's real templates, rendered at build
time around placeholder fields, handed to the editor as shells it fills in as a writer types.

For each collection whose kind has a page template (case studies: ``case_study.html``;
articles: ``article.html``; pages: ``page.html``), :func:`preview_shells` renders that
template, through the build's own Jinja environment and context, for a stand-in post
(:class:`PreviewPost`) whose fields are tokens (``mep-preview-title``, ...), and keeps the
page's ``<main>`` (less its search markers, ``data-pagefind-*``, so that the editor's page is
never indexed): the same elements and classes the built page has, with no second copy of the
template to drift. ``admin/pelican-format.js`` turns a shell into Decap's preview of that
collection, replacing each token with the entry's field (the body with Decap's rendering of
the Markdown), in the site's stylesheet.

What it does not do: run the site's own Markdown extensions and typography (the body is
Decap's Markdown rendering, so ``[[figure: ...]]`` shows as typed), the image pipeline (images
are plain ``<img>`` of the uploaded file with the template's class), the impact figures, or
the links of services and industries (they point nowhere). Whatever a template shows only
``{% if %}`` a field is set shows in the preview as that field, empty when the writer left it
empty.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from jinja2 import TemplateNotFound
from markupsafe import Markup, escape
from selectolax.lexbor import LexborHTMLParser

from ..content import schema as site_schema
from ..content.reader import CASE_STUDY_TEMPLATE

PREFIX = "mep-preview-"
#: Content kind -> the theme template its pages are written with, and the name the
#: template gives the post.
TEMPLATES = {
    "case-study": (CASE_STUDY_TEMPLATE, "article"),
    "article": ("article", "article"),
    "page": ("page", "page"),
}


def token(name: str) -> str:
    return f"{PREFIX}{name}"


class PreviewDate(datetime.datetime):
    """A date that prints as the token of the post's date, whatever the format."""

    def strftime(self, fmt: str) -> str:
        return token("date")


class Named:
    """A service line or industry of the stand-in post."""

    def __init__(self, field: str):
        self.name = token(field)
        self.url = ""
        self.slug = token(field)


class PreviewPost:
    """A post whose every schema field is its token; what else templates ask of a post is
    empty (no related posts, neighbours or figures)."""

    def __init__(self, kind: str):
        fields = site_schema.SCHEMAS[kind].fields
        for name in fields:
            setattr(self, name, token(name))
        for name, spec in fields.items():
            if spec.kind in ("services", "tags"):
                # Two, so that a template's singular/plural wording takes the list's form.
                setattr(self, name, [Named(name), Named(name)])
        self.date = PreviewDate(2000, 1, 1)
        self.locale_date = token("locale_date")
        self.reading_time = token("reading_time")
        self.content = Markup(token("body"))
        self.metadata = {name: getattr(self, name) for name in fields}
        self.category = Named("services")
        self.url = self.save_as = ""
        self.slug = token("slug")
        self.modified = None
        self.metrics = []
        self.related_posts = []

    def __getattr__(self, name):  # anything else a template may ask: not set
        return None


def picture(post, field: str, slot: str, siteurl: str = "", css_class: str = "", **options) -> Markup | None:
    """Stands in for the image pipeline's ``image_picture``: a plain ``<img>`` with the
    template's class, its address and text the tokens of the field and of its ``_alt``."""
    if not getattr(post, field, None):
        return None
    return Markup(
        f'<img class="{escape(css_class)}" src="{escape(token(field))}" alt="{escape(token(field + "_alt"))}">'
    )


def preview_shells(env, context: Mapping, kinds: Mapping[str, str] | None = None) -> dict[str, str]:
    """{collection folder: the <main> of its template rendered for a :class:`PreviewPost`}."""
    kinds = site_schema.KINDS if kinds is None else kinds
    shells = {}
    for folder, kind in kinds.items():
        if kind not in TEMPLATES:
            continue
        template_name, variable = TEMPLATES[kind]
        try:
            template = env.get_template(f"{template_name}.html")
        except TemplateNotFound:  # a theme without that page: Decap's own preview for it
            continue
        html = template.render(
            {**context, variable: PreviewPost(kind), "image_picture": picture, "output_file": "", "page_name": ""}
        )
        main = LexborHTMLParser(html).css_first("main")
        if main is None:
            continue
        for element in [main, *main.css("*")]:  # search markers: not for the editor's page
            for name in [name for name in element.attributes if name.startswith("data-pagefind")]:
                del element.attrs[name]
        shells[folder] = main.html
    return shells
