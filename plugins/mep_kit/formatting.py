"""The one formatter that turns a figure's value into text, the same way everywhere.

>>> format_value(Decimal("16200000000"), "USD")
'$16.2 billion'
>>> format_value(Decimal("24.60"), "USD")
'$24.60'
>>> format_value(Decimal("17"), "ratio")
'17:1'
"""

from __future__ import annotations

from decimal import Decimal

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

_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def _plain(number: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 16.20 -> '16.2', 226 -> '226'."""
    text = format(number.normalize(), "f")
    return text


def _grouped(number: Decimal) -> str:
    """Thousands separators, keeping any decimals as given: 107100 -> '107,100'."""
    if number == number.to_integral_value():
        return f"{int(number):,}"
    whole, _, fraction = _plain(number).partition(".")
    return f"{int(whole):,}.{fraction}"


def format_value(value: Decimal, unit: str) -> str:
    """Format ``value`` (a Decimal) in ``unit`` for readers.

    - USD: millions and above in words ("$226 million", "$16.2 billion"); amounts
      with cents keep two decimals ("$24.60"); others are grouped ("$1,633").
    - counts (jobs, manufacturers, ...): grouped ("107,100").
    - ratio: "17:1"; percent: "50%"; year: "1988" (never grouped).
    """
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    if unit in CURRENCY_UNITS:
        sign = "-" if value < 0 else ""
        magnitude = abs(value)
        for scale, word in _SCALES:
            if magnitude >= scale:
                return f"{sign}${_plain(magnitude / scale)} {word}"
        if magnitude != magnitude.to_integral_value():
            return f"{sign}${magnitude.quantize(Decimal('0.01')):,}"
        return f"{sign}${int(magnitude):,}"
    if unit == "ratio":
        return f"{_plain(value)}:1"
    if unit == "percent":
        return f"{_plain(value)}%"
    if unit == "year":
        return _plain(value)
    if unit in COUNT_UNITS:
        return _grouped(value)
    raise ValueError(f"unknown unit {unit!r}; expected one of: {', '.join(sorted(UNITS))}")


def format_with_qualifier(value: Decimal, unit: str, qualifier: str | None) -> str:
    """The value as a sentence would say it: 'more than 107,100', 'nearly 1,000'."""
    text = format_value(value, unit)
    return f"{qualifier} {text}" if qualifier else text
