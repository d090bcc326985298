"""mep_kit.outputs.redirects: aliases to redirect pages, as plain functions."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from mep_kit.outputs.redirects import (
    HEADER,
    Owner,
    alias_to_save_as,
    owners_of,
    plan_redirects,
    redirects_file,
    split_aliases,
)
from support import (
    front_matter,
    theme_env,
)


@pytest.mark.parametrize(
    "alias,save_as",
    [
        ("old-slug/", "old-slug/index.html"),
        ("/old-slug/", "old-slug/index.html"),
        ("old-slug", "old-slug/index.html"),
        ("/2019/01/old-name.html", "2019/01/old-name.html"),
        ("news/Old_Name.htm", "news/Old_Name.htm"),
        (" a/b/ ", "a/b/index.html"),
    ],
)
def test_alias_to_save_as(alias, save_as):
    assert alias_to_save_as(alias) == save_as


@pytest.mark.parametrize(
    "alias,reason",
    [
        ("https://example.org/x/", "full URL"),
        ("//example.org/x/", "full URL"),
        ("mailto:x@example.org", "full URL"),
        ("a/../b/", "'..'"),
        ("..", "'..'"),
        ("old/?p=12", "query or fragment"),
        ("old/#top", "query or fragment"),
        ("old page/", "characters"),
        ("old\\page/", "characters"),
        ("/", "home page"),
        ("a//b/", "empty or '.'"),
        ("./a/", "empty or '.'"),
        ("feed.xml", "not a page address"),
    ],
)
def test_alias_to_save_as_rejects(alias, reason):
    with pytest.raises(ValueError, match="expected") as info:
        alias_to_save_as(alias)
    assert reason in str(info.value) and f"'{alias.strip()}'" in str(info.value)


@given(st.text(alphabet="ab./-:?%é \\", max_size=12))
def test_alias_save_as_stays_in_the_output_folder(alias):
    try:
        save_as = alias_to_save_as(alias)
    except ValueError:
        return
    parts = save_as.split("/")
    assert not save_as.startswith("/") and ".." not in parts and "." not in parts and "" not in parts
    assert save_as.endswith((".html", ".htm"))


def test_split_aliases():
    assert split_aliases("a/, /b.html ,") == ["a/", "/b.html"]
    assert split_aliases(["a/", "b/, c/"]) == ["a/", "b/", "c/"]
    assert split_aliases(None) == [] and split_aliases("") == []


def owner(path, url, *aliases, line=3):
    return Owner(path=path, line=line, url=url, save_as=f"{url}index.html", title=path, lang="en", aliases=aliases)


def test_plan_redirects_sorted_with_targets():
    owners = [owner("b.md", "new-b/", "z-old/"), owner("a.md", "new-a/", "/old-a/", "2019/a.html")]
    redirects, problems = plan_redirects(
        owners, {"new-a/index.html": "a.md", "new-b/index.html": "b.md"}, "https://example.org/site"
    )
    assert problems == []
    assert [(r.source, r.save_as, r.target, r.target_path) for r in redirects] == [
        ("/site/2019/a.html", "2019/a.html", "https://example.org/site/new-a/", "/site/new-a/"),
        ("/site/old-a/", "old-a/index.html", "https://example.org/site/new-a/", "/site/new-a/"),
        ("/site/z-old/", "z-old/index.html", "https://example.org/site/new-b/", "/site/new-b/"),
    ]
    assert (
        redirects_file(reversed(redirects))
        == HEADER
        + "/site/2019/a.html  /site/new-a/  301\n/site/old-a/  /site/new-a/  301\n/site/z-old/  /site/new-b/  301\n"
    )


def test_plan_redirects_problems():
    owners = [
        owner("a.md", "a/", "shared/", "a/", "x/", "x", line=4),
        owner("b.md", "b/", "/shared", "taken/", line=7),
    ]
    redirects, problems = plan_redirects(owners, {"taken/index.html": "the site's own page 'taken/'"}, "")
    messages = [str(p) for p in problems]
    assert messages == [
        "a.md:4: aliases: 'a/' is this page's own address; expected an old address it used to have",
        "a.md:4: aliases: 'shared/' is also an alias in b.md; expected each old address to redirect to one page",
        "a.md:4: aliases: 'x' is listed twice; expected each old address once",
        "b.md:7: aliases: '/shared' is also an alias in a.md; expected each old address to redirect to one page",
        "b.md:7: aliases: 'taken/' is the address of the site's own page 'taken/', which the site writes; expected an old address no page uses",
    ]
    assert [r.source for r in redirects] == ["/x/"]


def test_owners_are_published_posts_and_pages_with_aliases(tmp_path):
    source = tmp_path / "x.md"
    source.write_text("Title: X\nSlug: x\nAliases: old-x/\n\nBody.\n")

    def item(status, aliases="old-x/"):
        return SimpleNamespace(
            source_path=str(source),
            status=status,
            metadata={"aliases": aliases} if aliases else {},
            url="x/",
            save_as="x/index.html",
            title="X &amp; <em>Y</em>",
            lang="en",
        )

    articles = SimpleNamespace(
        articles=[item("published"), item("published", None)],
        drafts=[item("draft")],
        hidden_articles=[item("hidden")],
        translations=[],
    )
    pages = SimpleNamespace(
        pages=[item("published")], hidden_pages=[item("hidden")], draft_pages=[item("draft")], translations=[]
    )
    owners = owners_of(
        [articles, pages], {"DEFAULT_LANG": "en"}, lambda item: front_matter(item.source_path)[1].get("aliases")
    )
    assert len(owners) == 2
    assert owners[0].aliases == ("old-x/",) and owners[0].line == 3 and owners[0].title == "X & Y"


def test_redirect_template_escapes_what_it_shows():
    html = (
        theme_env()
        .get_template("redirect.html")
        .render(target='https://example.org/a"b/', title="R&D <fast>", lang="en", SITENAME="S")
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == 'https://example.org/a"b/'
    assert soup.find("a").get_text() == "R&D <fast>" and "<fast>" not in html
