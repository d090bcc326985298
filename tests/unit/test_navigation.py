"""mep_kit.context.navigation: the menu from the settings, resolved and checked like a link."""

from __future__ import annotations

from types import SimpleNamespace

from mep_kit.context.navigation import MenuItem, resolve, shape_problems

OUTPUTS = dict.fromkeys(
    ["index.html", "services/index.html", "posts/index.html", "about/index.html", "numbers/index.html"], "x"
)
CONTENT = {
    "articles/mep.md": SimpleNamespace(url="how-mep-works/", status="published"),
    "pages/draft.md": SimpleNamespace(url="draft/", status="draft"),
}


def where():
    return "pelicanconf.py", 120


def test_paths_content_and_other_sites_resolve_to_menu_items():
    items, problems = resolve(
        [
            ("Home", ""),
            ("MEP Explained", "{filename}/articles/mep.md"),
            ("Services", "services/"),
            ("About", "/about/"),
            ("Figures", "numbers"),
            ("MEP", "https://www.nist.gov/mep"),
        ],
        CONTENT,
        OUTPUTS,
        where,
    )
    assert problems == []
    assert items == [
        MenuItem("Home", ""),
        MenuItem("MEP Explained", "how-mep-works/"),
        MenuItem("Services", "services/"),
        MenuItem("About", "about/"),
        MenuItem("Figures", "numbers"),
        MenuItem("MEP", "https://www.nist.gov/mep", external=True),
    ]
    assert items[1].href("https://example.org") == "https://example.org/how-mep-works/"
    assert items[-1].href("https://example.org") == "https://www.nist.gov/mep"


def test_an_entry_that_leads_nowhere_is_a_problem_of_the_settings_file():
    items, problems = resolve(
        [
            ("Old", "breaking-it-down/"),
            ("Draft", "{filename}/pages/draft.md"),
            ("Gone", "{filename}/pages/gone.md"),
            ("Run", "javascript:alert(1)"),
            ("Elsewhere", "//evil.example/"),
        ],
        CONTENT,
        OUTPUTS,
        where,
    )
    assert items == []
    assert [str(p).split(";")[0] for p in problems] == [
        "pelicanconf.py:120: NAVIGATION: 'Old': nothing on the site at '/breaking-it-down/'",
        "pelicanconf.py:120: NAVIGATION: 'Draft': no published post or page at content/pages/draft.md",
        "pelicanconf.py:120: NAVIGATION: 'Gone': no published post or page at content/pages/gone.md",
        "pelicanconf.py:120: NAVIGATION: 'Run': a 'javascript:' address is not allowed",
        "pelicanconf.py:120: NAVIGATION: 'Elsewhere': nothing on the site at '/evil.example/'",
    ]


def test_the_settings_shape_is_checked_when_pelican_starts():
    assert shape_problems([("Home", ""), ["About", "about/"]]) == []
    assert shape_problems("Home") != []
    assert shape_problems([("Home",), ("", "x"), ("Home", 3)]) == [
        "entry 1: expected a (label, address) pair of texts, got ('Home',)",
        "entry 2: expected a (label, address) pair of texts, got ('', 'x')",
        "entry 3: expected a (label, address) pair of texts, got ('Home', 3)",
    ]
