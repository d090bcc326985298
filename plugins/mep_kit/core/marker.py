"""``N_``: the gettext convention for a message declared in one place and translated in
another (a label in a table, a choice of the schema). It marks the message for the catalog
(Babel extracts ``N_("...")`` as it does ``gettext("...")``) and returns it as it is; the
code that shows it asks the build's language for its translation
(:meth:`mep_kit.languages.Language.gettext`).

A module of its own, importing nothing, so that any module of the plugin may mark its words
without importing Babel or the catalogs."""


def N_(message: str) -> str:
    return message
