"""A center that writes in Spanish (tests/spanish_center: DEFAULT_LANG = "es", and its identity
block, service lines and menu in Spanish, nothing of the kit changed), published: every page
is in Spanish, and none of the theme's and the plugin's English words is left on any page, in
any feed or calendar, or on the cards; dates, times, numbers and money are said in Spanish
(Babel); the search page and its index are Spanish; its case study with an English
translation links to it, and back; and every page is valid HTML (the Nu HTML Checker; the
browser tier surveys the same site: tests/browser/test_every_page.py).

The English words looked for are the kit's own: the English of every message of the catalog
(the parts of it the Spanish does not keep, such as "Recent Posts", "min read", "Talk to"),
and Babel's English months, days and "a.m." and "p.m."."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import icalendar
import pytest
from babel import Locale

from mep_kit.languages import catalogs
from support import BEFORE, INVALID_HTML, ROOT, Site, copy_project, epoch, invoke, text_of, vnu_errors

SPANISH = ROOT / "tests" / "spanish_center"
SITEURL = "https://isla-ejemplo.example"
PLACEHOLDER = re.compile(r"%\(\w+\)s|<[^>]+>")
#: What the ends of a piece of a message may hold besides its words.
EDGES = " \t\n.,:;·–—()“”«»\"'?!"
#: Attributes whose text a reader meets (screen readers, tooltips, search results, share
#: previews), and the search page's words for its script.
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "value")
#: The <meta> a share preview or a search result shows as text.
READ_META = (
    'meta[name="description"], meta[property="og:site_name"], meta[property="og:title"], meta[property="og:description"], '
    'meta[property="og:image:alt"], meta[name="twitter:title"], meta[name="twitter:description"], meta[name="twitter:image:alt"]'
)


def english_words() -> list[str]:
    """The kit's English words: each message of the catalog split at its placeholders and
    markup, less the pieces its Spanish keeps (a name such as "Atom", a number); then Babel's
    English months and days, and the kit's "a.m." and "p.m."."""
    words = set()
    for message in catalogs.read("es"):
        if not message.id:
            continue
        english = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        spanish = " ".join(message.string if isinstance(message.string, (list, tuple)) else (message.string,))
        for text in english:
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(EDGES)
                kept = re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", spanish) if piece else True
                if len(re.findall(r"[A-Za-z]", piece)) >= 4 and not kept:
                    words.add(piece)
    english = Locale("en")
    words |= {*english.months["format"]["wide"].values(), *english.days["format"]["wide"].values(), "a.m.", "p.m."}
    return sorted(words)


ENGLISH = english_words()
FOUND = re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in sorted(ENGLISH, key=len, reverse=True)))


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory) -> Site:
    """A copy of the kit with the Spanish-speaking center's settings and content, published
    (`invoke preview`: Pelican, then the search index) as on support.BEFORE: its workshop is
    the next event, its webinar past."""
    project = copy_project(tmp_path_factory.mktemp("spanish") / "site", site=SPANISH)
    result = invoke(project, "preview", SITEURL=SITEURL, SOURCE_DATE_EPOCH=epoch(BEFORE))
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(project / "output", result.stdout + result.stderr, result.returncode, SITEURL)


def readers_text(soup) -> str:
    """Everything of a page a reader meets, less what is marked as another language than
    Spanish (an English translation's own words, and the link to it, "Read in English")."""
    for element in soup.select("[lang]"):
        if element.name != "html" and not element["lang"].startswith("es"):
            element.decompose()
    parts = [text_of(soup.select_one("title")), text_of(soup.select_one("body"))]
    parts += [str(element[name]) for name in READ_ATTRIBUTES for element in soup.select(f"body [{name}]")]
    parts += [meta["content"] for meta in soup.select(READ_META)] + [
        link["title"] for link in soup.select("link[title]")
    ]
    parts += [
        value
        for element in soup.select(".search__status")
        for name, value in element.attrs.items()
        if name.startswith("data-")
    ]
    return "\n".join(parts)


def test_the_english_words_are_the_kits_own(spanish_site):
    assert len(ENGLISH) > 150
    assert {
        "Recent Posts",
        "Show More",
        "Case study",
        "Client",
        "Reading time",
        "Related case studies",
        "Older",
        "Newer",
        "Talk to",
        "More ways to reach us",
        "min read",
        "Published",
        "February",
        "Wednesday",
        "Searching…",
        "results for",
        "recent posts",
        "upcoming events",
        "Details",
        "Register",
        "Free",
        "Online",
        "as of",
        "more than",
    } <= set(ENGLISH)


def test_every_page_is_in_spanish_with_none_of_the_themes_english_words(spanish_site):
    pages = spanish_site.pages()
    assert len(pages) >= 20 and "en/talleres-del-norte/index.html" in pages and "404.html" in pages
    found = {}
    for relative, soup in pages.items():
        assert soup.html["lang"] == "es", relative
        words = sorted(set(FOUND.findall(readers_text(soup))))
        if words:
            found[relative] = words
    assert found == {}


def test_no_feed_or_calendar_says_a_word_of_english(spanish_site):
    feeds = sorted(path for path in (spanish_site.output / "feeds").rglob("*") if path.is_file())
    calendars = sorted(spanish_site.output.rglob("*.ics"))
    assert len(feeds) >= 6 and len(calendars) >= 3
    found = {}
    for path in feeds:
        if path.suffix == ".json":
            text = json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
        elif path.suffix == ".xml":
            text = path.read_text(encoding="utf-8")
            assert re.search(r'xml:lang="es"|<language>es</language>', text), path.name
        else:
            continue
        found[path.name] = sorted(set(FOUND.findall(text)))
    for path in calendars:  # what a calendar application shows of each event, and the calendar's name
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        shown = [str(calendar.get(name, "")) for name in ("NAME", "X-WR-CALNAME")]
        shown += [
            str(event.get(name, ""))
            for event in calendar.walk("VEVENT")
            for name in ("SUMMARY", "DESCRIPTION", "LOCATION")
        ]
        found[path.name] = sorted(set(FOUND.findall("\n".join(shown))))
    assert {name: words for name, words in found.items() if words} == {}
    assert "Detalles: " in (spanish_site.output / "feeds" / "events.ics").read_text(encoding="utf-8")


def test_the_cards_say_their_metric_in_spanish(spanish_site):
    """A post's card in the lists, and the card drawn for sharing it, which says the same."""
    from mep_kit.content.figures import Figure, Source
    from mep_kit.images.site import SiteImages

    home = spanish_site.soup("")
    metrics = [text_of(p).strip() for p in home.select(".card__metric")]
    assert "250.000 US$ en ahorro de costos" in metrics and "1,2 millones US$ en ventas nuevas o retenidas" in metrics
    figure = Figure(
        key="cost-savings",
        value=250000,
        unit="USD",
        label="en ahorro de costos",
        scope="center",
        source=Source("case-study", "MEP Isla Ejemplo", "x"),
        qualifier="more than",
    )
    post = SimpleNamespace(title="Talleres del Norte", headline_metric=figure, settings={"DEFAULT_LANG": "es"})
    assert SiteImages._card_text(post)[1].replace("\xa0", " ") == "más de 250.000 US$ en ahorro de costos"


def test_dates_times_numbers_and_money_are_said_in_spanish(spanish_site):
    explainer = spanish_site.soup("que-es-mep/")
    assert "11 de febrero de 2026" in text_of(explainer.select_one(".post__date"))
    event = text_of(spanish_site.soup("events/taller-de-calidad-para-la-planta/").select_one("main"))
    assert (
        "del miércoles, 20 de enero de 2027, 9:00, al jueves, 21 de enero de 2027, 16:00 (hora del Atlántico)" in event
    )
    assert "149,50 US$" in event and "Presencial" in event
    past = text_of(spanish_site.soup("events/").select_one("main"))
    assert "martes, 5 de enero de 2027, de 11:00 a 12:00 (hora del Atlántico)" in past and "En línea · Gratis" in past
    home = text_of(spanish_site.soup("").select_one("main"))
    assert (
        "más de 3,5 millones US$" in home
        and "33.000" in home
        and "al 14 de enero de 2025" in home
        and "año fiscal 2025" in home
    )
    assert [data["value"] for data in spanish_site.soup("").select(".impact data")] == ["85", "3500000", "33000"], (
        "the values stay exact"
    )


def test_the_search_page_and_its_index_are_spanish(spanish_site):
    status = spanish_site.soup("search/").select_one(".search__status")
    assert status["data-searching"] == "Buscando…" and status["data-results-other"] == "{num} resultados para «{query}»"
    assert status["data-none"].startswith("No hay resultados para «{query}»")
    entry = json.loads((spanish_site.output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["es"], "Pagefind stems by the pages' language"
    box = spanish_site.soup("search/").select_one('input[name="kind"]')
    assert box["value"] == "Eventos"
    assert (
        spanish_site.soup("events/taller-de-calidad-para-la-planta/").select_one("[data-pagefind-filter^=kind]")[
            "data-pagefind-filter"
        ]
        == "kind:Eventos"
    )


def test_the_case_study_and_its_english_translation_link_to_each_other(spanish_site):
    original, english = spanish_site.soup("talleres-del-norte/"), spanish_site.soup("en/talleres-del-norte/")
    link = original.select_one(".translations a")
    assert (text_of(link), link["hreflang"], link["lang"], link["href"]) == (
        "Read in English",
        "en",
        "en",
        f"{SITEURL}/en/talleres-del-norte/",
    )
    back = english.select_one(".translations a")
    assert (text_of(back), back["hreflang"], back["href"]) == (
        "Leer en español",
        "es",
        f"{SITEURL}/talleres-del-norte/",
    )
    for soup in (original, english):
        assert {a["hreflang"]: a["href"] for a in soup.select("head link[hreflang]")} == {
            "es": f"{SITEURL}/talleres-del-norte/",
            "en": f"{SITEURL}/en/talleres-del-norte/",
        }
    assert (
        english.select_one(".post__body")["lang"] == "en"
        and text_of(english.select_one(".post__kicker")) == "Caso de éxito"
    )


def test_every_page_is_valid_html(spanish_site, tmp_path):
    known_bad = tmp_path / "known-bad.html"
    known_bad.write_text(INVALID_HTML, encoding="utf-8")
    errors = vnu_errors([spanish_site], [*spanish_site.html_files(), known_bad])
    assert len(errors.pop(known_bad.name, [])) >= 2, "the checker reports the known-bad page's errors"
    assert errors == {}
