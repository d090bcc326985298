"""The site the center ships, as any center's must be: the check finds nothing, the builds warn
of nothing, every figure has its year and source, every link leads somewhere, every page has
one heading and a skip link and loads no script but the search page's, every case study and
service line page shows what its content says, Recent Posts and the feeds list the posts
newest first, and the contact page calls and texts the center. All of it is read from the
center's own settings and content, so it holds for whatever center adopts the kit.

The facts of this center's own content (the seed's figures, its ten case studies) are in
content/data/expected.toml, which goes with the content: the tests of those facts exist only
while it does. These are the only tests (with the browser tier's survey of the shipped site,
marked `site`) that read the center's settings and content."""

from __future__ import annotations

import datetime
import json
import re
import tomllib
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from pelican.utils import slugify

from mep_kit.content.figures import load_registry
from mep_kit.languages.words import language
from mep_kit.tools.check import run_check
from support import PRODUCTION_URL, ROOT, broken_links, front_matter, linked_slugs, recent_list, text_of

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
#: The site's language: the kit's words on its pages are in it (mep_kit.languages).
LANGUAGE = language(SETTINGS.get("DEFAULT_LANG", "en"))
CONTENT = ROOT / "content"
EXPECTED_FILE = CONTENT / "data" / "expected.toml"
EXPECTED = tomllib.loads(EXPECTED_FILE.read_text(encoding="utf-8")) if EXPECTED_FILE.is_file() else {}


def posts() -> list[dict]:
    """The center's published posts (case studies and articles), newest first, ties by slug:
    their front matter, slug and kind."""
    found = []
    for folder, kind in (("case-studies", "case-study"), ("articles", "article")):
        for path in sorted((CONTENT / folder).glob("*.md")):
            meta, _ = front_matter(path)
            if meta.get("status", "published") != "published":
                continue
            slug = meta.get("slug") or slugify(meta["title"], regex_subs=SETTINGS["SLUG_REGEX_SUBSTITUTIONS"])
            found.append({**meta, "slug": slug, "kind": kind, "day": meta["date"][:10]})
    return sorted(found, key=lambda post: (-datetime.date.fromisoformat(post["day"]).toordinal(), post["slug"]))


def service_slug(name: str) -> str:
    return slugify(name, regex_subs=SETTINGS["SLUG_REGEX_SUBSTITUTIONS"])


def test_the_check_finds_no_problem_in_the_centers_content():
    result = run_check(ROOT / "pelicanconf.py", root=ROOT)
    assert result.problems == [], "\n".join(map(str, result.problems))
    markdown_files = sorted(CONTENT.glob("*/*.md"))
    assert len(result.files) == len(markdown_files) + 1  # and the figures registry


def test_the_builds_warn_of_nothing(dev_site, prod_site):
    for site in (dev_site, prod_site):
        assert "WARNING" not in site.log and "ERROR" not in site.log, site.log


def test_every_figure_has_its_year_and_source():
    registry = load_registry(CONTENT / SETTINGS.get("FIGURES_FILE", "data/figures.toml"))
    assert registry, "the center shows figures of its own"
    for key, figure in registry.items():
        assert figure.fiscal_year or figure.as_of, key
        assert figure.source.publisher and figure.source.title, key


def test_every_link_leads_somewhere(dev_site, prod_site):
    assert broken_links(dev_site) == []
    assert broken_links(prod_site) == []


def test_every_page_has_one_h1_and_a_skip_link(dev_site):
    for page in dev_site.html_files():
        soup = dev_site.soup(page.relative_to(dev_site.output).as_posix())
        assert len(soup.find_all("h1")) == 1, page
        assert soup.find("a", href="#main") is not None and soup.find(id="main") is not None, page


def test_only_the_search_page_loads_javascript(dev_site, prod_site):
    """JSON-LD data blocks are not scripts that run; the search page's one script is a file."""
    for site in (dev_site, prod_site):
        for page in site.html_files():
            html = page.read_text(encoding="utf-8")
            code = [
                s
                for s in BeautifulSoup(html, "html.parser").find_all("script")
                if s.get("type") != "application/ld+json"
            ]
            if page == site.path("search/"):
                assert [(s.get("type"), bool(s.get("src")), s.string) for s in code] == [("module", True, None)]
            else:
                assert code == [], page
            assert not re.search(r"\son[a-z]+=", html), page


def test_every_case_study_shows_its_client_date_and_service_lines(dev_site):
    studies = [post for post in posts() if post["kind"] == "case-study"]
    assert studies, "the center publishes case studies"
    for study in studies:
        article = dev_site.soup(f"{study['slug']}/").select_one("main article")
        assert study["client"] in text_of(article), study["slug"]
        assert article.select_one(f'time[datetime^="{study["day"]}"]') is not None, study["slug"]
        hrefs = [a["href"] for a in article.find_all("a", href=True)]
        for service in (name.strip() for name in study["services"].split(",")):
            assert any(f"services/{service_slug(service)}/" in href for href in hrefs), (study["slug"], service)


def test_every_service_line_page_lists_the_case_studies_that_name_it(dev_site):
    for service in SETTINGS["SERVICE_LINES"]:
        soup = dev_site.soup(f"services/{service_slug(service)}/")
        assert service in text_of(soup.select_one("main h1"))
        naming = [
            post["slug"]
            for post in posts()
            if post["kind"] == "case-study" and service in [s.strip() for s in post["services"].split(",")]
        ]
        assert linked_slugs(soup.select_one("main")) == naming, service


def test_recent_posts_on_every_page_are_the_newest_posts(dev_site):
    newest = [post["slug"] for post in posts()][: SETTINGS.get("RECENT_POSTS_COUNT", 10)]
    for page in dev_site.html_files():
        soup = dev_site.soup(page.relative_to(dev_site.output).as_posix())
        own = page.parent.name if page.name == "index.html" else None
        expected = [slug for slug in newest if slug != own]  # a post's own page leaves it out
        assert linked_slugs(recent_list(soup)) == expected, page


def test_the_feeds_list_the_posts_newest_first(prod_site):
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.parse(prod_site.output / "feeds" / "all.atom.xml").getroot().findall(f"{atom}entry")
    expected = [f"{PRODUCTION_URL}/{post['slug']}/" for post in posts()]
    assert [e.find(f"{atom}link").get("href") for e in entries] == expected
    assert len({e.findtext(f"{atom}id") for e in entries}) == len(entries)
    rss = ET.parse(prod_site.output / "feeds" / "all.rss.xml").getroot()
    assert len(rss.findall("channel/item")) == len(expected)
    feed = json.loads((prod_site.output / "feeds" / "recent.json").read_text())
    assert [item["url"] for item in feed["items"]] == expected[: SETTINGS.get("RECENT_POSTS_COUNT", 10)]


def test_the_contact_page_calls_and_texts_the_center(dev_site):
    contact = next(
        path for path in sorted((CONTENT / "pages").glob("*.md")) if front_matter(path)[0].get("template") == "contact"
    )
    soup = dev_site.soup(f"{front_matter(contact)[0]['slug']}/")
    hrefs = {a["href"] for a in soup.select("main a[href]")}
    digits = re.sub(r"\D", "", SETTINGS["CENTER"]["phone"])
    assert f"tel:+1{digits}" in hrefs and f"sms:+1{digits}" in hrefs
    assert SETTINGS["CENTER"]["url"].rstrip("/") in {h.rstrip("/") for h in hrefs}
    for word in EXPECTED.get("contact", {}).get("mentions", []):
        assert word in text_of(soup.select_one("main")).lower()


def first_center_marks() -> list[str]:
    """What identifies the shipped center: name, state, phone (as typed and as dialled),
    web address, and its service lines."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    center = settings["CENTER"]
    digits = re.sub(r"\D", "", center["phone"])
    host = re.sub(r"^https?://", "", center["url"]).strip("/")
    return [center["name"], center["state"], center["phone"], digits, host, *settings["SERVICE_LINES"]]


def test_nothing_of_this_center_comes_from_the_theme_or_the_plugin(published_second):
    """Another center's site (tests/second_center, published) shows none of this center's
    identity: nothing of it is written into the kit."""
    second_site = published_second
    marks = first_center_marks()
    files = [path for path in second_site.output.rglob("*") if path.is_file()]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8", errors="ignore")
        found = [
            mark for mark in marks if re.search(rf"(?<!\w){re.escape(mark)}(?!\w)", text, re.IGNORECASE)
        ]  # as words: "Maine" is not in "mainEntity"
        assert not found, f"{path.relative_to(second_site.output)} shows {found}"


def test_the_daily_rebuild_runs_early_in_the_morning_in_the_centers_zone():
    """Events pass, banners expire and posts dated today appear without a push: the deploy
    workflow runs daily at an hour that is early morning in TIMEZONE, summer and winter."""
    from zoneinfo import ZoneInfo

    from ruamel.yaml import YAML

    (schedule,) = YAML(typ="safe", pure=True).load(ROOT / ".github" / "workflows" / "deploy.yml")["on"]["schedule"]
    minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"] and minute.isdigit() and hour.isdigit(), schedule
    zone = ZoneInfo(SETTINGS["TIMEZONE"])
    for month in (1, 7):
        local = datetime.datetime(2027, month, 14, int(hour), int(minute), tzinfo=datetime.UTC).astimezone(zone)
        assert 3 <= local.hour < 7, f"{schedule['cron']} is {local:%H:%M} in {zone.key} in month {month}"
    assert minute != "0", "not on the hour, when scheduled runs queue longest"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f'cron: "{schedule["cron"]}"' in " ".join(readme.split()), "the README gives the same schedule"
    assert "build hook" in readme and "Cloudflare Pages" in readme


def test_the_404_page_is_written_with_the_site_around_it(dev_site):
    soup = dev_site.soup("404.html")
    assert soup.select_one("main h1") is not None and soup.select_one("nav.site-nav") is not None


# --- the facts of this center's content (content/data/expected.toml, while it exists) -----------

if EXPECTED.get("explainer"):
    EXPLAINER = EXPECTED["explainer"]

    def as_shown(value: str, text: str, qualifier: str) -> tuple[str, str]:
        """A figure of the seed as the site shows it: on an English site, as the seed writes it;
        on a site in another language (DEFAULT_LANG), the same figure of the registry in the
        kit's words for that language (mep_kit.languages), its value the same."""
        if LANGUAGE.code == "en":
            return text, qualifier
        figure = next(
            f
            for f in load_registry(CONTENT / SETTINGS.get("FIGURES_FILE", "data/figures.toml")).values()
            if f.machine_value == value and (f.qualifier or "") == qualifier
        )
        return " ".join(LANGUAGE.figure_text(figure).split()), LANGUAGE.figure_qualifier(figure) or ""

    @pytest.mark.parametrize("value,text,qualifier", EXPLAINER["figures"])
    def test_the_explainer_carries_every_figure_of_the_seed(dev_site, value, text, qualifier):
        soup = dev_site.soup(EXPLAINER["url"])
        data = [d for d in soup.select("main data[value]") if d["value"] == value]
        assert data, f"no <data value={value}> on the explainer"
        text, qualifier = as_shown(value, text, qualifier)
        assert all(text_of(d).strip() == text for d in data)
        if qualifier:
            assert f"{qualifier} {text}" in text_of(soup.select_one("main"))

    def test_the_explainer_states_the_seeds_facts_and_date(dev_site):
        soup = dev_site.soup(EXPLAINER["url"])
        main = text_of(soup.select_one("main"))
        for fact in EXPLAINER["facts"]:
            assert fact in main
        assert soup.select_one("time[datetime]")["datetime"].startswith(EXPLAINER["date"].isoformat())
        callouts = soup.select("main figure.impact")
        assert len(callouts) >= 10
        # Each names the period its figure covers ("FY2023", "as of January 14, 2025", in the
        # site's language) and its source.
        periods = {
            " ".join(LANGUAGE.figure_period(f).split())
            for f in load_registry(CONTENT / SETTINGS.get("FIGURES_FILE", "data/figures.toml")).values()
        }
        for figure in callouts:
            assert figure.select_one("data[value]") is not None and text_of(figure.select_one(".impact__label")).strip()
            caption = text_of(figure.select_one("figcaption"))
            assert any(period in caption for period in periods), caption
            assert LANGUAGE.gettext("Source:") in caption and figure.select_one("figcaption cite")


if EXPECTED.get("case_studies"):
    CASE_STUDIES = EXPECTED["case_studies"]

    def test_the_case_studies_are_the_seeds_newest_first():
        studies = [
            (post["slug"], post["client"], post["day"], [s.strip() for s in post["services"].split(",")])
            for post in posts()
            if post["kind"] == "case-study"
        ]
        assert studies == [(c["slug"], c["client"], c["date"].isoformat(), c["services"]) for c in CASE_STUDIES]
