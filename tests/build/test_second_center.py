"""Another center adopts the kit by its settings and content alone: a build of an invented
center (tests/second_center) carries nothing of the shipped center's identity, which can
only have come from the theme or the plugin."""

from __future__ import annotations

import re

import pytest
from pelican.settings import read_settings
from support import ROOT, Site, build

SECOND = ROOT / "tests" / "second_center"


@pytest.fixture(scope="module")
def second_site(tmp_path_factory) -> Site:
    return build(SECOND / "conf.py", tmp_path_factory.mktemp("second") / "output", content=SECOND / "content", siteurl="https://northwind.example")


def first_center_marks() -> list[str]:
    """What identifies the shipped center: name, state, phone (as typed and as dialled),
    web address, and its service lines."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    center = settings["CENTER"]
    digits = re.sub(r"\D", "", center["phone"])
    host = re.sub(r"^https?://", "", center["url"]).strip("/")
    return [center["name"], center["state"], center["phone"], digits, host, *settings["SERVICE_LINES"]]


def test_nothing_of_the_first_center_comes_from_theme_or_plugin(second_site):
    marks = first_center_marks()
    files = [path for path in second_site.output.rglob("*") if path.is_file()]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8", errors="ignore")
        found = [mark for mark in marks if mark.lower() in text.lower()]
        assert not found, f"{path.relative_to(second_site.output)} shows {found}"


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
