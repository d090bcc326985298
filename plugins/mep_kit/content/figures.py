"""The figures registry: every impact figure, once, with its provenance.

The registry is a TOML file (``FIGURES_FILE``, relative to the content folder) with two
tables: ``[sources.<key>]`` (publisher, title, optional url) and ``[figures.<key>]``::

    [figures.national-sales]
    value = 16_200_000_000        # a number, never a formatted string
    unit = "USD"                  # see formatting.UNITS
    label = "in new and retained sales"
    fiscal_year = 2023            # or: as_of = 2025-01-14, for facts with no fiscal year
    scope = "national"            # "national" (the MEP National Network) or "center"
    source = "nist-mep"           # a key of [sources]
    qualifier = "more than"       # optional: "more than", "nearly", "about", ... (mep_kit.languages.words.QUALIFIERS)

:func:`load_registry` parses and checks it, raising :class:`ContentError` with every
problem (file, line, figure, field, what was expected) and returning nothing half-made.
How a figure reads (its value formatted, its period) is the site language's
(:class:`mep_kit.languages.words.Language`); its label is the center's own words.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..core.errors import ContentError, Problem, line_of
from ..languages.formatting import UNITS

KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SCOPES = {"national": "MEP National Network", "center": "this center"}
FIGURE_FIELDS = {"value", "unit", "label", "fiscal_year", "as_of", "scope", "source", "qualifier"}
SOURCE_FIELDS = {"publisher", "title", "url"}


@dataclass(frozen=True)
class Source:
    key: str
    publisher: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Figure:
    key: str
    value: Decimal
    unit: str
    label: str
    scope: str
    source: Source
    fiscal_year: int | None = None
    as_of: datetime.date | None = None
    qualifier: str | None = None

    @property
    def machine_value(self) -> str:
        """The value for a ``<data value>`` attribute: plain digits, no grouping."""
        return format(self.value.normalize(), "f")


def parse_number(raw) -> Decimal:
    """A registry or front-matter number as a Decimal; ValueError if it is not one.

    Accepts TOML numbers and plain numeric strings ("1200000", "1,200,000", "24.60");
    refuses booleans, NaN, infinities and formatted text such as "$1.2 million".
    """
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, (int, Decimal)):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(str(raw))
    elif isinstance(raw, str) and re.fullmatch(r"\s*-?\d{1,3}(,\d{3})*(\.\d+)?\s*|\s*-?\d+(\.\d+)?\s*", raw):
        number = Decimal(raw.replace(",", "").strip())
    else:
        raise ValueError(raw)
    try:
        if not number.is_finite():
            raise ValueError(raw)
    except InvalidOperation as exc:  # pragma: no cover - Decimal() already refused it
        raise ValueError(raw) from exc
    return number


class _Locator:
    """Finds the line of a table or of a field inside it, for error messages."""

    def __init__(self, text: str):
        self.text = text

    def table(self, kind: str, key: str) -> int | None:
        return line_of(self.text, f"[{kind}.{key}]")

    def field(self, kind: str, key: str, field: str) -> int | None:
        start = self.text.find(f"[{kind}.{key}]")
        if start < 0:
            return None
        match = re.compile(rf"^\s*{re.escape(field)}\s*=", re.M).search(self.text, start)
        next_table = self.text.find("\n[", start + 1)
        if match is None or (next_table >= 0 and match.start() > next_table):
            return self.table(kind, key)
        return self.text.count("\n", 0, match.start()) + 1


def parse_registry(text: str, path: str) -> dict[str, Figure]:
    """Parse registry ``text`` (from ``path``, named in errors) into figures by key."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise ContentError(Problem(path, int(match.group(1)) if match else None, f"not valid TOML: {exc}")) from None

    where = _Locator(text)
    problems: list[Problem] = []

    def problem(kind, key, field, message):
        line = where.field(kind, key, field) if field else where.table(kind, key)
        prefix = f"{key}: '{field}'" if field else key
        problems.append(Problem(path, line, f"{prefix}: {message}"))

    unknown_tables = set(data) - {"sources", "figures"}
    for name in sorted(unknown_tables):
        problems.append(
            Problem(
                path, line_of(text, f"[{name}"), f"unknown table [{name}]; expected [sources.<key>] and [figures.<key>]"
            )
        )

    sources: dict[str, Source] = {}
    for key, entry in data.get("sources", {}).items():
        if not isinstance(entry, dict):
            problem("sources", key, None, "expected a table [sources.<key>]")
            continue
        for field in sorted(set(entry) - SOURCE_FIELDS):
            problem("sources", key, field, f"unknown field; expected one of: {', '.join(sorted(SOURCE_FIELDS))}")
        for field in ("publisher", "title"):
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                problem("sources", key, field if field in entry else None, f"'{field}' is required: expected text")
        url = entry.get("url")
        if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
            problem("sources", key, "url", "expected an http(s) URL")
        sources[key] = Source(key, str(entry.get("publisher", "")), str(entry.get("title", "")), url)

    figures: dict[str, Figure] = {}
    for key, entry in data.get("figures", {}).items():
        if not isinstance(entry, dict):
            problem("figures", key, None, "expected a table [figures.<key>]")
            continue
        before = len(problems)
        if not KEY_RE.match(key):
            problem("figures", key, None, "keys are lower-case words joined by hyphens, e.g. national-sales")
        for field in sorted(set(entry) - FIGURE_FIELDS):
            problem("figures", key, field, f"unknown field; expected one of: {', '.join(sorted(FIGURE_FIELDS))}")
        for field in ("value", "unit", "label", "scope", "source"):
            if field not in entry:
                problem("figures", key, None, f"'{field}' is required")
        value = None
        if "value" in entry:
            try:
                value = parse_number(entry["value"])
            except ValueError:
                problem(
                    "figures",
                    key,
                    "value",
                    f"expected a number such as 16_200_000_000 or 24.60, got {entry['value']!r}",
                )
        unit = entry.get("unit")
        if "unit" in entry and unit not in UNITS:
            problem("figures", key, "unit", f"unknown unit {unit!r}; expected one of: {', '.join(sorted(UNITS))}")
        for field in ("label", "qualifier"):
            if field in entry and (not isinstance(entry[field], str) or not entry[field].strip()):
                problem("figures", key, field, "expected non-empty text")
        scope = entry.get("scope")
        if "scope" in entry and scope not in SCOPES:
            problem("figures", key, "scope", f"unknown scope {scope!r}; expected one of: {', '.join(SCOPES)}")
        source_key = entry.get("source")
        if "source" in entry and source_key not in sources:
            problem(
                "figures",
                key,
                "source",
                f"unknown source {source_key!r}; expected one of: {', '.join(sorted(sources)) or '(no [sources] defined)'}",
            )
        fiscal_year, as_of = entry.get("fiscal_year"), entry.get("as_of")
        if fiscal_year is None and as_of is None:
            problem("figures", key, None, "a year is required: 'fiscal_year' (e.g. 2023) or 'as_of' (e.g. 2025-01-14)")
        elif fiscal_year is not None and as_of is not None:
            problem("figures", key, "as_of", "give 'fiscal_year' or 'as_of', not both")
        elif fiscal_year is not None and (
            isinstance(fiscal_year, bool) or not isinstance(fiscal_year, int) or not 1900 <= fiscal_year <= 2100
        ):
            problem("figures", key, "fiscal_year", f"expected a four-digit year such as 2023, got {fiscal_year!r}")
        elif as_of is not None and (isinstance(as_of, datetime.datetime) or not isinstance(as_of, datetime.date)):
            problem("figures", key, "as_of", f"expected a date such as 2025-01-14, got {as_of!r}")
        if len(problems) > before:
            continue
        figures[key] = Figure(
            key=key,
            value=value,
            unit=unit,
            label=entry["label"].strip(),
            scope=scope,
            source=sources[source_key],
            fiscal_year=fiscal_year,
            as_of=as_of,
            qualifier=entry.get("qualifier"),
        )

    if problems:
        raise ContentError(problems)
    return figures


def load_registry(path: Path, display_path: str | None = None) -> dict[str, Figure]:
    """Read and check the registry file at ``path``."""
    shown = display_path or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(
            Problem(shown, None, "figures registry not found (set FIGURES_FILE in pelicanconf.py)")
        ) from None
    except UnicodeDecodeError as exc:
        raise ContentError(Problem(shown, None, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")) from None
    return parse_registry(text, shown)
