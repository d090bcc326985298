"""mep_kit.formatting: one formatter for every figure."""

from __future__ import annotations

from decimal import Decimal

import pytest
from mep_kit.formatting import format_value


@pytest.mark.parametrize("value,unit,text", [
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
])
def test_format_value(value, unit, text):
    assert format_value(Decimal(value), unit) == text


def test_format_value_refuses_unknown_units():
    with pytest.raises(ValueError, match="unknown unit 'parsecs'"):
        format_value(Decimal(1), "parsecs")
