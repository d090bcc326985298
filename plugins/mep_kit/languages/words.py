"""One language of the site: the kit's words in it (its catalog, :mod:`.catalogs`) and its
ways with dates and numbers (Babel's CLDR data).

The site speaks ``DEFAULT_LANG``: :func:`language` gives its :class:`Language`, which every
part of the plugin that says something to readers asks, and which the templates use through
the Jinja environment (:mod:`.jinja`). English is the kit's source language: its words are
the messages themselves.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property, lru_cache

from babel import Locale
from babel.dates import format_date, format_time

from ..core.marker import N_
from . import catalogs, formatting

#: Numbers tried, in order, for one of each plural category of a language (CLDR's: one, two,
#: few, many, other) that a script in the browser may need (:meth:`Language.plural_samples`).
PLURAL_CANDIDATES = (*range(201), 1000, 1000000, 1000000000)


#: Qualifiers the kit says in the site's language ("more than" is "más de" on a Spanish site):
#: a figure's ``qualifier`` is any text, and one of these is translated; any other is shown
#: as written, the center's own words.
QUALIFIERS = (
    N_("more than"),
    N_("over"),
    N_("nearly"),
    N_("almost"),
    N_("about"),
    N_("approximately"),
    N_("at least"),
    N_("up to"),
    N_("less than"),
    N_("under"),
)


class Language:
    """The words and formats of the language ``code`` (a language of
    :func:`mep_kit.languages.catalogs.available`, or any language Babel knows for what needs
    no catalog, such as a language's name)."""

    def __init__(self, code: str):
        self.code = code
        self.locale = Locale.parse(code, sep="-")

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    @cached_property
    def translations(self):
        """The catalog's translations, looked up once: :func:`language` makes a new
        :class:`Language` for each build (:func:`forget`), so an edited catalog is the next
        build's."""
        return catalogs.translations(self.code)

    @cached_property
    def has_catalog(self) -> bool:
        return catalogs.catalog_of(self.code) is not None

    # --- words ---------------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    @property
    def name(self) -> str:
        """The language's name in itself: English, español."""
        return self.locale.get_display_name(self.locale) or self.code

    def read_in(self) -> str:
        """The link to a post's translation in this language, said in it ("Read in English",
        "Leer en español"), so that whoever reads the language finds it; in a language the
        kit has no catalog of, the language's own name ("Français")."""
        if not self.has_catalog:
            return self.name[:1].upper() + self.name[1:]
        # Translators: the link to a post's translation in your language, said in your
        # language: %(language)s is its name in itself ("English", "español").
        return self.gettext("Read in %(language)s") % {"language": self.name}

    # --- dates and numbers -----------------------------------------------------------------

    def date(self, value: datetime.date) -> str:
        """February 11, 2026; 11 de febrero de 2026."""
        return format_date(value, "long", locale=self.locale)

    def day(self, value: datetime.date) -> str:
        """Wednesday, February 11, 2026; miércoles, 11 de febrero de 2026."""
        return format_date(value, "full", locale=self.locale)

    def time(self, moment: datetime.datetime | datetime.time, pattern: str) -> str:
        """``moment`` in a CLDR time pattern (one of the catalog's, translated for the language)."""
        return format_time(moment, pattern, locale=self.locale)

    def number(self, value) -> str:
        """107,100; 107.100 (decimals kept as given)."""
        return formatting.number(value, self.locale)

    def money(self, value: Decimal, currency: str = "USD") -> str:
        return formatting.money(value, currency, self.locale)

    def plural_samples(self) -> dict[str, int]:
        """One number of each of the language's plural categories ({"one": 1, "other": 0}):
        the search page's script asks the browser which category a count is in
        (``Intl.PluralRules``) and takes the form the catalog gives for that category's number."""
        samples: dict[str, int] = {}
        rule = self.locale.plural_form
        for number in PLURAL_CANDIDATES:
            samples.setdefault(rule(number), number)
        return dict(sorted(samples.items()))

    # --- figures (mep_kit.content.figures) -------------------------------------------------------------

    def figure_text(self, figure) -> str:
        """The formatted value alone: '$16.2 billion'."""
        return formatting.format_value(figure.value, figure.unit, self.locale)

    def figure_qualifier(self, figure) -> str | None:
        """The figure's qualifier: one of the kit's vocabulary (:data:`QUALIFIERS`)
        in the site's language ("more than" is "más de"), any other as the center wrote it."""
        if not figure.qualifier:
            return None
        return self.gettext(figure.qualifier) if figure.qualifier in QUALIFIERS else figure.qualifier

    def figure_phrase(self, figure) -> str:
        """The value as a sentence says it: 'more than 107,100' (the qualifier, then the value,
        as the theme's callouts show them)."""
        text = self.figure_text(figure)
        return f"{self.figure_qualifier(figure)} {text}" if figure.qualifier else text

    def figure_period(self, figure) -> str:
        """When the figure holds: 'FY2023', or 'as of January 14, 2025'."""
        if figure.fiscal_year is not None:
            # Translators: the fiscal year a figure covers, as in "FY2023".
            return self.gettext("FY%(year)s") % {"year": figure.fiscal_year}
        # Translators: the day a figure was stated, as in "as of January 14, 2025".
        return self.gettext("as of %(date)s") % {"date": self.date(figure.as_of)}

    def figure_json(self, figure) -> dict:
        """The figure as ``/data/figures.json`` has it: its value, and its text in this language."""
        number = int(figure.value) if figure.value == figure.value.to_integral_value() else float(figure.value)
        return {
            "key": figure.key,
            "value": number,
            "text": self.figure_text(figure),
            "qualifier": figure.qualifier,
            "unit": figure.unit,
            "label": figure.label,
            "scope": figure.scope,
            "fiscal_year": figure.fiscal_year,
            "as_of": figure.as_of.isoformat() if figure.as_of else None,
            "source": {"publisher": figure.source.publisher, "title": figure.source.title, "url": figure.source.url},
        }


@lru_cache(maxsize=32)
def language(code: str) -> Language:
    """The :class:`Language` of ``code`` ("en", "es"), made once per build (:func:`forget`)."""
    return Language(code)


def forget() -> None:
    """At the start of a build: the languages are made again, their catalogs read as they are now."""
    language.cache_clear()


def of_settings(settings: Mapping) -> Language:
    """The site's language: ``DEFAULT_LANG``, checked when Pelican starts (:mod:`mep_kit.settings`)."""
    return language(str(settings.get("DEFAULT_LANG") or catalogs.SOURCE))
