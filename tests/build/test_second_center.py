"""Another center adopts the kit by its settings and content alone: a build of an invented
center (tests/second_center) shows its own figures, explainer and contact. (That it shows
nothing of the shipped center's identity is a test of the site tier, which reads it.)"""

from __future__ import annotations

import pytest

from support import ROOT, Site, build

SECOND = ROOT / "tests" / "second_center"


@pytest.fixture(scope="module")
def second_site(tmp_path_factory) -> Site:
    return build(
        SECOND / "publishconf.py",
        tmp_path_factory.mktemp("second") / "output",
        content=SECOND / "content",
        siteurl="https://northwind.example",
    )


def test_the_home_page_features_the_centers_own_figures_and_explainer(second_site):
    home = second_site.soup("")
    values = [data["value"] for data in home.select(".impact data")]
    assert values == ["120", "3500000", "33000"]
    # The center's FY2024 figures and a national FY2023 one: no period (and no "our") over
    # them all; each card names its own.
    assert home.select_one("#impact-heading").get_text(strip=True) == "Impact"
    assert [p.get_text() for p in home.select(".impact__period")] == ["FY2024", "FY2024", "FY2023"]
    assert home.find("a", href="https://northwind.example/about-mep/") is not None
    footer = home.select_one(".site-footer").get_text(" ")
    assert "Northwind MEP" in footer and "555-0100" in footer
