"""The one formatter that turns a figure's value into text, the same way everywhere, in the
site's language: the numbers are Babel's (the locale's digits, separators, currency and
words for millions, from CLDR), the value exact whatever the language.

>>> format_value(Decimal("16200000000"), "USD", "en")
'$16.2 billion'
>>> format_value(Decimal("16200000000"), "USD", "es")
'16,2\\xa0mil millones\\xa0US$'
>>> format_value(Decimal("24.60"), "USD", "en")
'$24.60'
>>> format_value(Decimal("17"), "ratio", "en")
'17:1'
"""

from __future__ import annotations

from decimal import Decimal

from babel import Locale
from babel.numbers import format_compact_decimal, format_currency, format_decimal, format_percent, get_currency_symbol

#: Units the registry accepts, and how each is written.
CURRENCY_UNITS = {"USD"}
COUNT_UNITS = {
    "jobs",
    "manufacturers",
    "centers",
    "advisors",
    "locations",
    "years",
}
UNITS = CURRENCY_UNITS | COUNT_UNITS | {"ratio", "percent", "year"}
#: From a million up, amounts are said with the locale's word ("16.2 billion", "16,2 mil millones").
COMPACT_FROM = Decimal(10) ** 6
#: Enough decimals for any registry value said in millions or more: never rounded.
EXACT_DIGITS = 15


def _locale(locale: Locale | str) -> Locale:
    return locale if isinstance(locale, Locale) else Locale.parse(locale, sep="-")


def _plain(number: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 16.20 -> '16.2', 226 -> '226'."""
    return format(number.normalize(), "f")


def _in_currency(text: str, currency: str, locale: Locale, negative: bool) -> str:
    """``text`` (a number already formatted) placed in the locale's currency pattern, with the
    currency's symbol: '$16.2 billion', '16,2 mil millones US$'."""
    pattern = locale.currency_formats["standard"]
    which = 1 if negative else 0
    symbol = get_currency_symbol(currency, locale)
    return f"{pattern.prefix[which].replace('¤', symbol)}{text}{pattern.suffix[which].replace('¤', symbol)}"


def number(value, locale: Locale | str) -> str:
    """A number grouped as the locale writes it, its decimals kept as given: 107,100; 107.100."""
    return format_decimal(value, locale=_locale(locale), decimal_quantization=False)


def money(value: Decimal, currency: str, locale: Locale | str) -> str:
    """An amount as the locale writes it: whole amounts without cents ("$1,633", "1633 US$"),
    others with them ("$24.60", "24,60 US$")."""
    locale = _locale(locale)
    if value != value.to_integral_value():
        return format_currency(value.quantize(Decimal("0.01")), currency, locale=locale)
    whole = locale.currency_formats["standard"].pattern.split(";")[0]
    whole = whole.replace(".00", "").replace(",00", "")
    return format_currency(value, currency, format=whole, locale=locale, currency_digits=False)


def format_value(value: Decimal, unit: str, locale: Locale | str) -> str:
    """Format ``value`` (a Decimal) in ``unit`` for readers of ``locale`` ("en", "es", ...).

    - USD: millions and above in the locale's words ("$226 million", "$16.2 billion"); amounts
      with cents keep two decimals ("$24.60"); others are grouped ("$1,633").
    - counts (jobs, manufacturers, ...): grouped ("107,100", "107.100").
    - ratio: "17:1"; percent: "50%" ("50 %"); year: "1988" (never grouped).
    """
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    locale = _locale(locale)
    if unit in CURRENCY_UNITS:
        magnitude = abs(value)
        if magnitude >= COMPACT_FROM:
            words = format_compact_decimal(magnitude, format_type="long", locale=locale, fraction_digits=EXACT_DIGITS)
            return _in_currency(words, unit, locale, value < 0)
        return money(value, unit, locale)
    if unit == "ratio":
        return f"{number(value, locale)}:1"
    if unit == "percent":
        return format_percent(value / 100, locale=locale, decimal_quantization=False)
    if unit == "year":
        return _plain(value)
    if unit in COUNT_UNITS:
        return number(value, locale)
    raise ValueError(f"unknown unit {unit!r}; expected one of: {', '.join(sorted(UNITS))}")
