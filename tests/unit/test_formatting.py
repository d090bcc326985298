"""mep_kit.languages.formatting: one formatter for every figure, in the site's language (Babel's CLDR
data), the value exact."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mep_kit.languages.formatting import format_value


@pytest.mark.parametrize(
    "value,unit,text",
    [
        ("16200000000", "USD", "$16.2 billion"),
        ("226000000", "USD", "$226 million"),
        ("150000000000", "USD", "$150 billion"),
        ("24.6", "USD", "$24.60"),
        ("27.50", "USD", "$27.50"),
        ("1633", "USD", "$1,633"),
        ("107100", "jobs", "107,100"),
        ("36000", "manufacturers", "36,000"),
        ("17", "ratio", "17:1"),
        ("1988", "year", "1988"),
        ("50", "percent", "50%"),
        ("1200000", "USD", "$1.2 million"),
        ("1234567", "USD", "$1.234567 million"),
    ],
)
def test_format_value(value, unit, text):
    assert format_value(Decimal(value), unit, "en") == text


@pytest.mark.parametrize(
    "value,unit,text",
    [
        ("16200000000", "USD", "16,2 mil millones US$"),
        ("1000000", "USD", "1 millón US$"),
        ("226000000", "USD", "226 millones US$"),
        ("1500000000000", "USD", "1,5 billones US$"),
        ("24.6", "USD", "24,60 US$"),
        ("1633", "USD", "1.633 US$"),
        ("107100", "jobs", "107.100"),
        ("1988", "year", "1988"),
        ("50", "percent", "50 %"),
        ("17", "ratio", "17:1"),
    ],
)
def test_format_value_in_spanish(value, unit, text):
    """The locale's separators, words and currency (Spain's Spanish: a billion is "mil
    millones", a trillion "billones"), the value exact."""
    assert format_value(Decimal(value), unit, "es").replace("\xa0", " ") == text


def test_format_value_refuses_unknown_units():
    with pytest.raises(ValueError, match="unknown unit 'parsecs'"):
        format_value(Decimal(1), "parsecs", "en")
