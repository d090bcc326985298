"""mep_kit.content.render: the theme's callout macros in the plugin's hands (escaped, well-formed)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from mep_kit.content.figures import Figure, Source
from mep_kit.content.render import JinjaRenderer
from mep_kit.languages.words import language
from support import theme_env

CENTER = {"name": "Fixture MEP", "network": "MEP National Network"}


RENDERER = JinjaRenderer(theme_env(), {"CENTER": CENTER})


labels = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(
    label=labels,
    publisher=labels,
    value=st.decimals(min_value=0, max_value=10**13, places=2, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(["USD", "jobs", "ratio", "percent", "year", "manufacturers"]),
)
def test_callout_html_is_escaped_and_well_formed_for_any_registry_text(label, publisher, value, unit):
    figure = Figure("k", value, unit, label.strip(), "national", Source("s", publisher, "t"), fiscal_year=2023)
    for html in (RENDERER.callout([figure]), RENDERER.inline(figure)):
        tree = ET.fromstring(f"<root>{html}</root>")  # well-formed: every tag closed, every & escaped
        text = "".join(tree.itertext())
        assert language("en").figure_text(figure) in text
    card = ET.fromstring(f"<root>{RENDERER.callout([figure])}</root>")
    assert card.find(".//p[@class='impact__label']").text == label.strip()
    assert card.find(".//cite").text == publisher
