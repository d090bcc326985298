"""The site's language in the theme's Jinja environments: Jinja's own i18n extension with the
kit's catalog, and the formats of the language as filters.

:func:`install` gives an environment (each of Pelican's generators has its own, and the
plugin renders with the first one's):

* ``_()``, ``gettext()``, ``ngettext()`` and ``{% trans %}`` blocks, "new style": a message's
  ``%(name)s`` placeholders are filled in by Jinja, each value escaped like any other (the
  translation itself is the kit's, and may hold markup), and whitespace in ``{% trans %}``
  blocks is trimmed (the catalog holds each message on one line);
* the filters ``figure_text``, ``figure_qualifier``, ``figure_phrase``, ``figure_period`` (a
  figure of the registry or a case study's metric, :class:`~mep_kit.content.figures.Figure`) and
  ``number``;
* ``plural_samples()``: a number of each of the language's plural categories, for the forms
  of a count that the search page gives its script (``theme/templates/search.html``);
* the filter ``read_in``: a language code (a post's ``lang``) as the link to the post in that
  language, in that language ("Leer en español": ``partials/translations.html``).
"""

from __future__ import annotations

from jinja2.ext import InternationalizationExtension

from .words import Language, language

EXTENSION = "jinja2.ext.i18n"


def install(env, site: Language) -> None:
    """The i18n extension, the catalog of ``site`` (the site's language) and its filters."""
    if not any(isinstance(extension, InternationalizationExtension) for extension in env.extensions.values()):
        env.add_extension(EXTENSION)
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(site.translations, newstyle=True)
    env.filters.update(
        figure_text=site.figure_text,
        figure_qualifier=site.figure_qualifier,
        figure_phrase=site.figure_phrase,
        figure_period=site.figure_period,
        number=site.number,
        read_in=lambda code: language(code).read_in(),
    )
    env.globals["plural_samples"] = site.plural_samples
