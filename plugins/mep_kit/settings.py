"""The plugin's settings: their defaults, and the one check of them all.

:func:`apply` runs once, when Pelican starts (the ``initialized`` signal): it fills in every
default ``pelicanconf.py`` leaves out (so it need not restate them), turns on what the kit
relies on (Jinja autoescaping; Markdown as the only content format), and checks every value
of every setting the plugin reads. A wrong one fails the build before any file is read,
one line each, naming the settings file and line::

    pelicanconf.py:24: BANNER: 'ends': expected a date as YYYY-MM-DD, got '31 Dec'

Validators are plain functions from a value to a list of messages (empty when it is right).
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from .core.errors import Problem
from .core.paths import display_path
from .outputs import headers

URL_RE = re.compile(r"^https?://[^\s<>\"']+$")
SAVE_AS_RE = re.compile(r"^[^\s<>\"'\\]*$")


# --- validators: value -> messages ------------------------------------------------------------


def whole(minimum: int) -> Callable:
    def check(value) -> list[str]:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            return [f"expected a whole number of at least {minimum}, got {value!r}"]
        return []

    return check


def optional(check: Callable) -> Callable:
    """``check``, or None."""

    def check_optional(value) -> list[str]:
        return [] if value is None else [f"{message}, or None" for message in check(value)]

    return check_optional


def text(value) -> list[str]:
    return [] if isinstance(value, str) and value.strip() else [f"expected non-empty text, got {value!r}"]


def output_path(value) -> list[str]:
    """A file the plugin writes, relative to the output folder; '' turns it off."""
    if not isinstance(value, str):
        return [f"expected a path such as 'feeds/recent.json' (or '' for none), got {value!r}"]
    if value.startswith("/") or ".." in value.split("/") or not SAVE_AS_RE.match(value):
        return [f"expected a path inside the output folder, such as 'feeds/recent.json', got {value!r}"]
    return []


def url_path(value) -> list[str]:
    if not isinstance(value, str) or value.startswith("/") or "://" in value or not SAVE_AS_RE.match(value):
        return [f"expected an address relative to SITEURL, such as 'numbers/', got {value!r}"]
    return []


def text_map(what: str) -> Callable:
    def check(value) -> list[str]:
        if not isinstance(value, Mapping):
            return [f"expected a dict of {what}, got {type(value).__name__}"]
        return [
            f"{key!r}: expected text, got {item!r}"
            for key, item in value.items()
            if not isinstance(key, str) or not isinstance(item, str)
        ]

    return check


def one_of(*choices: str) -> Callable:
    def check(value) -> list[str]:
        return [] if value in choices else [f"unknown value {value!r}; expected one of: {', '.join(choices)}"]

    return check


def admin_backend(value) -> list[str]:
    if isinstance(value, Mapping) and isinstance(value.get("name"), str):
        return []
    return [f"expected a dict such as {{'name': 'github', 'repo': 'owner/site'}}, got {value!r}"]


def center(value) -> list[str]:
    """The center's identity block: every name, number and address the theme shows."""
    if not isinstance(value, Mapping):
        return [f"expected a dict with {', '.join(CENTER_FIELDS)}, got {type(value).__name__}"]
    problems = [f"{key!r}: required" for key, required in CENTER_FIELDS.items() if required and not value.get(key)]
    problems += [
        f"{key!r}: expected text, got {item!r}"
        for key, item in value.items()
        if item is not None and not isinstance(item, str)
    ]
    url = value.get("url")
    if isinstance(url, str) and url and not URL_RE.match(url):
        problems.append(f"'url': expected a full http(s) address such as https://example.org, got {url!r}")
    phone = value.get("phone")
    if isinstance(phone, str) and phone and not re.fullmatch(r"[0-9 ().+-]{7,}", phone):
        problems.append(f"'phone': expected a phone number such as 860-513-3200, got {phone!r}")
    return problems


def service_lines(value) -> list[str]:
    problems = text_map("service line -> description")(value)
    if not problems and not value:
        problems.append("expected at least one service line: a case study must name one")
    return problems


def banner(value) -> list[str]:
    """``None``, or the announcement shown on every page until ``ends`` (see banner.py)."""
    if value is None:
        return []
    if not isinstance(value, Mapping):
        return [f"expected None or a dict with {', '.join(repr(k) for k in BANNER_FIELDS)}, got {type(value).__name__}"]
    problems = [
        f"unknown key {key!r}; expected one of {', '.join(BANNER_FIELDS)}" for key in value if key not in BANNER_FIELDS
    ]
    problems += [f"{key!r}: required" for key, required in BANNER_FIELDS.items() if required and not value.get(key)]
    problems += [
        f"{key!r}: expected text, got {value[key]!r}"
        for key in ("text", "link", "link_text")
        if value.get(key) is not None and not isinstance(value[key], str)
    ]
    ends = value.get("ends")
    if ends and not isinstance(ends, datetime.date):
        try:
            datetime.date.fromisoformat(str(ends))
        except ValueError:
            problems.append(f"'ends': expected a date as YYYY-MM-DD, got {ends!r}")
    link = value.get("link")
    if isinstance(link, str) and link and ("://" in link or ":" in link.split("/", 1)[0]) and not URL_RE.match(link):
        problems.append(f"'link': expected a path on this site (contact/) or an http(s) address, got {link!r}")
    return problems


def directives(value) -> list[str]:
    problems = text_map("directive -> value")(value)
    return problems or [
        f"{key!r}: expected a directive name such as 'default-src'"
        for key in value
        if not re.fullmatch(r"[a-z-]+", key)
    ]


def keys(value) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) and item for item in value):
        return [f"expected a list of figure keys such as ['center-sales', 'center-jobs'], got {value!r}"]
    return []


def image_settings(name: str) -> Callable:
    """One setting of the image pipeline or the share cards, checked by the class that uses
    it (:class:`mep_kit.images.pipeline.ImageSettings`, :class:`mep_kit.images.sharecards.ShareCardStyle`)."""

    def check(value) -> list[str]:
        from .images.pipeline import ImageSettings
        from .images.sharecards import ShareCardStyle

        kind = ShareCardStyle if name.startswith("SHARE_CARD_") else ImageSettings
        try:
            kind.from_settings({name: value})
        except ValueError as exc:
            text = str(exc)
            return [text[len(name) :].lstrip(": ") if text.startswith(name) else text]
        return []

    return check


def cache_folder(value) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return [f"expected a folder under .cache/, such as '.cache/images', got {value!r}"]
    return []


def content_file(value) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str) or value.startswith("/") or ".." in value.split("/") or "://" in value:
        return [f"expected None or a file under the content folder, such as 'articles/mep-explained.md', got {value!r}"]
    return []


BRAND_FIELDS = {"primary": True, "accent": False, "logo": False}


def brand(value) -> list[str]:
    """The brand's colours (and logo): each a colour, and together a palette whose every
    pair of text and background meets WCAG AA (:mod:`mep_kit.core.brand`)."""
    from .content.schema import image_path_problem
    from .core.brand import BrandError, contrast_problems, palette

    if not isinstance(value, Mapping):
        return [
            f"expected a dict such as {{'primary': '#005ea2', 'accent': '#ffbf47', 'logo': 'images/logo.svg'}}, got {type(value).__name__}"
        ]
    problems = [
        f"unknown key {key!r}; expected one of: {', '.join(BRAND_FIELDS)}" for key in value if key not in BRAND_FIELDS
    ]
    problems += [f"{key!r}: required" for key, required in BRAND_FIELDS.items() if required and not value.get(key)]
    logo = value.get("logo")
    if logo is not None:
        found = (
            image_path_problem(logo)
            if isinstance(logo, str) and logo.strip()
            else f"expected an image path such as 'images/logo.svg', got {logo!r}"
        )
        if found:
            problems.append(f"'logo': {found}")
    if problems:
        return problems
    try:
        colors = palette(value["primary"], value.get("accent"))
    except BrandError as error:
        return [str(error)]
    return [f"{field!r} {value.get(field) or 'default'}: {message}" for field, message in contrast_problems(colors)]


def menu(value) -> list[str]:
    from .context.navigation import shape_problems

    return shape_problems(value)


def site_language(value) -> list[str]:
    """The site's language: English, or a language the kit has a catalog of
    (:mod:`mep_kit.languages.catalogs`), so that every word of the theme is in it; a region may
    follow (``es-PR``: the Spanish catalog, Puerto Rico's dates and numbers)."""
    from babel import Locale, UnknownLocaleError

    from .languages import catalogs

    found = catalogs.available()
    if isinstance(value, str) and catalogs.catalog_of(value) is not None:
        try:
            Locale.parse(value, sep="-")
            return []
        except (ValueError, UnknownLocaleError):
            return [
                f"{value!r} is not a language code; expected one of: {', '.join(found)} (a region may follow, such as es-PR)"
            ]
    return [
        f"no catalog of the theme's words in {value!r}; expected one of: {', '.join(found)} (a region may follow, such as es-PR); "
        f'a new language is a catalog in plugins/mep_kit/languages/catalogs/ (README, "A site in another language")'
    ]


def static_kinds(value) -> list[str]:
    """Kinds of static file published besides the usual ones (:mod:`mep_kit.checks.statics`)."""
    from .checks.statics import EXTRA_KINDS

    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        return [f"expected a list of kinds from: {', '.join(EXTRA_KINDS)}, got {value!r}"]
    return [
        f"unknown kind {item!r}; expected one of: {', '.join(EXTRA_KINDS)}" for item in value if item not in EXTRA_KINDS
    ]


def _image_defaults() -> dict:
    from .images.pipeline import DEFAULTS as IMAGE_DEFAULTS

    return IMAGE_DEFAULTS


def _card_defaults() -> dict:
    from .images.sharecards import DEFAULTS as CARD_DEFAULTS

    return CARD_DEFAULTS


CENTER_FIELDS = {
    "name": True,
    "long_name": False,
    "state": True,
    "phone": False,
    "url": False,
    "tagline": False,
    "network": False,
}
BANNER_FIELDS = {"text": True, "ends": True, "link": False, "link_text": False}

#: Every setting the plugin reads: name -> (default, validator).
SETTINGS: dict[str, tuple[object, Callable]] = {
    "CENTER": ({"name": "MEP Center", "state": "your state"}, center),
    # The site's language (mep_kit.languages): the theme's words, dates and numbers in it.
    "DEFAULT_LANG": ("en", site_language),
    "SERVICE_LINES": ({}, service_lines),
    "RECENT_POSTS_COUNT": (10, whole(1)),
    "RELATED_POSTS_COUNT": (3, whole(0)),
    "FIGURES_FILE": ("data/figures.toml", text),
    "FIGURES_JSON_SAVE_AS": ("data/figures.json", output_path),
    "NUMBERS_URL": ("numbers/", url_path),
    "NUMBERS_SAVE_AS": ("numbers/index.html", output_path),
    "JSON_FEED_SAVE_AS": ("feeds/recent.json", output_path),
    "SITEMAP_SAVE_AS": ("sitemap.xml", output_path),
    "ROBOTS_SAVE_AS": ("robots.txt", output_path),
    "REDIRECTS_SAVE_AS": ("_redirects", output_path),
    "HEADERS_SAVE_AS": ("_headers", output_path),
    "HEADERS_HOST": ("netlify", one_of(*headers.HOSTS)),
    "CONTENT_SECURITY_POLICY": (headers.CONTENT_SECURITY_POLICY, directives),
    "SECURITY_HEADERS": (headers.SECURITY_HEADERS, text_map("header -> value")),
    "BANNER": (None, banner),
    "HOME_FIGURES": ([], keys),
    # The center's colours and logo (mep_kit.core.brand): the palette, the favicon, the share cards.
    "BRAND": ({"primary": "#005ea2", "accent": "#ffbf47"}, brand),
    "FAVICON_SAVE_AS": ("favicon.svg", output_path),
    "FAVICON_ICO_SAVE_AS": ("favicon.ico", output_path),
    # The menu (mep_kit.context.navigation): (label, address) pairs, each checked like a link.
    "NAVIGATION": ([("Home", ""), ("Services", "services/"), ("Case Studies", "posts/"), ("Search", "search/")], menu),
    "EXPLAINER": (None, content_file),
    # Events (mep_kit.events): each event's page (a draft's in development; publishconf.py
    # writes none), the list of upcoming and past ones, the calendar to subscribe to, and
    # how many upcoming ones the home page shows.
    "EVENT_URL": ("events/{slug}/", url_path),
    "EVENT_SAVE_AS": ("events/{slug}/index.html", output_path),
    "DRAFT_EVENT_URL": ("drafts/events/{slug}/", url_path),
    "DRAFT_EVENT_SAVE_AS": ("drafts/events/{slug}/index.html", output_path),
    "EVENTS_URL": ("events/", url_path),
    "EVENTS_SAVE_AS": ("events/index.html", output_path),
    "EVENTS_FEED_SAVE_AS": ("feeds/events.ics", output_path),
    "HOME_EVENTS_COUNT": (3, whole(0)),
    # Images and share cards (mep_kit.images.pipeline, mep_kit.images.sharecards, mep_kit.images.site).
    **{name: (default, image_settings(name)) for name, default in {**_image_defaults(), **_card_defaults()}.items()},
    "IMAGE_CACHE_PATH": (".cache/images", cache_folder),
    # Files published as they are (mep_kit.checks.statics): the largest one, and kinds published
    # besides images, SVG, icons, PDF, text, CSV and calendars (fonts, video, audio, ...).
    "STATIC_MAX_BYTES": (10_000_000, whole(1)),
    "STATIC_EXTRA_KINDS": ([], static_kinds),
    # Each Markdown file read and rendered, kept between builds (mep_kit.content.readahead).
    "READ_CACHE_PATH": (".cache/read", cache_folder),
    # Each page rendered, kept between builds under a key of what it is made from (mep_kit.outputs.render_cache).
    "RENDER_CACHE_PATH": (".cache/render", cache_folder),
    # Processes that read and write the site (mep_kit.content.readahead, mep_kit.outputs.writer): None for
    # one per core this build may use, 1 for Pelican's one process.
    "BUILD_PROCESSES": (None, optional(whole(1))),
    # The writers' browser editor (mep_kit.outputs.editor): its folder ('' for none), Decap's backend
    # (name, repo, branch, base_url, ...), its publish mode, and decap-server's address.
    "ADMIN_SAVE_AS": ("", output_path),
    "ADMIN_BACKEND": ({"name": "github", "repo": "", "branch": "main"}, admin_backend),
    "ADMIN_PUBLISH_MODE": ("", one_of("", "simple", "editorial_workflow")),
    "ADMIN_LOCAL_BACKEND": ("http://localhost:8081/api/v1", text),
}
DEFAULTS = {name: default for name, (default, _) in SETTINGS.items()}

#: Content formats other than Markdown are turned off: the schema and the checks are the
#: Markdown reader's (a stray .html file in content/ is not published unchecked).
DISABLED_READERS = ("html", "htm", "rst")


def validate(
    settings: Mapping, origin: Callable[[str], tuple[str, int | None]] = lambda key: ("pelicanconf.py", None)
) -> list[Problem]:
    """Every problem with the plugin's settings, as Problems naming the file and line where
    ``origin(key)`` says the setting is defined."""
    problems = []
    for key, (_, check) in SETTINGS.items():
        for message in check(settings.get(key, DEFAULTS[key])):
            path, line = origin(key)
            problems.append(Problem(path, line, f"{key}: {message}"))
    return problems


def apply(settings: dict, origin=None) -> list[Problem]:
    """Fill in the defaults and what the kit relies on; return every problem with the values."""
    brand_colors = "SHARE_CARD_COLORS" not in settings  # then the cards take the brand's
    for key, default in DEFAULTS.items():
        settings.setdefault(key, default)
    if brand_colors and not brand(settings["BRAND"]):
        from .core.brand import palette, share_card_colors

        settings["SHARE_CARD_COLORS"] = share_card_colors(
            palette(settings["BRAND"]["primary"], settings["BRAND"].get("accent"))
        )
    origin = origin or settings_origin
    problems = []
    # Escaping by default: every {{ value }} in the theme is escaped unless it is Markup
    # (the rendered body, title and summary: see mep_kit.content.markup). A center that turned it
    # off is told, not overruled. (Jinja's i18n extension, for the theme's words, is added to
    # each generator's environment as it is made: mep_kit.languages.jinja.)
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    if jinja.get("autoescape", True) is not True:
        problems.append(
            Problem(
                *origin("JINJA_ENVIRONMENT"),
                "JINJA_ENVIRONMENT: autoescape: must stay True; the theme escapes every "
                "value but the bodies and titles the build has checked (remove 'autoescape')",
            )
        )
    settings["JINJA_ENVIRONMENT"] = {**jinja, "autoescape": True}
    readers = dict(settings.get("READERS") or {})
    for extension in DISABLED_READERS:
        if readers.get(extension) is not None:
            problems.append(
                Problem(
                    *origin("READERS"),
                    f"READERS: '{extension}': only Markdown is read (the schema and the checks "
                    f"are the Markdown reader's); remove '{extension}'",
                )
            )
        readers[extension] = None
    settings["READERS"] = readers
    return problems + validate(settings, origin)


def origin_in(settings_file: str | None) -> Callable[[str], tuple[str, int | None]]:
    """:func:`settings_origin` for a known settings file (``invoke check``), else from argv."""
    return lambda key: settings_origin(key, given=[settings_file] if settings_file else None)


def settings_origin(
    key: str, argv=None, folder: str | os.PathLike = ".", given: list[str] | None = None
) -> tuple[str, int | None]:
    """Where ``key`` is set: the settings file Pelican was given (``given``, else ``-s`` in
    ``argv``), or a settings file of the project that it imports, and the line of its last
    assignment there;
    ``("pelicanconf.py", None)`` if unknown."""
    argv = sys.argv if argv is None else argv
    given = given or [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg in ("-s", "--settings")]
    candidates = [*given, *(str(Path(folder) / name) for name in ("publishconf.py", "pelicanconf.py"))]
    pattern = re.compile(rf"^{re.escape(key)}\s*=", re.M)
    first = None
    for candidate in dict.fromkeys(candidates):
        try:
            source = Path(candidate).read_text(encoding="utf-8")
        except OSError:
            continue
        first = first or candidate
        matches = list(pattern.finditer(source))
        if matches:  # the last assignment is the one that holds
            return display_path(candidate), source.count("\n", 0, matches[-1].start()) + 1
    return display_path(first or "pelicanconf.py"), None
