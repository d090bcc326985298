"""The published site in a real browser (Chromium driven by Playwright, the `browser` fixture
of conftest.py), served with its own _headers as a static host would: Pagefind search, the page
without JavaScript, and the Content-Security-Policy, which every kind of page must satisfy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hosting import headers_for, parse_headers_file
from playwright.sync_api import expect


@pytest.fixture
def page(browser):
    """A page that records every console error and Content-Security-Policy violation."""
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


def search(page, published, query: str):
    page.goto(f"{published.siteurl}/search/")
    field = page.get_by_label("Search for a client, an industry or a topic")
    field.fill(query)
    field.press("Enter")
    expect(page.locator(".search__status")).to_contain_text("result")
    return [link.get_attribute("href") for link in page.locator(".search__result-title a").all()]


# --- Pagefind's index, written by the build task ------------------------------------------


def test_the_build_task_writes_a_pagefind_index_of_every_post_page_and_event(published):
    entry = json.loads((published.output / "pagefind" / "pagefind-entry.json").read_text())
    indexed = [p for p in published.html_files() if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    posts = list(published.output.glob("*/index.html")) + list(published.output.glob("events/*/index.html"))
    # the fixture's posts and pages, and the generated posts and events (support.BROWSER_POSTS,
    # BROWSER_EVENTS): every page of a post, a page or an event, and nothing else
    assert len(indexed) == entry["languages"]["en"]["page_count"] >= 15
    assert set(indexed) <= set(posts)
    assert (published.output / "pagefind" / "pagefind.js").exists()
    assert list((published.output / "pagefind" / "filter").glob("*.pf_filter")), "the service-line filter is indexed"


# --- In the browser -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "client, slug", [("Harbor", "harbor-gearworks"), ("Kennebec", "kennebec-composites"), ("Quarry", "quarry-castings")]
)
def test_searching_for_a_client_finds_its_case_study(page, published, client, slug):
    links = search(page, published, client)
    assert links and links[0] == f"/{slug}/", links
    assert page.url.endswith(f"/search/?q={client}"), "the search is in the address, to share or go back to"
    page.locator(".search__result-title a").first.click()
    expect(page.locator("h1")).to_contain_text(client.split("-")[0])
    assert page.problems == []


@pytest.mark.parametrize("query, slug", [("Harbor", "harbor-gearworks"), ("network", "how-the-network-works")])
def test_results_show_client_and_date_and_an_excerpt_of_the_story_not_its_facts(page, published, query, slug):
    post = published.soup(f"{slug}/")
    client = post.select_one(".post__facts[data-client]")
    date = post.select_one("main time").get_text()
    story = set(
        words(" ".join(element.get_text(" ") for element in post.select(".post__title, .post__lead, .post__body")))
    )

    links = search(page, published, query)
    result = page.locator(".search__result").nth(links.index(f"/{slug}/"))
    expected = f"{client['data-client']} · {date}" if client else date
    expect(result.locator(".search__meta")).to_have_text(expected)
    excerpt = words(result.locator(".search__excerpt").inner_text())
    assert len(excerpt) >= 15 and set(excerpt) <= story, set(excerpt) - story
    assert page.problems == []


def words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text.lower())


def test_filtering_by_service_line_keeps_only_its_case_studies(page, published):
    service = "Quality Management & Certifications"
    category = published.soup("services/quality-management-certifications/")
    expected = sorted(a["href"].removeprefix(published.siteurl) for a in category.select("main .card__title a"))
    page.goto(f"{published.siteurl}/search/")
    page.get_by_label(service).check()
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".search__status")).to_contain_text("result")
    found = sorted(link.get_attribute("href") for link in page.locator(".search__result-title a").all())
    assert found == expected and len(expected) >= 2
    assert page.problems == []


def test_a_box_ticked_while_the_script_is_loading_stays_ticked(page, published):
    """The form is there from the first paint; Pagefind arrives later. Held back here until the
    reader has ticked a box, the script must not clear it when it reads the (empty) address."""
    held = []
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    page.goto(f"{published.siteurl}/search/", wait_until="domcontentloaded")
    page.get_by_label("Only events").check()
    while not held:
        page.wait_for_timeout(20)
    held[0].continue_()
    expect(page.locator(".search__status")).to_contain_text("4 results")
    assert page.get_by_label("Only events").is_checked()
    assert page.problems == []


def test_the_events_filter_keeps_only_events_and_with_a_service_line_its_events(page, published):
    events = sorted(
        f"/{p.parent.relative_to(published.output).as_posix()}/" for p in published.output.glob("events/*/index.html")
    )
    assert len(events) == 4
    page.goto(f"{published.siteurl}/search/")
    page.get_by_label("Only events").check()
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".search__status")).to_contain_text("4 results")
    assert sorted(link.get_attribute("href") for link in page.locator(".search__result-title a").all()) == events
    assert "kind=Events" in page.url
    assert page.locator(".search__meta").first.inner_text().replace("\xa0", " ").endswith(" ET"), (
        "an event's result says when it is"
    )
    page.get_by_label("Supply Chain Management").check()
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".search__status")).to_contain_text("1 result")
    assert [link.get_attribute("href") for link in page.locator(".search__result-title a").all()] == [
        "/events/supplier-forum/"
    ]
    page.goto(f"{published.siteurl}/search/?q=workshop&kind=Events")
    expect(page.locator(".search__status")).to_contain_text("result")
    assert page.get_by_label("Only events").is_checked(), "the filter is read back from the address"
    assert page.locator(".search__result-title a").first.get_attribute("href") == "/events/iso-9001-workshop/"
    assert page.problems == []


def test_the_search_page_of_a_spanish_site_speaks_spanish_and_stems_spanish_words(page, published_spanish):
    """Its words are the catalog's (the script reads them from its page), counts take their
    plural form, and Pagefind stems by the pages' language: "capacitaciones" finds the case
    study that says "capacita" (a Spanish stem; an English stemmer keeps them apart). A
    translation is not in the index: search, like every list, shows the site's language."""
    site = published_spanish.siteurl
    page.goto(f"{site}/search/")
    field = page.get_by_label("Busque un cliente, un sector o un tema")
    field.fill("capacitaciones")
    field.press("Enter")
    status = page.locator(".search__status")
    expect(status).to_have_text("1 resultado para «capacitaciones»")
    assert [link.get_attribute("href") for link in page.locator(".search__result-title a").all()] == [
        "/plasticos-del-sur/"
    ]
    assert page.locator(".search__meta").first.inner_text().endswith("3 de noviembre de 2025"), "its date in Spanish"
    page.goto(f"{site}/search/?q=planta")
    expect(status).to_have_text(re.compile(r"^[2-9] resultados para «planta»$"))
    page.goto(f"{site}/search/?q=zzqqxx")
    expect(status).to_have_text("No hay resultados para «zzqqxx». Pruebe con menos palabras o con otra ortografía.")
    page.goto(f"{site}/search/?q=Shortens")
    expect(status).to_contain_text("No hay resultados"), "the English translation is not searched"
    page.goto(f"{site}/search/")
    page.get_by_label("Solo eventos").check()
    page.get_by_role("button", name="Buscar").click()
    expect(status).to_have_text("2 resultados para «Eventos»")
    assert "kind=Eventos" in page.url
    assert page.problems == []


def test_without_javascript_the_search_page_says_so_and_links_to_the_archive(browser, published):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{published.siteurl}/search/")
    notice = page.locator(".search__notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("JavaScript")
    expect(page.locator("form.search")).to_be_hidden()
    notice.get_by_role("link", name="all posts by date").click()
    expect(page.locator("h1")).to_have_text("All posts by date")
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "harbor-gearworks/",
        "how-the-network-works/",
        "services/",
        "services/workforce-development/",
        "tags/",
        "posts/page/2/",
        "numbers/",
        "contact/",
        "search/?q=lean",
        "404.html",
        "events/",
        "events/lean-basics-webinar/",
    ],
)
def test_every_kind_of_page_loads_under_the_content_security_policy(page, published, path):
    response = page.goto(f"{published.siteurl}/{path}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    if path.startswith("search/"):
        expect(page.locator(".search__status")).to_contain_text("result")
    # The stylesheet loaded (a fingerprinted file under the policy's 'self'): the page is styled.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") != "rgba(0, 0, 0, 0)"
    )
    assert page.problems == [], page.problems


# --- The policy, and the headers a host is given -------------------------------------------


def test_pages_carry_nothing_inline_that_the_policy_forbids(published):
    for path in published.html_files():
        soup = published.soup(path.relative_to(published.output).as_posix())
        assert not soup.find(style=True) and not soup.find("style"), path
        assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)], path
        for script in soup.find_all("script"):
            assert script.get("type") == "application/ld+json" or (script.get("src") and not script.string), path
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag, **{attribute: True}):
                if tag == "link" and element.get("rel") not in (["stylesheet"], ["icon"]):
                    continue
                assert element[attribute].startswith(published.siteurl + "/"), (path, element)


def test_headers_file_sets_security_headers_and_cache_lifetimes(published):
    rules = parse_headers_file((published.output / "_headers").read_text())
    css = [p.relative_to(published.output).as_posix() for p in (published.output / "theme" / "assets").glob("*.css")]
    assert len(css) == 1 and css[0].startswith("theme/assets/site.")
    linked = published.soup("").select_one('link[rel="stylesheet"]')["href"]
    assert linked == f"{published.siteurl}/{css[0]}", "pages link the fingerprinted stylesheet"
    html = headers_for(rules, "/harbor-gearworks/")
    asset = headers_for(rules, f"/{css[0]}")
    assert html["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert asset["Cache-Control"] == "public, max-age=31536000, immutable"
    for headers in (html, asset):
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        assert headers["Referrer-Policy"] and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    meta = published.soup("").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert html["Content-Security-Policy"] == meta + "; frame-ancestors 'none'", (
        "one policy, in the header and the page"
    )


def test_favicon_is_an_svg_with_an_ico_for_clients_that_ask_for_favicon_ico(page, published):
    icon = published.soup("").select_one('link[rel="icon"]')
    assert icon["type"] == "image/svg+xml" and icon["href"] == f"{published.siteurl}/favicon.svg"
    for path, starts in (("favicon.svg", b"<svg"), ("favicon.ico", b"\x00\x00\x01\x00")):
        response = page.request.get(f"{published.siteurl}/{path}")
        assert response.status == 200 and response.body().startswith(starts), path


def test_two_builds_match_but_for_pagefinds_filter_and_meta_indexes(published, tmp_path):
    """Everything Pelican and the plugin write is byte-identical from build to build, and so are
    Pagefind's page fragments; its filter and meta index files are not (Pagefind's own
    behaviour, Pagefind/pagefind#638), so those, and the entry file naming them, may differ."""
    from support import BEFORE, BROWSER_EVENTS, GENERATED_EVENTS, copy_project, epoch, invoke, write_events, write_posts

    again = copy_project(tmp_path / "site")
    write_events(again / "content", {name: GENERATED_EVENTS[name] for name in BROWSER_EVENTS})
    write_posts(again / "content")
    assert invoke(again, "preview", SITEURL=published.siteurl, SOURCE_DATE_EPOCH=epoch(BEFORE)).returncode == 0

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    first, second = files(published.output), files(again / "output")
    unstable = re.compile(r"^pagefind/(filter/.*|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)$")
    differ = {name for name in first.keys() | second.keys() if first.get(name) != second.get(name)}
    assert {name for name in differ if not unstable.match(name)} == set()
    assert any(name.startswith("pagefind/fragment/") for name in first)
