"""mep_kit.content.markdown_ext: [[callout: ...]] and [[figure: ...]] in Markdown."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from mep_kit.content.figures import load_registry
from mep_kit.content.markdown_ext import FiguresExtension, FigureSyntaxError
from mep_kit.content.render import JinjaRenderer
from support import FIXTURE, theme_env

CENTER = {"name": "Fixture MEP", "network": "MEP National Network"}


RENDERER = JinjaRenderer(theme_env(), {"CENTER": CENTER})


REGISTRY = load_registry(FIXTURE / "content" / "data" / "figures.toml")


def render(text: str, registry=REGISTRY) -> str:
    return markdown.markdown(text, extensions=[FiguresExtension(registry, RENDERER)], output_format="html5")


def test_callout_block_renders_a_row_of_figures():
    soup = BeautifulSoup(render("Intro.\n\n[[callout: center-sales, center-jobs]]\n\nAfter."), "html.parser")
    row = soup.select_one("div.impact-row")
    assert row.parent.name == "[document]", "the callout is not wrapped in a paragraph"
    figures = row.select("figure.impact")
    assert [f.select_one("data")["value"] for f in figures] == ["226000000", "1000"]
    assert figures[1].select_one(".impact__qualifier").get_text() == "nearly"
    assert "FY2023" in figures[0].figcaption.get_text() and figures[0].figcaption.cite.get_text() == "Fixture Publisher"


def test_inline_figure_renders_in_the_sentence():
    soup = BeautifulSoup(render("Centers created [[figure: center-jobs]] jobs."), "html.parser")
    paragraph = soup.p
    assert paragraph.get_text() == "Centers created nearly 1,000 jobs."
    assert paragraph.data["value"] == "1000" and "FY2023" in paragraph.data["title"]


@pytest.mark.parametrize(
    "text,message",
    [
        ("[[callout: center-sale]]", "unknown figure key 'center-sale'"),
        ("Sales were [[figure: nope]].", "unknown figure key 'nope'"),
        ("[[callout: ]]", "no figure key given"),
        ("[[callout: center-sales,, center-jobs]]", "empty key"),
        ("Text [[callout: center-sales]] in a sentence.", "must be a paragraph of its own"),
        ("A [[figures: center-sales]] typo.", "unknown directive 'figures'"),
        ("Two [[figure: center-sales, center-jobs]] inline.", "exactly one key"),
    ],
)
def test_bad_callouts_raise_the_plugin_error(text, message):
    with pytest.raises(FigureSyntaxError, match=message) as caught:
        render(text)
    assert caught.value.snippet in text


def test_unknown_key_suggests_the_close_one():
    with pytest.raises(FigureSyntaxError, match="did you mean: center-sales"):
        render("[[callout: center-sale]]")


fragments = st.sampled_from(
    [
        "[[callout: center-sales]]",
        "[[figure: center-jobs]]",
        "[[figure: missing]]",
        "[[callout: ]]",
        "[[oops: x]]",
        "[[",
        "]]",
        "\n\n",
        "<b>",
        "&",
        "*",
        "`",
        "[a](b)",
        " text ",
    ]
)


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
