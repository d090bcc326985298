"""mep_kit: the MEP center site's Pelican plugin.

Pelican calls :func:`register`, which connects the handlers of :mod:`mep_kit.plugin`. Importing
the package loads nothing else: the invoke side (:mod:`mep_kit.tools`) starts without loading
Pelican, Markdown or Pillow.
"""

from __future__ import annotations

__all__ = ["ContentError", "Figure", "Problem", "register"]


def register():
    from .plugin import register as connect

    connect()


def __getattr__(name):
    """The plugin's public names (``mep_kit.Problem``, ...), loaded when first asked for."""
    if name in __all__:
        from . import plugin

        return getattr(plugin, name)
    raise AttributeError(f"module 'mep_kit' has no attribute {name!r}")
