"""The kit's catalogs: the words the theme and the plugin show readers, in every language the
kit speaks besides English, its source language.

A catalog is a gettext PO file, ``catalogs/<lang>/LC_MESSAGES/messages.po`` beside this module
(gettext's own layout, which ``pybabel`` reads too). Its messages are the English of the
templates (``{% trans %}`` blocks, ``_()``), of the plugin (``gettext()``, ``ngettext()``
and ``N_()``) and of the search page's script (``_()``, ``ngettext()``), as Babel extracts
them with ``babel.cfg`` (:func:`extract`); ``invoke translations`` adds the new ones to every
catalog and drops those no longer used (:func:`update`).

No compiled ``.mo`` file is kept: when a build first asks for a language, its catalog is
read and compiled in memory (Babel's ``read_po`` and ``write_mo``, untranslated and fuzzy
messages left out), so there is nothing to forget to recompile, and what a build shows
depends on the ``.po`` file alone (the plugin's folder, this one included, is part of the
read cache's key: :func:`mep_kit.content.readahead.recipe`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations

#: The language the kit is written in: every message is its own English.
SOURCE = "en"
DOMAIN = "messages"
FOLDER = Path(__file__).with_name("catalogs")
#: What Babel extracts, and how (paths from the kit's folder: theme/ and plugins/).
MAPPING = Path(__file__).with_name("babel.cfg")
#: The kit's folder: the one that holds theme/ and plugins/.
KIT = Path(__file__).resolve().parents[3]
#: The folders of the kit the messages come from (nothing else is walked).
SOURCES = ("plugins", "theme")
#: Comments above a message that go to the catalog with it, for whoever translates it.
COMMENT_TAGS = ("Translators:",)
PROJECT = "MEP center website kit"


def catalog_path(code: str, folder: Path = FOLDER) -> Path:
    return Path(folder) / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def available(folder: Path = FOLDER) -> tuple[str, ...]:
    """The languages a site may be in: English, and every language with a catalog."""
    found = (
        sorted(entry.name for entry in Path(folder).iterdir() if catalog_path(entry.name, folder).is_file())
        if Path(folder).is_dir()
        else []
    )
    return (SOURCE, *(code for code in found if code != SOURCE))


def catalog_of(code: str, folder: Path = FOLDER) -> str | None:
    """The language whose catalog a site in ``code`` speaks: its own, else its language's
    without the region (``es-PR``, Puerto Rico's Spanish, speaks ``es``: the words are the
    same, the dates and numbers Babel's for the region); None when there is none."""
    found = available(folder)
    for candidate in (code, code.replace("_", "-").split("-", 1)[0]):
        if candidate in found:
            return candidate
    return None


def read(code: str, folder: Path = FOLDER) -> Catalog:
    with open(catalog_path(code, folder), "rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


@lru_cache(maxsize=16)
def _compiled(path: str, modified: int, code: str) -> Translations:
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def translations(code: str, folder: Path = FOLDER) -> NullTranslations:
    """The gettext translations of ``code`` (a language with a catalog: :func:`catalog_of`):
    English's are the messages themselves; another's, its catalog compiled in memory (once,
    and again when the file changes, as while a writer's live preview runs)."""
    code = catalog_of(code, folder) or code
    if code == SOURCE:
        return NullTranslations()
    path = catalog_path(code, folder)
    return _compiled(str(path), os.stat(path).st_mtime_ns, code)


# --- the messages of the kit, and keeping the catalogs up to date ----------------------------


def method_map(mapping: Path = MAPPING) -> tuple[list, dict]:
    with open(mapping, encoding="utf-8") as handle:
        return parse_mapping_cfg(handle, str(mapping))


def extract(root: Path = KIT, mapping: Path = MAPPING) -> Catalog:
    """Every message of the kit under ``root`` (its theme and plugin), as a template catalog."""
    methods, options = method_map(mapping)
    template = Catalog(project=PROJECT, domain=DOMAIN, fuzzy=False)
    top = os.path.abspath(root)

    def wanted(path: str) -> bool:  # the kit's own folders only, never output/ or .cache/
        relative = os.path.relpath(path, top)
        return relative.split(os.sep, 1)[0] in SOURCES and not os.path.basename(path).startswith((".", "_"))

    for filename, line, message, comments, context in extract_from_dir(
        str(root),
        methods,
        options,
        keywords=DEFAULT_KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
        directory_filter=wanted,
    ):
        template.add(message, None, [(filename.replace(os.sep, "/"), line)], auto_comments=comments, context=context)
    return template


def write(catalog: Catalog, path: Path) -> None:
    """A catalog as a PO file: its messages in the order of the files they come from, with the
    file (not the line, which moves with every edit) each is found in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, ignore_obsolete=True)
    path.write_bytes(out.getvalue())


def update(root: Path = KIT, add: Iterable[str] = (), folder: Path = FOLDER) -> dict[str, tuple[int, int]]:
    """Bring every catalog (and a new one for each language of ``add``) to the messages the kit
    has now: new messages added untranslated, messages no longer used dropped. Returns, for
    each language, (messages, untranslated or fuzzy ones)."""
    template = extract(root)
    report = {}
    for code in dict.fromkeys([*available(folder)[1:], *add]):
        path = catalog_path(code, folder)
        catalog = read(code, folder) if path.is_file() else new_catalog(code)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        write(catalog, path)
        messages = [message for message in catalog if message.id]
        report[code] = (len(messages), sum(1 for message in messages if message.fuzzy or not translated(message)))
    return report


def new_catalog(code: str) -> Catalog:
    """An empty catalog of ``code``, its plural rule from Babel (CLDR)."""
    language = Locale.parse(code, sep="-").get_display_name("en")
    header = (
        f"# {language} words of the {PROJECT}: the theme's and the plugin's, as readers see them.\n"
        '# Kept in step with the kit\'s messages by `invoke translations` (README, "A site in another language").'
    )
    return Catalog(
        locale=code,
        domain=DOMAIN,
        project=PROJECT,
        fuzzy=False,
        header_comment=header,
        last_translator="",
        language_team=language,
    )


def translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)
