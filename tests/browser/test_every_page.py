"""Every page the production build writes, in Chromium, as a reader gets it: built for and
served at its own address with its _headers, so the strict Content-Security-Policy applies and
the stylesheet must load under it. Four sites are surveyed: the kit's fixture site with
generated events (the `published` fixture: every kind of page the theme has, /events/, events
upcoming and past, the event banner), the site the center ships as it is (`published_shipped`,
a test of the site tier: what every center's must satisfy), another invented center with
a brand and a logo of its own (`published_second`), and an invented center that writes in
Spanish (`published_spanish`: the theme's every word from the Spanish catalog, a case study
with an English translation, events).

On every page (and on the search page with results), in the light and the dark colour scheme:
- axe-core (the copy in tests/browser/vendor/axe-core, injected by Playwright; nothing is
  fetched) with the WCAG 2.0, 2.1 and 2.2 A and AA rules and best practices finds nothing;
- the site's stylesheet loaded and styles the page; nothing is logged as an error;
- the first Tab reaches the skip link, and Enter on it moves focus to <main>;
- every link and control, focused from the keyboard, looks different from unfocused.
In the light scheme, no page scrolls sideways at 320, 375, 768 or 1280 px, and the main kinds
of page (home, explainer, a case study, a service line, search, an event) are photographed at
375 and 1280 px into SCREENSHOTS (CI keeps them as an artifact).

One pass per colour scheme over all pages, in one context, reusing one tab: the light pass at
a desktop width and the dark pass at a phone width, so axe sees both layouts as well as both
palettes. The tests below read what the passes recorded.

The writers' editor (/admin/, off by default) is built on in a copy and its sign-in page,
what anyone who opens /admin/ sees, is checked with axe in both schemes as well.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from support import SCREENSHOTS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "browser" / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = (320, 375, 768, 1280)
PASSES = {"light": {"width": 1280, "height": 800}, "dark": {"width": 375, "height": 740}}
SEARCH_WITH_RESULTS = "search/?q=lean"
#: The kinds of page photographed on the kit's site, and the generated events' pages (the
#: `published` fixture adds them): /events/, an upcoming event of each format, and a past one.
PHOTOGRAPHED = {
    "home": "",
    "explainer": "news/",
    "case-study": "harbor-gearworks/",
    "service-line": "services/business-growth/",
    "search": SEARCH_WITH_RESULTS,
    "event": "events/iso-9001-workshop/",
}
EVENT_PAGES = [
    "events/",
    "events/lean-basics-webinar/",
    "events/supplier-forum/",
    "events/iso-9001-workshop/",
    "events/safety-roundtable/",
]
#: The sites surveyed: the fixture's, (in the site tier) the shipped one, another center's, and
#: one in Spanish.
SITES = [
    "published",
    pytest.param("published_shipped", marks=pytest.mark.site),
    "published_second",
    "published_spanish",
]
PHOTO_WIDTHS = (375, 1280)

# In the page: the stylesheet's rules, and two properties the site's CSS sets.
STYLESHEET_JS = """siteurl => {
  const sheets = [...document.styleSheets].filter(s => s.href && s.href.startsWith(siteurl + '/theme/assets/site.'));
  return {
    rules: sheets.map(s => s.cssRules.length),
    font: getComputedStyle(document.body).fontFamily,
    header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
  };
}"""

AXE_JS = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => `${v.id} (${v.impact}): ${v.help}: ` +
    v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')))"""

# Each link and control focused in turn (after a real key press, so focus shows as it does
# for a keyboard user): does it match :focus-visible, and does its outline, box-shadow,
# background or border differ from the unfocused state?
FOCUS_JS = """() => {
  const sides = ['Top', 'Right', 'Bottom', 'Left'];
  const props = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor',
                 ...sides.flatMap(side => ['Style', 'Width', 'Color'].map(p => `border${side}${p}`))];
  const clear = c => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
  const ring = s => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !clear(s.outlineColor);
  const border = (s, side) => s[`border${side}Style`] !== 'none' && parseFloat(s[`border${side}Width`]) > 0 && !clear(s[`border${side}Color`])
    ? `${s[`border${side}Width`]} ${s[`border${side}Color`]}` : null;
  const snap = el => { const cs = getComputedStyle(el); return Object.fromEntries(props.map(p => [p, cs[p]])); };
  const name = el => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''}` +
                     ` "${(el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
  const focusable = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
    .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert]'));
  const problems = [];
  for (const el of focusable) {
    document.activeElement?.blur();
    const before = snap(el);
    el.focus({preventScroll: true});
    if (document.activeElement !== el) { problems.push(`${name(el)}: cannot take focus`); continue; }
    if (!el.matches(':focus-visible')) { problems.push(`${name(el)}: focus is not :focus-visible`); continue; }
    const after = snap(el);
    const shows = (ring(after) && ['outlineStyle', 'outlineWidth', 'outlineColor'].some(p => after[p] !== before[p]))
      || (after.boxShadow !== 'none' && after.boxShadow !== before.boxShadow)
      || (!clear(after.backgroundColor) && after.backgroundColor !== before.backgroundColor)
      || sides.some(side => border(after, side) && border(after, side) !== border(before, side));
    if (!shows) problems.push(`${name(el)}: no visible change when focused`);
  }
  document.activeElement?.blur();
  return {count: focusable.length, problems};
}"""

# Sideways scrolling, and which elements stick out past the right edge.
OVERFLOW_JS = """() => {
  const root = document.documentElement, width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const wide = [...document.body.querySelectorAll('*')].filter(el => el.getBoundingClientRect().right > width + 1);
  const outermost = wide.filter(el => !wide.includes(el.parentElement)).slice(0, 5);
  return {scrollWidth: root.scrollWidth, width,
          elements: outermost.map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''))};
}"""


@dataclass
class PageReport:
    stylesheet: dict = field(default_factory=dict)
    axe: list = field(default_factory=list)
    focus: dict = field(default_factory=dict)
    skip_link: list = field(default_factory=list)
    overflow: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


def search_with_results(published) -> str:
    """A search that finds something on this site: the longest word of its newest post's title."""
    from bs4 import BeautifulSoup

    archive = BeautifulSoup((published.output / "archives" / "index.html").read_text(encoding="utf-8"), "html.parser")
    return f"search/?q={max(archive.select_one('a.archive__link').get_text().split(), key=len)}"


def reader_paths(published) -> list[str]:
    """Every page a reader can land on, as URL paths ('' is the home page), and the search page
    with results."""
    paths = [relative.removesuffix("index.html") for relative in published.pages()]
    return sorted(paths) + [published.search]


def photographed(published) -> dict[str, str]:
    """The pages photographed (path -> name): on the kit's site the main kinds of page; on
    another site its home, a case study and the search page, found on the site itself."""
    if published.name == "published":
        return {path: name for name, path in PHOTOGRAPHED.items()}
    from bs4 import BeautifulSoup

    archive = BeautifulSoup((published.output / "posts" / "index.html").read_text(encoding="utf-8"), "html.parser")
    first = archive.select_one("main .card__title a")["href"].removeprefix(published.siteurl).strip("/") + "/"
    prefix = published.name.removeprefix("published_")
    return {"": f"{prefix}-home", first: f"{prefix}-case-study", published.search: f"{prefix}-search"}


def visit(page, published, path: str) -> list[str]:
    """Open a page and wait until it is complete; return the errors it logs as it loads."""
    problems = []
    on_console = lambda message: message.type == "error" and problems.append(message.text)
    on_error = lambda error: problems.append(str(error))
    page.on("console", on_console)
    page.on("pageerror", on_error)
    response = page.goto(f"{published.siteurl}/{path}")
    if not response.ok:
        problems.append(f"HTTP {response.status}")
    elif path.startswith("search/?"):
        try:
            page.locator(".search__result").first.wait_for(timeout=10_000)
        except PlaywrightTimeout:
            problems.append("no search results within 10 s")
    page.remove_listener("console", on_console)
    page.remove_listener("pageerror", on_error)
    return problems


def skip_link_check(page) -> list[str]:
    page.keyboard.press("Tab")
    first = page.evaluate(
        "(el => ({cls: el.className, href: el.getAttribute('href'), top: el.getBoundingClientRect().top}))(document.activeElement)"
    )
    if first["cls"] != "skip-link" or first["href"] != "#main":
        return [f"the first Tab reaches {first}, not the skip link"]
    if first["top"] < 0:
        return ["the focused skip link is off screen"]
    page.keyboard.press("Enter")
    if page.evaluate("document.activeElement === document.querySelector('main#main')"):
        return []
    return [f"after the skip link, focus is on {page.evaluate('document.activeElement.outerHTML.slice(0, 80)')}"]


@pytest.fixture(scope="session")
def screenshots() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture(scope="module", params=SITES)
def surveyed(request):
    """One of the SITES, built and served (the site's name and search with results noted)."""
    site = request.getfixturevalue(request.param)
    site.name = request.param
    site.search = SEARCH_WITH_RESULTS if request.param == "published" else search_with_results(site)
    return site


@pytest.fixture(scope="module")
def survey(browser, surveyed, screenshots) -> dict[tuple[str, str], PageReport]:
    """{(scheme, path): PageReport} for every page of the surveyed site, in both schemes."""
    reports = {}
    published = surveyed
    photos = photographed(published)
    for scheme, viewport in PASSES.items():
        context = browser.new_context(color_scheme=scheme, viewport=viewport)
        context.add_init_script(path=str(AXE))  # as the page starts: not subject to its CSP
        page = context.new_page()
        for path in reader_paths(published):
            page.set_viewport_size(viewport)
            report = reports[scheme, path] = PageReport()
            report.problems = visit(page, published, path)
            report.stylesheet = page.evaluate(STYLESHEET_JS, published.siteurl)
            report.axe = page.evaluate(AXE_JS, AXE_TAGS)
            report.skip_link = skip_link_check(page)
            report.focus = page.evaluate(FOCUS_JS)
            if scheme != "light":
                continue
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                report.overflow[width] = page.evaluate(OVERFLOW_JS)
                if path in photos and width in PHOTO_WIDTHS:
                    page.screenshot(path=screenshots / f"{photos[path]}-{width}.png", full_page=True)
        context.close()
    return reports


def failures(survey, attribute: str) -> dict[str, object]:
    """The pages whose `attribute` recorded a problem, as {'scheme /path': problem}."""
    found = {f"{scheme} /{path}": getattr(report, attribute) for (scheme, path), report in survey.items()}
    return {page: problem for page, problem in found.items() if problem}


def test_the_survey_covers_every_page_in_both_schemes(survey, surveyed):
    paths = reader_paths(surveyed)
    assert len(surveyed.html_files()) >= len(paths) - 1 >= 10
    required = ["", "404.html", "search/", *photographed(surveyed)]
    if surveyed.name == "published":
        required += EVENT_PAGES
    for path in required:
        assert path in paths
    assert set(survey) == {(scheme, path) for scheme in PASSES for path in paths}


def test_every_page_loads_the_sites_stylesheet(survey):
    for (scheme, path), report in survey.items():
        sheet = report.stylesheet
        assert len(sheet["rules"]) == 1 and sheet["rules"][0] > 100, f"{scheme} /{path}: stylesheet not loaded: {sheet}"
        assert sheet["font"].startswith("system-ui") and sheet["header"] != "rgba(0, 0, 0, 0)", (
            f"{scheme} /{path}: {sheet}"
        )


def test_no_page_logs_an_error_or_a_policy_violation(survey):
    assert failures(survey, "problems") == {}


def test_axe_finds_no_wcag_22_aa_or_best_practice_violation_in_light_or_dark(survey):
    assert failures(survey, "axe") == {}


def test_the_first_tab_reaches_the_skip_link_and_it_moves_focus_to_main(survey):
    assert failures(survey, "skip_link") == {}


def test_every_link_and_control_shows_a_visible_focus_indicator(survey):
    problems = {page: focus["problems"] for page, focus in failures(survey, "focus").items() if focus["problems"]}
    assert problems == {}
    assert all(report.focus["count"] >= 20 for report in survey.values()), (
        "every page has its header, aside and footer links"
    )


def test_dark_scheme_uses_the_dark_palette(browser, published):
    colours = {}
    for scheme in PASSES:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{published.siteurl}/")
        colours[scheme] = page.evaluate(
            "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
        )
        context.close()
    assert colours["light"] == ["rgb(255, 255, 255)", "rgb(27, 27, 27)"]
    assert colours["dark"] != colours["light"] and colours["dark"][0] not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")


def test_no_page_scrolls_sideways_from_320_to_1280_px(survey):
    wide = {
        f"/{path} at {width} px": found
        for (scheme, path), report in survey.items()
        for width, found in report.overflow.items()
        if found
    }
    assert wide == {}
    assert all(set(report.overflow) == set(WIDTHS) for (scheme, _), report in survey.items() if scheme == "light")


def test_screenshots_of_the_main_kinds_of_page_at_phone_and_desktop_width(survey, surveyed, screenshots):
    expected = {f"{name}-{width}.png" for name in photographed(surveyed).values() for width in PHOTO_WIDTHS}
    assert {p.name for p in screenshots.glob("*.png")} >= expected
    for name in expected:
        assert (screenshots / name).read_bytes().startswith(b"\x89PNG"), name


# --- The writers' editor ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def published_editor(tmp_path_factory):
    """The shipped site built for production with the editor on (ADMIN_SAVE_AS, off by default
    until a center sets up sign-in), served with its _headers: /admin/ under its own policy."""
    from hosting import Host

    from support import copy_project, run_pelican

    project = copy_project(tmp_path_factory.mktemp("editor") / "site")
    with open(project / "publishconf.py", "a") as conf:
        conf.write('\nADMIN_SAVE_AS = "admin"\n')
    host = Host(project / "output")
    result = run_pelican(
        project / "publishconf.py", project / "output", content=project / "content", env={"SITEURL": host.url}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with host:
        yield host.url


@pytest.mark.parametrize("scheme", PASSES)
def test_the_editors_sign_in_page_passes_axe(browser, published_editor, scheme):
    """/admin/ as anyone who opens it sees it: Decap's sign-in screen, inside the page's own
    landmark and heading (mep_kit.outputs.editor). The editor's screens after sign-in are Decap's own
    interface and are not held to this check (README, "Editing in the browser")."""
    context = browser.new_context(color_scheme=scheme, viewport=PASSES[scheme])
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{published_editor}/admin/")
    login = page.get_by_role("button", name="Login with GitHub")
    login.wait_for(timeout=30_000)
    page.wait_for_function("document.fonts.ready.then(() => true)")
    violations = page.evaluate(AXE_JS, AXE_TAGS)
    landmarks = page.evaluate(
        "[document.querySelectorAll('main, [role=main]').length, document.querySelectorAll('h1').length]"
    )
    focus = page.evaluate(FOCUS_JS)
    context.close()
    assert violations == []
    assert landmarks == [1, 1], "one main landmark, one level-one heading"
    assert focus["count"] >= 1 and focus["problems"] == [], focus
    # Decap looks for decap-server at localhost:8081 when the page is on this machine; that
    # connection is refused here. Nothing else may fail, least of all the page's policy.
    assert [p for p in problems if "ERR_CONNECTION_REFUSED" not in p] == [], problems


# --- Layout shift and print --------------------------------------------------------------------

CLS_OBSERVER = """window.layoutShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
}).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("width, height", [(375, 667), (412, 823), (1280, 800)])
def test_the_search_page_does_not_shift_as_its_script_loads_and_shows_results(browser, published, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(CLS_OBSERVER)
    page = context.new_page()
    shifts = {}
    for path in ["search/", SEARCH_WITH_RESULTS, "search/?service=Workforce+Development"]:
        page.goto(f"{published.siteurl}/{path}")
        if "?" in path:
            page.locator(".search__result").first.wait_for()
        page.wait_for_function(
            "document.querySelector('.search__status') !== null && document.readyState === 'complete'"
        )
        page.evaluate("new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
        shifts[path] = page.evaluate("window.layoutShift")
    context.close()
    assert all(shift < 0.01 for shift in shifts.values()), shifts  # Lighthouse's "good" is below 0.1


@pytest.mark.parametrize("path", ["harbor-gearworks/", "how-the-network-works/"])
def test_a_post_prints_without_navigation_banner_or_recent_posts_and_shows_link_addresses(
    browser, published, screenshots, path
):
    context = browser.new_context(color_scheme="dark")  # print uses the light palette whatever the screen's
    page = context.new_page()
    page.goto(f"{published.siteurl}/{path}")
    assert page.locator(".site-nav").is_visible() and page.locator(".site-aside").is_visible()
    page.emulate_media(media="print")
    for hidden in [
        ".skip-link",
        ".site-nav",
        ".banner",
        ".breadcrumbs",
        ".site-aside",
        ".post-nav",
        ".site-footer__more",
    ]:
        assert not page.locator(hidden).first.is_visible(), f"{path}: {hidden} is printed"
    assert page.locator("main h1").is_visible() and page.locator(".post__body").is_visible()
    links = page.evaluate("""() => [...document.querySelectorAll('main a[href^="http"]')].filter(a => a.checkVisibility())
        .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
    assert links, f"{path} has links in its text"
    assert all(after == f'" ({href})"' for href, after in links), links
    colours = page.evaluate(
        "[getComputedStyle(document.body).color, getComputedStyle(document.querySelector('.post__body p')).color]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(0, 0, 0)"], colours
    page.pdf(path=screenshots / f"print-{path.strip('/')}.pdf")
    context.close()
