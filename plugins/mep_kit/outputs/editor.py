"""The writers' browser editor at ``/admin/`` (Decap CMS), written by every build.

Nothing of the editor is configured by hand: ``admin/config.yml`` is made from the content
schema (:mod:`mep_kit.content.schema`): one collection per folder of :data:`~mep_kit.content.schema.KINDS`,
one field per schema field with its widget from the field's kind and its ``required`` flag;
the center's ``SERVICE_LINES`` as the only choices of a case study's services; the summary
length of :data:`~mep_kit.content.schema.SUMMARY_LENGTH` as a pattern; the figures registry's keys in
the body's hint. A field added to a schema is in the editor on the next build. The editor
speaks the site's language: Decap's own interface in its ``locale`` (Decap ships Spanish), and
the kit's labels, hints and choices through the kit's catalog (:mod:`mep_kit.languages`).

The editor reads and writes Pelican's own Markdown metadata (``Key: value`` lines, a blank
line, the body), exactly what ``invoke new`` writes, through the format ``pelican`` that
``admin/pelican-format.js`` registers; Decap's own formats would write YAML front matter.

What it writes (``ADMIN_SAVE_AS``, empty by default: the editor is off until a center sets
it up, README "Editing in the browser"):

* ``admin/index.html``: loads the pinned, vendored Decap bundle and the format script as
  files (no inline script), with ``noindex``, its own ``<meta>`` policy
  (:data:`ADMIN_POLICY`), and no ``data-pagefind-body``, so search leaves it out; it is
  written straight to disk, not through Pelican's writer, so it is neither checked as
  content nor listed in the sitemap. Decap renders into a ``role="main"`` wrapper with an
  ``<h1>`` (what axe-core asks of its login screen), and the page holds one ``<template>``
  per collection with the theme's markup of its page for the preview
  (:mod:`mep_kit.outputs.editor_preview`);
* ``admin/config.yml`` (JSON, which is YAML), ``admin/decap-cms-<version>.js``,
  ``admin/pelican-format.js`` and ``admin/admin.css`` (the page's own few rules).

``_headers`` gets a rule for ``/admin/*`` with :data:`ADMIN_POLICY` (:func:`headers_rule`);
the public pages' policy is unchanged.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from ..content import schema as site_schema
from ..core.marker import N_
from ..languages.words import language as language_of
from ..languages.words import of_settings
from .headers import policy

DECAP_CMS_VERSION = "3.16.3"
VENDORED = Path(__file__).parents[1] / "admin"
BUNDLE = f"decap-cms-{DECAP_CMS_VERSION}.js"
FORMAT_SCRIPT = "pelican-format.js"
#: The editor page's own stylesheet (not the site's): what Decap's interface lacks for axe.
STYLESHEET = "admin.css"
#: The files copied as they are from the plugin's admin/ folder.
VENDORED_FILES = (BUNDLE, FORMAT_SCRIPT, STYLESHEET)
FORMAT = "pelican"
MEDIA_FOLDER = "content/images"
PUBLIC_FOLDER = "/images"
LOCAL_BACKEND = "http://localhost:8081/api/v1"

#: The editor's Content-Security-Policy, for /admin/ only. Decap validates its
#: configuration with validators Ajv compiles at run time (``'unsafe-eval'``), styles itself
#: with inline styles (emotion, ``'unsafe-inline'`` styles) and talks to GitHub's API (and,
#: on a writer's own machine, to decap-server); scripts still come from the site only.
ADMIN_POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'unsafe-eval'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com",
    "font-src": "'self'",
    "connect-src": "'self' blob: https://api.github.com",
    "frame-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

#: Schema field kind -> the Decap widget settings that edit it (hints and pattern messages are
#: said in the site's language: :func:`translated`).
WIDGETS = {
    "text": {"widget": "string"},
    "date": {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False},
    "tags": {"widget": "list", "hint": N_("Separate them with commas.")},
    "slug": {
        "widget": "string",
        "pattern": [site_schema.SLUG_RE.pattern, N_("Lower-case words joined by hyphens, such as acme-tool-and-die")],
    },
    "number": {
        "widget": "string",
        "pattern": [
            r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$",
            N_("A plain number such as 1200000 or 1,200,000 (no $ or words)"),
        ],
    },
    "image": {"widget": "image", "choose_url": False},
    "template": {"widget": "string"},
    "output": {"widget": "string"},
    # An event's Start and End: the date and time as the writer picks them, in the site's zone.
    "moment": {
        "widget": "datetime",
        "format": "YYYY-MM-DD HH:mm",
        "date_format": "YYYY-MM-DD",
        "time_format": "HH:mm",
        "picker_utc": False,
        "hint": N_("In the site's time zone; an offset (-05:00) or a zone name (America/Chicago) may follow."),
    },
    "https": {
        "widget": "string",
        "pattern": [r"^https://\S+$", N_("An https:// address, such as the registration page")],
    },
    "price": {
        "widget": "string",
        "pattern": [
            r"^\d{1,3}(,\d{3})*(\.\d{2})?$|^\d+(\.\d{2})?$",
            N_("A price in dollars such as 0, 25 or 149.50 (0 is shown as Free)"),
        ],
    },
    "language": {
        "widget": "string",
        "hint": N_("Only for a translation: its language, such as es; it takes the slug of the original."),
    },
}
#: The editor's name of each schema field (a field without one is named after itself).
FIELD_LABELS = {
    "title": N_("Title"),
    "slug": N_("Slug"),
    "status": N_("Status"),
    "modified": N_("Modified"),
    "summary": N_("Summary"),
    "aliases": N_("Aliases"),
    "date": N_("Date"),
    "tags": N_("Tags"),
    "cover": N_("Cover"),
    "cover_alt": N_("Cover alt"),
    "client": N_("Client"),
    "services": N_("Services"),
    "logo": N_("Logo"),
    "logo_alt": N_("Logo alt"),
    "new_sales": N_("New sales"),
    "cost_savings": N_("Cost savings"),
    "new_investment": N_("New investment"),
    "jobs": N_("Jobs"),
    "template": N_("Template"),
    "save_as": N_("Save as"),
    "url": N_("Url"),
    "start": N_("Start"),
    "end": N_("End"),
    "format": N_("Format"),
    "location": N_("Location"),
    "price": N_("Price"),
    "registration": N_("Registration"),
    "lang": N_("Language"),
    "translation": N_("Translation"),
    "body": N_("Body"),
}
#: Each collection's name, plural and singular.
COLLECTION_LABELS = {
    "case-studies": (N_("Case studies"), N_("Case study")),
    "articles": (N_("Articles"), N_("Article")),
    "pages": (N_("Pages"), N_("Page")),
    "events": (N_("Events"), N_("Event")),
}
#: The names of the choices of a status and a format (the values are the schema's).
CHOICE_LABELS = {
    "draft": N_("Draft"),
    "published": N_("Published"),
    "hidden": N_("Hidden"),
    "online": N_("Online"),
    "in person": N_("In person"),
    "hybrid": N_("In person and online"),
    "true": N_("Yes"),
    "false": N_("No"),
}
#: The languages Decap's bundle speaks (its ``locale`` setting); the editor of a site in
#: another language is in English.
DECAP_LOCALES = (
    "bg",
    "ca",
    "cs",
    "da",
    "de",
    "en",
    "es",
    "fa",
    "fr",
    "gr",
    "he",
    "hr",
    "hu",
    "it",
    "ja",
    "ko",
    "lt",
    "nb_no",
    "nl",
    "nn_no",
    "pl",
    "pt",
    "ro",
    "ru",
    "sv",
    "th",
    "tr",
    "ua",
    "uk",
    "vi",
    "zh_Hans",
    "zh_Hant",
)


def admin_policy(settings: Mapping) -> dict:
    """:data:`ADMIN_POLICY`, letting the editor reach decap-server (``ADMIN_LOCAL_BACKEND``)
    when a writer runs it on their own machine."""
    parts = urlsplit(settings.get("ADMIN_LOCAL_BACKEND") or LOCAL_BACKEND)
    origins = [
        f"{parts.scheme}://{host}:{parts.port}" if parts.port else f"{parts.scheme}://{host}"
        for host in ("localhost", "127.0.0.1")
    ]
    return {**ADMIN_POLICY, "connect-src": " ".join([ADMIN_POLICY["connect-src"], *origins])}


def label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def translated(widget: Mapping, language) -> dict:
    """A widget's settings with its hint and pattern message in ``language``."""
    found = dict(widget)
    if "hint" in found:
        found["hint"] = language.gettext(found["hint"])
    if "pattern" in found:
        found["pattern"] = [found["pattern"][0], language.gettext(found["pattern"][1])]
    return found


def options(values: Iterable[str], language) -> list[dict]:
    """A select's choices: each value, named in ``language``."""
    return [
        {"label": language.gettext(CHOICE_LABELS[value]) if value in CHOICE_LABELS else value, "value": value}
        for value in values
    ]


def field_config(name: str, spec: site_schema.Field, service_lines: Iterable[str], language=None) -> dict:
    """The Decap field of one schema field, its words in ``language`` (the site's)."""
    language = language or language_of("en")
    field = {
        "name": name,
        "label": language.gettext(FIELD_LABELS[name]) if name in FIELD_LABELS else label(name),
        "required": spec.required,
    }
    if spec.kind == "summary":
        low, high = site_schema.SUMMARY_LENGTH
        # Translators: the editor's message for a summary of the wrong length.
        field.update(
            widget="string",
            pattern=[
                f"^.{{{low},{high}}}$",
                language.gettext("%(low)s to %(high)s characters: it is shown on cards and as the meta description")
                % {"low": low, "high": high},
            ],
        )
    elif spec.kind == "services":
        field.update(widget="select", multiple=True, options=list(service_lines), min=1 if spec.required else 0)
    elif spec.kind == "status":
        field.update(
            widget="select",
            options=options(("draft", "published"), language),
            default="draft",
            hint=language.gettext("A draft is not published; choose published when it is ready."),
        )
    elif spec.kind == "choice":
        field.update(widget="select", options=options(spec.choices, language))
    else:
        field.update(translated(WIDGETS.get(spec.kind, {"widget": "string"}), language))
    if spec.kind == "date" and not spec.required:
        field["default"] = ""
    return field


def body_field(figure_keys: Iterable[str], language=None) -> dict:
    language = language or language_of("en")
    keys = ", ".join(figure_keys) or language.gettext("none yet")
    # Translators: the hint of the body in the editor; keep [[callout: key, key]] and [[figure: key]] as they are.
    hint = language.gettext(
        "Figures from the registry: [[callout: key, key]] as a block, [[figure: key]] in a sentence. Keys: %(keys)s"
    )
    return {
        "name": "body",
        "label": language.gettext(FIELD_LABELS["body"]),
        "widget": "markdown",
        "hint": hint % {"keys": keys},
    }


def collection(folder: str, kind: str, schema: site_schema.Schema, service_lines, figure_keys, language=None) -> dict:
    language = language or language_of("en")
    fields = [field_config(name, spec, service_lines, language) for name, spec in schema.fields.items()]
    # Required fields first, in the schema's order, then the optional ones.
    fields.sort(key=lambda field: not field["required"])
    plural, singular = COLLECTION_LABELS.get(folder, (label(folder.replace("-", " ")), label(kind.replace("-", " "))))
    return {
        "name": folder,
        "label": language.gettext(plural),
        "label_singular": language.gettext(singular),
        "folder": f"content/{folder}",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "fields": [*fields, body_field(figure_keys, language)],
    }


def cms_config(
    settings: Mapping, figure_keys: Iterable[str] = (), schemas: Mapping | None = None, kinds: Mapping | None = None
) -> dict:
    """The editor's configuration (``config.yml``) from the schema and the settings, in the
    site's language (``DEFAULT_LANG``)."""
    schemas = site_schema.SCHEMAS if schemas is None else schemas
    kinds = site_schema.KINDS if kinds is None else kinds
    language = of_settings(settings)
    service_lines = list(settings.get("SERVICE_LINES") or {})
    figure_keys = list(figure_keys)
    backend = {"name": "github", "branch": "main", **(settings.get("ADMIN_BACKEND") or {})}
    config = {
        "locale": next((code for code in (language.code, language.code.split("-")[0]) if code in DECAP_LOCALES), "en"),
        "backend": backend,
        "local_backend": {"url": settings.get("ADMIN_LOCAL_BACKEND") or LOCAL_BACKEND},
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "collections": [
            collection(folder, kind, schemas[kind], service_lines, figure_keys, language)
            for folder, kind in kinds.items()
        ],
    }
    if settings.get("ADMIN_PUBLISH_MODE"):
        config["publish_mode"] = settings["ADMIN_PUBLISH_MODE"]
    if settings.get("SITEURL", "").startswith(("http://", "https://")):
        config["site_url"] = settings["SITEURL"]
    return config


#: The order of the fields ``invoke new`` writes (plugins/mep_kit/drafts/); the editor
#: writes these first, then every other schema field in the schema's order.
DRAFT_ORDER = (
    "title",
    "date",
    "slug",
    "client",
    "services",
    "summary",
    "start",
    "end",
    "format",
    "location",
    "price",
    "registration",
    "status",
)


def field_order(schemas: Mapping | None = None) -> list[str]:
    schemas = site_schema.SCHEMAS if schemas is None else schemas
    names = [name for schema in schemas.values() for name in schema.fields]
    return list(dict.fromkeys([*DRAFT_ORDER, *names]))


def index_html(
    sitename: str,
    directives: Mapping[str, str] = ADMIN_POLICY,
    order: Iterable[str] = (),
    stylesheet: str = "",
    previews: Mapping[str, str] | None = None,
    language=None,
) -> str:
    """The editor's page; ``stylesheet`` (the site's CSS) styles the preview of a post, and
    ``previews`` (collection -> the theme's markup around placeholder fields,
    :func:`mep_kit.outputs.editor_preview.preview_shells`) gives the preview the site's own markup; in the
    site's ``language``, which the preview's dates are said in too."""
    language = language or language_of("en")
    meta_policy = policy(directives, for_meta=True)
    # Translators: the title of the writers' editor, as in "Edit Northwind MEP".
    title = escape(language.gettext("Edit %(site)s") % {"site": sitename})
    shells = "".join(
        f'<template data-preview-collection="{escape(name)}">{html}</template>\n'
        for name, html in (previews or {}).items()
    )
    return f"""<!doctype html>
<html lang="{escape(language.code)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{escape(meta_policy)}">
<title>{title}</title>
<link rel="cms-config-url" type="text/yaml" href="config.yml">
<link rel="stylesheet" href="{STYLESHEET}">
</head>
<body>
<div class="admin" role="main">
<h1 class="admin__title">{title}</h1>
<div id="nc-root"></div>
</div>
{shells}<script src="{BUNDLE}"></script>
<script src="{FORMAT_SCRIPT}" data-order="{escape(" ".join(order or field_order()))}" data-preview-style="{escape(stylesheet)}" data-lang="{escape(language.code)}"></script>
</body>
</html>
"""


def headers_rule(admin_path: str, host: str, directives: Mapping[str, str] = ADMIN_POLICY) -> str:
    """The ``_headers`` rule of the editor's pages: its own policy instead of the site's."""
    lines = [f"/{admin_path.strip('/')}/*"]
    if host == "cloudflare-pages":  # Cloudflare joins the values of every matching rule
        lines.append("  ! Content-Security-Policy")
    lines.append(f"  Content-Security-Policy: {policy(directives)}")
    lines.append("  X-Robots-Tag: noindex")
    return "\n".join(lines) + "\n"


def write_admin(
    settings: Mapping,
    output_path: str,
    figure_keys: Iterable[str],
    stylesheet: str = "",
    previews: Mapping[str, str] | None = None,
    language=None,
) -> list[str]:
    """Write the editor into the output; the files written, relative to it. ``stylesheet``
    is the URL of the site's CSS and ``previews`` the theme's markup of each collection's
    page, for the preview."""
    folder = (settings.get("ADMIN_SAVE_AS") or "").strip("/")
    if not folder:
        return []
    target = Path(output_path) / folder
    target.mkdir(parents=True, exist_ok=True)
    config = json.dumps(cms_config(settings, figure_keys), indent=2, ensure_ascii=False) + "\n"
    (target / "config.yml").write_text(config, encoding="utf-8", newline="\n")
    (target / "index.html").write_text(
        index_html(
            settings.get("SITENAME", ""),
            admin_policy(settings),
            stylesheet=stylesheet,
            previews=previews,
            language=language or of_settings(settings),
        ),
        encoding="utf-8",
        newline="\n",
    )
    for name in VENDORED_FILES:
        shutil.copyfile(VENDORED / name, target / name)
    return [f"{folder}/{name}" for name in ("config.yml", "index.html", *VENDORED_FILES)]
