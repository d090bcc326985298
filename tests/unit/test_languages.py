"""mep_kit.languages: every word of the theme, the plugin and the search script in each shipped
catalog; the site's language from the settings; dates, numbers and plurals from Babel; the
search script's words; a translation's link text; and words that stay text once translated."""

from __future__ import annotations

import ast
import datetime
import re
import shutil

import pytest
from bs4 import BeautifulSoup

from mep_kit import settings as kit_settings
from mep_kit.languages import catalogs
from mep_kit.languages.words import language
from support import ROOT, theme_env

SHIPPED = catalogs.available()[1:]


@pytest.fixture(scope="module")
def extracted():
    """The kit's messages, as Babel extracts them from the templates, the plugin and the
    search script (babel.cfg)."""
    return catalogs.extract(ROOT)


def test_the_extraction_reads_the_templates_and_the_plugin(extracted):
    places = {location.split("/", 1)[0] for message in extracted for location, _ in message.locations}
    assert places == {"plugins", "theme"}
    files = {location for message in extracted for location, _ in message.locations}
    assert {
        "theme/templates/partials/search_status.html",
        "theme/templates/base.html",
        "plugins/mep_kit/content/event_times.py",
    } <= files
    ids = {message.id if isinstance(message.id, str) else message.id[0] for message in extracted}
    assert {"Recent Posts", "Free", "Searching…", "%(num)s result for “%(query)s”"} <= ids
    assert not any("decap" in location for message in extracted for location, _ in message.locations), (
        "the vendored editor is not the kit's words"
    )


def test_spanish_ships_and_a_language_is_a_catalog():
    assert SHIPPED == ("es",)
    assert catalogs.available() == ("en", "es"), "English is the source language: its words are the messages"


@pytest.mark.parametrize("code", SHIPPED)
def test_no_string_left_behind_every_message_is_in_the_catalog_translated(extracted, code):
    """What the kit extracts now is exactly the catalog's messages: none missing (a word a
    reader would see in English), none left over; every one translated, none fuzzy, and each
    translation's placeholders those of its message (Babel's checks)."""
    catalog = catalogs.read(code)
    wanted = {message.id for message in extracted if message.id}
    held = {message.id for message in catalog if message.id}
    assert sorted(map(str, wanted - held)) == [], (
        f"missing from the {code} catalog: run `invoke translations` and translate them"
    )
    assert sorted(map(str, held - wanted)) == [], (
        f"in the {code} catalog but no longer in the kit: run `invoke translations`"
    )
    untranslated = [
        message.id for message in catalog if message.id and (message.fuzzy or not catalogs.translated(message))
    ]
    assert untranslated == []
    assert [(message.id, [str(error) for error in errors]) for message, errors in catalog.check()] == []


@pytest.mark.parametrize("code", SHIPPED)
def test_the_shipped_catalog_is_as_invoke_translations_writes_it(tmp_path, code):
    """Running `invoke translations` on the kit as it is changes nothing: the catalog is in
    step with the kit's messages, byte for byte."""
    folder = tmp_path / "catalogs"
    shutil.copytree(catalogs.FOLDER, folder)
    assert catalogs.update(ROOT, folder=folder) == {code: (len([m for m in catalogs.read(code) if m.id]), 0)}
    assert catalogs.catalog_path(code, folder).read_bytes() == catalogs.catalog_path(code).read_bytes()


def test_a_language_without_a_catalog_is_a_settings_error_naming_the_languages_available():
    def about_the_language(settings):
        problems = kit_settings.validate(
            settings, lambda key: ("pelicanconf.py", 30 if key == "DEFAULT_LANG" else None)
        )
        return [str(problem) for problem in problems if "DEFAULT_LANG" in problem.message]

    assert about_the_language({"DEFAULT_LANG": "fr"}) == [
        "pelicanconf.py:30: DEFAULT_LANG: no catalog of the theme's words in 'fr'; expected one of: en, es (a region may follow, such as "
        'es-PR); a new language is a catalog in plugins/mep_kit/languages/catalogs/ (README, "A site in another language")'
    ]
    assert about_the_language({"DEFAULT_LANG": "es-XX"}) == [
        "pelicanconf.py:30: DEFAULT_LANG: 'es-XX' is not a language code; expected one of: en, es (a region may follow, such as es-PR)"
    ]
    assert (
        about_the_language({"DEFAULT_LANG": "es"})
        == about_the_language({"DEFAULT_LANG": "es-PR"})
        == about_the_language({})
        == []
    )


def test_a_region_speaks_its_languages_catalog_with_its_own_dates_and_numbers():
    """Puerto Rico's Spanish (es-PR): the Spanish catalog's words, and Babel's formats for Puerto
    Rico, where a dollar amount reads "$1,200.50", not Spain's "1.200,50 US$"."""
    from decimal import Decimal

    puerto_rico, spain = language("es-PR"), language("es")
    assert puerto_rico.has_catalog and puerto_rico.gettext("Recent Posts") == "Publicaciones recientes"
    assert puerto_rico.date(datetime.date(2026, 2, 11)) == "11 de febrero de 2026"
    assert (puerto_rico.money(Decimal("1200.50")), spain.money(Decimal("1200.50")).replace("\xa0", " ")) == (
        "$1,200.50",
        "1.200,50 US$",
    )
    assert puerto_rico.number(107100) == "107,100" and puerto_rico.read_in() == "Leer en español (Puerto Rico)"


def test_dates_and_numbers_are_babels_in_the_sites_language():
    english, spanish = language("en"), language("es")
    day = datetime.date(2026, 2, 11)
    assert (english.date(day), spanish.date(day)) == ("February 11, 2026", "11 de febrero de 2026")
    assert (english.day(day), spanish.day(day)) == ("Wednesday, February 11, 2026", "miércoles, 11 de febrero de 2026")
    assert (english.number(107100), spanish.number(107100)) == ("107,100", "107.100")
    assert english.plural_samples() == {"one": 1, "other": 0}
    assert spanish.plural_samples() == {"many": 1000000, "one": 1, "other": 0}


def test_the_search_page_gives_its_script_every_word_and_each_plural_form_from_the_catalog(extracted):
    """The search script has no words of its own: it reads each from its page's status line
    (data-*), rendered from the catalog, a count's form by its plural category."""
    script = (ROOT / "theme" / "static" / "js" / "search.js").read_text(encoding="utf-8")
    assert not [message.id for message in extracted if any(path.endswith(".js") for path, _ in message.locations)]
    read = set(re.findall(r'say\("(\w+)"', script)) | {"resultsOther"}
    assert read == {"searching", "none", "failed", "resultsOther"}
    for code, one, other in (
        ("en", "{num} result for “{query}”", "{num} results for “{query}”"),
        ("es", "{num} resultado para «{query}»", "{num} resultados para «{query}»"),
    ):
        env = theme_env(code)
        line = BeautifulSoup(
            str(env.get_template("partials/search_status.html").module.status_line()), "html.parser"
        ).select_one(".search__status")
        names = {
            re.sub(r"-(\w)", lambda m: m.group(1).upper(), name.removeprefix("data-"))
            for name in line.attrs
            if name.startswith("data-")
        }
        assert read <= names, read - names
        assert (line["data-results-one"], line["data-results-other"]) == (one, other)
    assert line["data-searching"] == "Buscando…" and line["data-results-many"] == "{num} de resultados para «{query}»"


def test_what_a_translation_puts_around_the_centers_words_keeps_them_text():
    """The catalog's words are markup the kit trusts; the values put into them (a center's
    name, a phone number, an event's title) are escaped like any other."""
    env = theme_env("es")
    center = {"name": "<script>alert(1)</script> & Co", "state": "<b>Estado</b>", "phone": "555-0100"}
    html = env.get_template("partials/contact_block.html").render(CENTER=center, SITEURL="")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("b") is None
    assert soup.find("h2").get_text() == "Hable con <script>alert(1)</script> & Co"
    assert "fabricantes de <b>Estado</b>." in soup.find("p").get_text()


def test_the_link_to_a_translation_is_said_in_the_translations_language():
    """ "Leer en español" on the English post, "Read in English" on the Spanish one: whoever
    reads the language finds it; a language the kit has no catalog of is named in itself."""
    assert (language("es").read_in(), language("en").read_in(), language("fr").read_in()) == (
        "Leer en español",
        "Read in English",
        "Français",
    )
    assert (
        theme_env("en").from_string("{{ 'es'|read_in }} / {{ 'en'|read_in }}").render()
        == "Leer en español / Read in English"
    )


def plugin_imports() -> dict[str, set[str]]:
    """Each module of the plugin (``mep_kit.x.y``) -> the plugin's modules it imports when it is
    imported (its top level; a function's own imports run later, when it is called)."""
    plugin = ROOT / "plugins" / "mep_kit"
    found = {}
    for path in plugin.rglob("*.py"):
        parts = ["mep_kit", *path.relative_to(plugin).with_suffix("").parts]
        package = parts[:-1]  # the package a relative import starts from
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        imported = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
                imported |= {f"{target}.{alias.name}" for alias in node.names} | {target}
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names if alias.name.startswith("mep_kit")}
        found[name] = imported
    return {name: imported & set(found) for name, imported in found.items()}  # modules, not the names they hold


def test_the_languages_package_stands_on_the_core_alone():
    """mep_kit.languages (catalogs, words, formatting) imports nothing of the plugin but its own
    modules and mep_kit.core, so every other layer may use it without an import going up and
    round; the modules of the core mark their words with N_() (mep_kit.core.marker, which
    imports nothing)."""
    imports = plugin_imports()
    languages = {name for name in imports if name.startswith("mep_kit.languages")}
    assert {"mep_kit.languages.words", "mep_kit.languages.formatting", "mep_kit.languages.catalogs"} <= languages
    for module in languages:
        outside = {name for name in imports[module] if not name.startswith(("mep_kit.languages", "mep_kit.core"))}
        assert outside == set(), f"{module} imports {outside}"
    for module in (name for name in imports if name.startswith("mep_kit.core")):
        assert not {name for name in imports[module] if name.startswith("mep_kit.languages")}, module
    assert imports["mep_kit.core.marker"] == set()
