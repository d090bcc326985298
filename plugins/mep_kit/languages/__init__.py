"""Languages: every word of the theme and the plugin in the site's language.

A site is in the language of ``DEFAULT_LANG`` (English unless the center says otherwise; the
check refuses a language the kit has no catalog of, naming those it has). Everything a reader
sees that is not the center's own (its settings, its content) is the kit's, written in
English and translated through gettext catalogs, the Python ecosystem's convention:

* :mod:`~mep_kit.languages.catalogs`: the catalogs (``catalogs/<lang>/LC_MESSAGES/messages.po``),
  compiled in memory when a build starts, and the messages Babel extracts from the templates,
  the plugin and the search script (``babel.cfg``; ``invoke translations`` updates the
  catalogs);
* :mod:`~mep_kit.languages.words`: a :class:`~mep_kit.languages.words.Language`, the site's
  words and its formats: dates, times, numbers and money from Babel (CLDR), the figures'
  text and period;
* :mod:`~mep_kit.languages.jinja`: Jinja's i18n extension with the catalog in the theme's
  environments, and the formats as filters;
* :mod:`~mep_kit.core.marker`: ``N_()``, which marks a message where it is declared.

What the check and the build say to writers (``file:line: message``) stays English: it is the
kit's tooling, not the site.
"""

from ..core.marker import N_

__all__ = ["N_"]
