"""One declared schema per content type, checked on every build and by ``invoke check``.

The content type of a file follows from its folder (:data:`KINDS`). Each schema lists the
front-matter fields a writer may use, which are required, and what each must hold;
:func:`validate` returns every problem as a compiler-style :class:`Problem`::

    content/case-studies/x.md:6: services: unknown service 'Suply Chain'; expected one of: ...
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError

from ..core.errors import Problem
from ..core.marker import N_
from . import event_fields as event_fields
from .figures import parse_number

#: Folder under the content path -> content type.
KINDS = {"case-studies": "case-study", "articles": "article", "pages": "page", "events": "event"}
STATUSES = ("published", "draft", "hidden")
SUMMARY_LENGTH = (50, 160)  # characters: long enough for a card, short enough for a meta description
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$")

#: Case-study impact metrics: front-matter field -> (unit, label shown with the value, in the
#: site's language).
METRICS = {
    "new_sales": ("USD", N_("in new or retained sales")),
    "cost_savings": ("USD", N_("in cost savings")),
    "new_investment": ("USD", N_("in new investment")),
    "jobs": ("jobs", N_("jobs created or retained")),
}


@dataclass(frozen=True)
class Field:
    """One front-matter field: its type (``kind``), whether it is required, and for a
    ``choice`` the values it may take."""

    kind: str  # text, date, summary, services, tags, status, slug, number, image, output, template, moment, choice, https, price, language
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schema:
    name: str
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def required(self) -> list[str]:
        return [name for name, spec in self.fields.items() if spec.required]


_COMMON = {
    "title": Field("text", required=True),
    "slug": Field("slug"),
    "status": Field("status"),
    "modified": Field("date"),
    "summary": Field("summary"),
    "aliases": Field("tags"),
}

#: A post or page in another language than the site's is a translation of the one in the
#: site's language with the same slug (Pelican's own Lang: and Translation:; events have none).
_TRANSLATION = {
    "lang": Field("language"),
    "translation": Field("choice", choices=("true", "false")),
}

SCHEMAS = {
    "article": Schema(
        "article",
        {
            **_COMMON,
            **_TRANSLATION,
            "date": Field("date", required=True),
            "summary": Field("summary", required=True),
            "tags": Field("tags"),
            "cover": Field("image"),
            "cover_alt": Field("text"),
        },
    ),
    "case-study": Schema(
        "case-study",
        {
            **_COMMON,
            **_TRANSLATION,
            "date": Field("date", required=True),
            "summary": Field("summary", required=True),
            "client": Field("text", required=True),
            "services": Field("services", required=True),
            "tags": Field("tags"),
            "logo": Field("image"),
            "logo_alt": Field("text"),
            "cover": Field("image"),
            "cover_alt": Field("text"),
            **{name: Field("number") for name in METRICS},
        },
    ),
    "page": Schema(
        "page",
        {
            **_COMMON,
            **_TRANSLATION,
            "template": Field("template"),
            "save_as": Field("output"),
            "url": Field("output"),
        },
    ),
    # An event's times are in the site's TIMEZONE unless they name an offset or a zone
    # (mep_kit.content.event_times); its place is required unless it is online (event_fields.rules).
    "event": Schema(
        "event",
        {
            **_COMMON,
            "summary": Field("summary", required=True),
            "start": Field("moment", required=True),
            "end": Field("moment", required=True),
            "format": Field("choice", required=True, choices=event_fields.FORMATS),
            "location": Field("text"),
            "price": Field("price", required=True),
            "registration": Field("https"),
            "services": Field("services"),
        },
    ),
}


#: Fields shown as text: read as written, escaped wherever they appear.
TEXT_FIELDS = tuple(
    dict.fromkeys(
        name for schema in SCHEMAS.values() for name, spec in schema.fields.items() if spec.kind in ("text", "summary")
    )
)
#: Image files a front-matter field may name (under content/, in a static folder).
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")


def kind_of(relative_path: str) -> str | None:
    """The content type of a file, from its first folder under the content path."""
    top = relative_path.replace("\\", "/").split("/", 1)[0]
    return KINDS.get(top)


def split_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",")]


def parse_date(raw: str) -> datetime.datetime:
    """A strict front-matter date: 2026-02-11 or 2026-02-11 09:30; ValueError otherwise."""
    match = DATE_RE.match(raw.strip())
    if not match:
        raise ValueError("expected a date as YYYY-MM-DD (or YYYY-MM-DD HH:MM)")
    parts = [int(p) if p else 0 for p in match.groups()]
    try:
        return datetime.datetime(*parts)
    except ValueError as exc:
        raise ValueError(f"impossible date ({exc})") from None


def validate(
    kind: str,
    meta: dict[str, str],
    lines: dict[str, int],
    path: str,
    service_lines: Iterable[str],
    *,
    templates: Iterable[str] = (),
    timezone: str | None = None,
) -> list[Problem]:
    """Check raw front matter ``meta`` (lower-case key -> text) against ``kind``'s schema.

    ``lines`` maps keys to their line numbers for messages; ``timezone`` (the site's
    ``TIMEZONE``) is the zone of an event's times. Whether an image field names a file the
    site publishes is checked once every file is known (:mod:`mep_kit.checks.sitecheck`).
    """
    schema = SCHEMAS[kind]
    services = list(service_lines)
    problems: list[Problem] = []
    timezone = timezone or "UTC"
    a_kind = f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"

    def report(key: str | None, message: str, at: str | None = None) -> None:
        """A problem of field ``key``, on the line of ``key`` (or of the field ``at``)."""
        line = lines.get(at or key) if key else None
        problems.append(Problem(path, line or (1 if key is None else None), f"{key}: {message}" if key else message))

    for key in meta:
        if key not in schema.fields:
            close = difflib.get_close_matches(key, list(schema.fields), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            report(key, f"unknown field for {a_kind}{hint}; expected one of: {', '.join(sorted(schema.fields))}")
    for key in schema.required:
        if not meta.get(key, "").strip():
            report(None, f"{key}: required field is missing; {a_kind} needs: {', '.join(schema.required)}")

    for key, raw in meta.items():
        spec = schema.fields.get(key)
        value = raw.strip()
        if spec is None or (not value and not spec.required):
            continue
        if spec.kind == "date":
            try:
                parse_date(value)
            except ValueError as exc:
                report(key, f"{exc}, got '{value}'")
        elif spec.kind == "summary":
            low, high = SUMMARY_LENGTH
            if not low <= len(value) <= high:
                report(
                    key,
                    f"{len(value)} characters; expected {low} to {high} (it is shown on cards and as the meta description)",
                )
        elif spec.kind == "services":
            seen = set()
            for name in split_list(value):
                if name not in services:
                    close = difflib.get_close_matches(name, services, n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    report(key, f"unknown service '{name}'{hint}; expected one of: {', '.join(services)}")
                elif name in seen:
                    report(key, f"'{name}' is listed twice")
                seen.add(name)
        elif spec.kind == "status":
            if value not in STATUSES:
                report(key, f"unknown status '{value}'; expected one of: {', '.join(STATUSES)}")
        elif spec.kind == "slug":
            if not SLUG_RE.match(value):
                report(key, f"'{value}' is not a slug; expected lower-case words joined by hyphens")
        elif spec.kind == "number":
            try:
                number = parse_number(value)
            except ValueError:
                report(key, f"expected a number such as 1200000 or 1,200,000 (no $ or words), got '{value}'")
            else:
                if number < 0:
                    report(key, f"expected a positive number, got '{value}'")
        elif spec.kind == "template":
            if templates and value not in templates:
                report(key, f"no template '{value}.html' in the theme")
        elif spec.kind == "image":
            problem = image_path_problem(value)
            if problem:
                report(key, problem)
        elif spec.kind == "output":
            if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^[/\\]", value) or ".." in re.split(r"[/\\]", value):
                report(key, f"'{value}' is not a path inside the site; expected one such as 'about/index.html'")
        elif spec.kind == "choice":
            if event_fields.normal_choice(value) not in spec.choices:
                report(key, f"unknown {key} '{value}'; expected one of: {', '.join(spec.choices)}")
        elif spec.kind == "moment":
            problem = event_fields.moment_problem(value, timezone)
            if problem:
                report(key, problem)
        elif spec.kind == "https":
            problem = event_fields.https_problem(value)
            if problem:
                report(key, problem)
        elif spec.kind == "price":
            problem = event_fields.price_problem(value)
            if problem:
                report(key, problem)
        elif spec.kind == "language":
            problem = language_problem(value)
            if problem:
                report(key, problem)

    if kind == "case-study" and meta.get("logo", "").strip() and not meta.get("logo_alt", "").strip():
        report("logo", "a logo needs 'logo_alt': text saying what the image shows, for readers who cannot see it")
    if meta.get("cover", "").strip() and not meta.get("cover_alt", "").strip():
        report(
            "cover", "a cover image needs 'cover_alt': text saying what the photo shows, for readers who cannot see it"
        )
    if kind == "event":
        for key, message, at in event_fields.rules(meta, timezone):
            report(key, message, at)
    return problems


def image_path_problem(value: str) -> str | None:
    """What is wrong with an image path of the front matter (None when nothing is): it must
    be a path from the content folder, such as ``images/acme-logo.png``."""
    expected = "expected a path from the content folder such as 'images/acme-logo.png'"
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or value.startswith("//"):
        return f"'{value}' is an address, not a file; put the image under content/images/ and give its path, {expected}"
    if value.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", value) or "\\" in value:
        return f"'{value}' points outside the content folder; {expected}"
    if not value.lower().endswith(IMAGE_EXTENSIONS):
        return f"'{value}' is not an image; expected a file ending in {', '.join(IMAGE_EXTENSIONS)}"
    return None


def language_problem(value: str) -> str | None:
    """What is wrong with a language code of the front matter (``Lang:``), or None: a code of
    a language Babel knows (CLDR's), as in ``<html lang>``: ``es``, or ``es-PR`` with a region."""
    try:
        Locale.parse(value, sep="-")
    except (ValueError, UnknownLocaleError):
        return f"'{value}' is not a language code; expected one such as 'en', 'es' or 'es-PR'"
    return None
