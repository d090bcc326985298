"""The placeholder texts of ``invoke new`` drafts, declared once: the drafts are written with
them (:mod:`mep_kit.tools.scaffold`) and the reader refuses them in any file not ``Status: draft``
(:func:`problems`), so a draft published early fails the check instead of going live::

    content/case-studies/acme.md:1: title: 'Acme: headline to come' still ends in the draft's
    placeholder ': headline to come'; write the headline: ...
"""

from __future__ import annotations

import re

#: Added to the client's name for a case study's title until the writer writes the headline.
TITLE_SUFFIX = ": headline to come"
#: Every draft's summary.
SUMMARY = "Placeholder: replace with one or two sentences (50 to 160 characters) for cards and search results."
#: In the case-study draft's note, after the first service line, which the draft fills in.
SERVICES_NOTE = "is a placeholder: pick one or more of, separated by commas:"
#: In the event draft's note, after the start and end it fills in (four weeks ahead).
TIMES_NOTE = "are placeholders: write when the event starts and ends"
#: Each draft's body, by content type ({name}: the title or client; {center}: the center's name).
BODIES = {
    "case-study": "What {name} set out to do, and how {center} helped.",
    "article": "Write the article here.",
    "page": "Write the page here.",
    "event": "Write what the event is about, and who it is for, here.",
}
#: What to write instead, by field (and "body" by content type).
INSTEAD = {
    "title": "write the headline: what the client achieved, in a few words",
    "summary": "write one or two sentences (50 to 160 characters) on what the reader will learn; it shows on cards and in search results",
    "services": "choose the service lines the center delivered (the note lists them, separated by commas) and delete the note",
    "case-study": "tell the client's story: the problem, what the center did, the results",
    "article": "write the article",
    "page": "write the page",
    "event": "say what the event is about and who it is for",
    "times": "write when the event starts and ends, such as 2027-01-14 11:00 (in the site's time zone)",
}
#: Added to every message: the other way out.
OR_DRAFT = "(or keep the 'Status: draft' line until it is ready)"


def body(kind: str, name: str, center: str) -> str:
    """The body of a new draft of `kind`."""
    return BODIES[kind].format(name=name, center=center)


def _body_pattern(kind: str) -> re.Pattern:
    """A whole line holding `kind`'s placeholder body, whatever the name and center."""
    parts = re.split(r"\{(?:name|center)\}", BODIES[kind])
    return re.compile(r"^[ \t]*" + ".+?".join(re.escape(part) for part in parts) + r"[ \t]*$", re.MULTILINE)


def _services_note_pattern() -> re.Pattern:
    return re.compile(r"Services:\s*(?P<service>[^\n]+?)\s+" + re.escape(SERVICES_NOTE))


def _times_note_pattern() -> re.Pattern:
    return re.compile(r"Start:\s*(?P<start>[^\n]+?)\s+and End:\s*(?P<end>[^\n]+?)\s+" + re.escape(TIMES_NOTE))


def _split(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def problems(kind: str, meta: dict[str, str], text: str, lines: dict[str, int], body_line: int, shown: str) -> list:
    """The placeholders left in a file that is not a draft: Problem(file, line, message) each.

    `meta`: the front matter (lower-case keys, values joined); `lines`: each key's line;
    `body_line`: where the body starts; `shown`: the file as messages name it."""
    from ..core.errors import Problem

    if meta.get("status", "").strip().lower() == "draft":
        return []
    found = []
    title = " ".join(meta.get("title", "").split())
    if title.lower().endswith(TITLE_SUFFIX.lower()):
        found.append(
            Problem(
                shown,
                lines.get("title"),
                f"title: '{title}' still ends in the draft's placeholder "
                f"'{TITLE_SUFFIX}'; {INSTEAD['title']} {OR_DRAFT}",
            )
        )
    summary = " ".join(meta.get("summary", "").split())
    if summary == SUMMARY or summary.startswith(SUMMARY[: SUMMARY.index(" one or")]):  # partly edited, too
        found.append(
            Problem(
                shown,
                lines.get("summary"),
                f"summary: still the draft's placeholder ('{SUMMARY[:40]}...'); {INSTEAD['summary']} {OR_DRAFT}",
            )
        )
    note = _services_note_pattern().search(text)
    if note and kind == "case-study" and _split(meta.get("services", "")) == _split(note.group("service")):
        found.append(
            Problem(
                shown,
                lines.get("services"),
                f"services: '{note.group('service')}' is the draft's placeholder "
                f"(its note says so); {INSTEAD['services']} {OR_DRAFT}",
            )
        )
    times = _times_note_pattern().search(text)
    if (
        times
        and kind == "event"
        and (meta.get("start", "").strip(), meta.get("end", "").strip()) == (times.group("start"), times.group("end"))
    ):
        found.append(
            Problem(
                shown,
                lines.get("start"),
                f"start: '{times.group('start')}' and end: '{times.group('end')}' are the draft's "
                f"placeholders (its note says so); {INSTEAD['times']} {OR_DRAFT}",
            )
        )
    if kind in BODIES:
        start = sum(len(line) + 1 for line in text.split("\n")[: body_line - 1])
        match = _body_pattern(kind).search(text, start)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            found.append(
                Problem(
                    shown,
                    line,
                    f"the body is still the draft's placeholder '{match.group(0).strip()}'; "
                    f"in its place, {INSTEAD[kind]} {OR_DRAFT}",
                )
            )
    return found
