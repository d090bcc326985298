"""Unit tests of the plugin's plain functions: no Pelican build."""

from __future__ import annotations

import datetime
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from mep_kit.errors import ContentError  # noqa: E402
from mep_kit.figures import Figure, Source, load_registry, parse_registry  # noqa: E402
from mep_kit.formatting import format_value  # noqa: E402
from mep_kit.markdown_ext import FiguresExtension, FigureSyntaxError  # noqa: E402
from mep_kit.recent import recent_posts  # noqa: E402
from mep_kit.render import JinjaRenderer  # noqa: E402
from conftest import theme_env  # noqa: E402

CENTER = {"name": "CONNSTEP", "network": "MEP National Network"}
RENDERER = JinjaRenderer(theme_env(), {"CENTER": CENTER})
REGISTRY = load_registry(ROOT / "content" / "data" / "figures.toml")

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


# --- the formatter -------------------------------------------------------------------------

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


# --- the registry --------------------------------------------------------------------------

def test_registry_parses_a_good_figure():
    figure = parse_registry(GOOD, "figures.toml")["sales"]
    assert (figure.text, figure.period, figure.machine_value, figure.source.publisher) == ("$16.2 billion", "FY2023", "16200000000", "NIST MEP")


def test_shipped_registry_has_every_figure_with_year_and_source():
    assert len(REGISTRY) >= 20
    for figure in REGISTRY.values():
        assert figure.fiscal_year or figure.as_of
        assert figure.source.publisher and figure.source.title


@pytest.mark.parametrize("edit,line,message", [
    (("value = 16_200_000_000\n", 'value = "lots"\n'), 7, "sales: 'value': expected a number"),
    (("value = 16_200_000_000\n", ""), 6, "sales: 'value' is required"),
    (('unit = "USD"\n', 'unit = "dollars"\n'), 8, "sales: 'unit': unknown unit 'dollars'"),
    (("fiscal_year = 2023\n", ""), 6, "a year is required"),
    (('source = "s"\n', 'source = "nope"\n'), 12, "sales: 'source': unknown source 'nope'"),
    (('source = "s"\n', ""), 6, "sales: 'source' is required"),
    (("fiscal_year = 2023\n", "fiscal_year = 23\n"), 10, "expected a four-digit year"),
    (('label = "in sales"\n', 'label = "in sales"\nlabell = "x"\n'), 10, "sales: 'labell': unknown field"),
])
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


# --- the Markdown extension ----------------------------------------------------------------

def render(text: str, registry=REGISTRY) -> str:
    return markdown.markdown(text, extensions=[FiguresExtension(registry, RENDERER)], output_format="html5")


def test_callout_block_renders_a_row_of_figures():
    soup = BeautifulSoup(render("Intro.\n\n[[callout: national-sales, national-jobs]]\n\nAfter."), "html.parser")
    row = soup.select_one("div.impact-row")
    assert row.parent.name == "[document]", "the callout is not wrapped in a paragraph"
    figures = row.select("figure.impact")
    assert [f.select_one("data")["value"] for f in figures] == ["16200000000", "107100"]
    assert figures[1].select_one(".impact__qualifier").get_text() == "more than"
    assert "FY2023" in figures[0].figcaption.get_text() and figures[0].figcaption.cite.get_text() == "NIST Manufacturing Extension Partnership"


def test_inline_figure_renders_in_the_sentence():
    soup = BeautifulSoup(render("Centers created [[figure: national-jobs]] jobs."), "html.parser")
    paragraph = soup.p
    assert paragraph.get_text() == "Centers created more than 107,100 jobs."
    assert paragraph.data["value"] == "107100" and "FY2023" in paragraph.data["title"]


@pytest.mark.parametrize("text,message", [
    ("[[callout: national-sale]]", "unknown figure key 'national-sale'"),
    ("Sales were [[figure: nope]].", "unknown figure key 'nope'"),
    ("[[callout: ]]", "no figure key given"),
    ("[[callout: national-sales,, national-jobs]]", "empty key"),
    ("Text [[callout: national-sales]] in a sentence.", "must be a paragraph of its own"),
    ("A [[figures: national-sales]] typo.", "unknown directive 'figures'"),
    ("Two [[figure: national-sales, national-jobs]] inline.", "exactly one key"),
])
def test_bad_callouts_raise_the_plugin_error(text, message):
    with pytest.raises(FigureSyntaxError, match=message) as caught:
        render(text)
    assert caught.value.snippet in text


def test_unknown_key_suggests_the_close_one():
    with pytest.raises(FigureSyntaxError, match="did you mean: national-sales"):
        render("[[callout: national-sale]]")


labels = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(label=labels, publisher=labels, value=st.decimals(min_value=0, max_value=10**13, places=2, allow_nan=False, allow_infinity=False),
       unit=st.sampled_from(["USD", "jobs", "ratio", "percent", "year", "manufacturers"]))
def test_callout_html_is_escaped_and_well_formed_for_any_registry_text(label, publisher, value, unit):
    figure = Figure("k", value, unit, label.strip(), "national", Source("s", publisher, "t"), fiscal_year=2023)
    for html in (RENDERER.callout([figure]), RENDERER.inline(figure)):
        tree = ET.fromstring(f"<root>{html}</root>")  # well-formed: every tag closed, every & escaped
        text = "".join(tree.itertext())
        assert figure.text in text
    card = ET.fromstring(f"<root>{RENDERER.callout([figure])}</root>")
    assert card.find(".//p[@class='impact__label']").text == label.strip()
    assert card.find(".//cite").text == publisher


fragments = st.sampled_from(["[[callout: national-sales]]", "[[figure: national-jobs]]", "[[figure: missing]]", "[[callout: ]]",
                             "[[oops: x]]", "[[", "]]", "\n\n", "<b>", "&", "*", "`", "[a](b)", " text "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(fragments, st.text(max_size=12)), max_size=12))
def test_any_markdown_renders_escaped_html_or_raises_the_plugin_error(parts):
    source = "".join(parts)
    try:
        html = render(source)
    except FigureSyntaxError as error:
        assert error.snippet in source
        return
    soup = BeautifulSoup(html, "html.parser")
    for data in soup.find_all("data"):
        assert data["value"] in {f.machine_value for f in REGISTRY.values()}
    assert "missing" not in {d.get("value") for d in soup.find_all("data")}


# --- recent posts --------------------------------------------------------------------------

def post(slug, day):
    return SimpleNamespace(slug=slug, date=datetime.datetime(2026, 2, day, tzinfo=datetime.timezone.utc))


def test_recent_posts_are_newest_first_with_ties_by_slug():
    posts = [post("siftex", 2), post("penn-globe", 11), post("modelcraft", 2), post("wild-cnc", 4)]
    assert [p.slug for p in recent_posts(posts, 10)] == ["penn-globe", "wild-cnc", "modelcraft", "siftex"]
    assert [p.slug for p in recent_posts(list(reversed(posts)), 2)] == ["penn-globe", "wild-cnc"]
