"""mep_kit.content.figures: the registry, parsed and checked with file, line and field."""

from __future__ import annotations

import pytest

from mep_kit.content.figures import parse_registry
from mep_kit.core.errors import ContentError
from mep_kit.languages.words import language

GOOD = """
[sources.s]
publisher = "NIST MEP"
title = "Facts"

[figures.sales]
value = 16_200_000_000
unit = "USD"
label = "in sales"
fiscal_year = 2023
scope = "national"
source = "s"
"""


def test_registry_parses_a_good_figure():
    figure = parse_registry(GOOD, "figures.toml")["sales"]
    english = language("en")
    assert (
        english.figure_text(figure),
        english.figure_period(figure),
        figure.machine_value,
        figure.source.publisher,
    ) == ("$16.2 billion", "FY2023", "16200000000", "NIST MEP")


def test_a_figure_in_spanish_keeps_its_value_and_the_centers_own_words():
    """Its value and period in the site's language; its label and a qualifier of its own as
    written; a qualifier of the kit's vocabulary translated."""
    text = GOOD.replace("fiscal_year = 2023", 'as_of = 2025-01-14\nqualifier = "more than"')
    figure = parse_registry(text, "figures.toml")["sales"]
    spanish = language("es")
    assert spanish.figure_phrase(figure).replace("\xa0", " ") == "más de 16,2 mil millones US$"
    assert spanish.figure_period(figure) == "al 14 de enero de 2025"
    assert figure.machine_value == "16200000000" and figure.label == "in sales"
    own = parse_registry(text.replace('"more than"', '"unos"'), "figures.toml")["sales"]
    assert spanish.figure_qualifier(own) == "unos"


@pytest.mark.parametrize(
    "edit,line,message",
    [
        (("value = 16_200_000_000\n", 'value = "lots"\n'), 7, "sales: 'value': expected a number"),
        (("value = 16_200_000_000\n", ""), 6, "sales: 'value' is required"),
        (('unit = "USD"\n', 'unit = "dollars"\n'), 8, "sales: 'unit': unknown unit 'dollars'"),
        (("fiscal_year = 2023\n", ""), 6, "a year is required"),
        (('source = "s"\n', 'source = "nope"\n'), 12, "sales: 'source': unknown source 'nope'"),
        (('source = "s"\n', ""), 6, "sales: 'source' is required"),
        (("fiscal_year = 2023\n", "fiscal_year = 23\n"), 10, "expected a four-digit year"),
        (('label = "in sales"\n', 'label = "in sales"\nlabell = "x"\n'), 10, "sales: 'labell': unknown field"),
    ],
)
def test_registry_errors_name_file_line_and_field(edit, line, message):
    with pytest.raises(ContentError) as caught:
        parse_registry(GOOD.replace(*edit), "content/data/figures.toml")
    text = str(caught.value)
    assert text.startswith(f"content/data/figures.toml:{line}: "), text
    assert message in text


def test_registry_reports_every_problem_at_once():
    bad = GOOD.replace('unit = "USD"', 'unit = "x"').replace('source = "s"', 'source = "t"')
    with pytest.raises(ContentError) as caught:
        parse_registry(bad, "f.toml")
    assert len(caught.value.problems) == 2


def test_registry_reports_toml_syntax_errors_with_line():
    with pytest.raises(ContentError, match=r"^f.toml:3: not valid TOML"):
        parse_registry("[sources.s]\npublisher = 'x'\ntitle = \n", "f.toml")
