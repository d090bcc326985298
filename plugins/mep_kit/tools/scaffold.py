"""``invoke new``: a draft case study, article, page or event that already passes the check.

The kinds a writer can start, and the folder each goes in, are the schema's
(:data:`mep_kit.content.schema.KINDS`). Each draft is the template file ``drafts/<kind>.md`` beside
this module, rendered with a plain Jinja environment (the draft is Markdown source, so
nothing is escaped); the optional fields its comment lists are the schema's fields that are
neither required nor already in the draft. A new draft is checked as a build would check it
and removed again if it has problems.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2

from ..content import placeholders
from ..content.schema import KINDS, SCHEMAS

DRAFTS = Path(__file__).parents[1] / "drafts"
#: Content type -> its folder under the content path (the schema's KINDS, turned around).
FOLDERS = {kind: folder for folder, kind in KINDS.items()}
#: The drafts' placeholder texts live in mep_kit.content.placeholders, which the check refuses outside drafts.
SUMMARY_PLACEHOLDER = placeholders.SUMMARY


class DraftError(Exception):
    """The draft was not written (or was removed again): ``message`` says why; ``code`` is the exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.message = message
        self.code = code


def _listing(names) -> str:
    """ "a, b and c"."""
    names = list(names)
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(DRAFTS),
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=False,
)
_ENVIRONMENT.filters["listing"] = _listing


def head_fields(text: str) -> list[str]:
    """The front-matter keys of a draft (lower case), in order: its lines up to the first blank one."""
    head = text.split("\n\n", 1)[0]
    return [line.split(":", 1)[0].strip().lower() for line in head.splitlines() if ":" in line]


def optional_fields(kind: str, written=()) -> tuple[list[str], list[str]]:
    """The schema's optional fields of `kind` not among `written`, as a writer types them
    (``Logo_alt``): (other fields, number fields)."""
    fields = [(name, spec) for name, spec in SCHEMAS[kind].fields.items() if not spec.required and name not in written]
    return (
        [name.capitalize() for name, spec in fields if spec.kind != "number"],
        [name.capitalize() for name, spec in fields if spec.kind == "number"],
    )


def render_draft(kind: str, **context) -> str:
    """The text of a new draft of `kind` from drafts/<kind>.md, listing its optional fields."""
    template = _ENVIRONMENT.get_template(f"{kind}.md")
    written = head_fields(template.render(context, optional=[], numbers=[]))
    optional, numbers = optional_fields(kind, written)
    return template.render(context, optional=optional, numbers=numbers)


def draft_slug(name: str, settings) -> str:
    """The slug Pelican would make of `name` with the site's settings ('' when none)."""
    from pelican.utils import slugify

    return slugify(name, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def today(settings, now: datetime.datetime | None = None) -> str:
    """The date in the site's TIMEZONE, as YYYY-MM-DD."""
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return (now.astimezone(zone) if now else datetime.datetime.now(zone)).date().isoformat()


def new_draft(settings, kind: str, name: str, root: Path, now: datetime.datetime | None = None) -> tuple[Path, str]:
    """Where a new draft of `kind` named `name` goes and its text: (path, text).
    Raises DraftError for an unknown kind, a name with no slug, or a file already there."""
    if kind not in FOLDERS:
        raise DraftError(f"unknown kind '{kind}'; expected one of: {', '.join(FOLDERS)}", code=2)
    name = " ".join(name.split())
    slug = draft_slug(name, settings)
    if not slug:
        raise DraftError(f"cannot make a file name from {name!r}; use letters or digits", code=2)
    path = Path(settings["PATH"]) / FOLDERS[kind] / f"{slug}.md"
    if path.exists():
        raise DraftError(f"{shown_path(path, root)} already exists; edit it, or choose another name")
    services = list(settings.get("SERVICE_LINES", {}))
    if kind == "case-study" and not services:
        raise DraftError("SERVICE_LINES in pelicanconf.py is empty: a case study needs a service line", code=2)
    center = settings.get("CENTER", {}).get("name", settings["SITENAME"])
    day = today(settings, now)
    start, end = event_times(day)
    text = render_draft(
        kind,
        name=name,
        slug=slug,
        today=day,
        services=services,
        summary=SUMMARY_PLACEHOLDER,
        center=center,
        title_suffix=placeholders.TITLE_SUFFIX,
        services_note=placeholders.SERVICES_NOTE,
        body=placeholders.body(kind, name, center),
        start=start,
        end=end,
        times_note=placeholders.TIMES_NOTE,
        timezone=settings.get("TIMEZONE") or "UTC",
    )
    return path, text


#: An event draft's placeholder times: this many days ahead, from 11:00 to 12:00.
EVENT_DAYS_AHEAD = 28


def event_times(day: str) -> tuple[str, str]:
    """The placeholder Start and End of an event draft started on ``day`` (YYYY-MM-DD):
    an hour, four weeks ahead, in the site's zone (11:00 exists on every day of every zone
    the kit serves: no clock change happens then)."""
    date = datetime.date.fromisoformat(day) + datetime.timedelta(days=EVENT_DAYS_AHEAD)
    return f"{date.isoformat()} 11:00", f"{date.isoformat()} 12:00"


def shown_path(path: Path, root: Path) -> Path:
    """`path` relative to the project `root` when it is inside it, as messages show it."""
    return path.relative_to(root) if path.is_relative_to(root) else path


def create_draft(
    settings, settings_file, root: Path, kind: str, name: str, now: datetime.datetime | None = None
) -> Path:
    """Write a new draft and check the site with it (settings_file, from `root`); remove it
    again and raise DraftError listing its problems if it has any. Returns its shown path."""
    from .check import run_check

    path, text = new_draft(settings, kind, name, root, now)
    shown = shown_path(path, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    problems = [p for p in run_check(settings_file, root=root).problems if p.path == str(shown)]
    if problems:
        path.unlink()
        raise DraftError("\n".join([f"{shown} was not created:", *(str(p) for p in problems)]))
    return shown
