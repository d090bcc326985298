"""The kit's writer: Pelican's own, handed to Pelican through the ``get_writer`` signal, with
two things added.

* When Pelican makes it, everything is read, checked and planned: the theme's assets every
  template names are written then, once, whether or not a page that names them is rendered
  (a page kept from an earlier build is not: :mod:`mep_kit.outputs.render_cache`).
* Each page's template goes through the build's :class:`~mep_kit.outputs.render_cache.RenderCache`,
  so a page whose inputs did not change is taken from ``.cache/render`` instead of rendered.
* Under ``make serve`` (``state.Build.body_outputs`` set), each page given a post, page or event
  of its own, and each feed, is noted with the items whose body it shows
  (:func:`note_body_output`): a body edit then writes exactly those files again
  (:mod:`mep_kit.tools.incremental`).

Pages are written by the build's one process, in Pelican's order.
"""

from __future__ import annotations

from pelican.contents import Content
from pelican.writers import Writer

from ..core import state


class SiteWriter(Writer):
    """Pelican's writer, rendering through the build's page cache."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        build = state.current_or_none()
        if build is not None:
            build.writer = self
            assets = build.generators[0].context.get("asset_url") if build.generators else None
            if hasattr(assets, "prepare") and not build.check_only:
                assets.prepare(build.env)

    def write_file(self, name, template, context, *args, **kwargs):
        build = state.current_or_none()
        if build is not None and build.body_outputs is not None:
            # The context itself, not a copy: Pelican's writer sets ``localsiteurl`` in it for
            # the bodies it renders (their links are relative to the page written).
            shown = [value for value in kwargs.values() if isinstance(value, Content)]
            note_body_output(build, shown, lambda writer: writer.write_file(name, template, context, *args, **kwargs))
        if build is not None and build.render_cache is not None:
            template = build.render_cache.wrap(template)  # rendered only if not kept
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        elements = site_language_only(elements)
        build = state.current_or_none()
        if build is not None and build.body_outputs is not None:
            note_body_output(
                build, elements, lambda writer: writer.write_feed(elements, context, path, *args, **kwargs)
            )
        return super().write_feed(elements, context, path, *args, **kwargs)


def note_body_output(build, items, write) -> None:
    """Note ``write(writer)``, which writes a file again into ``writer``'s folder, as a file
    that shows the body of each of ``items`` (see ``state.Build.body_outputs``)."""
    for item in items:
        build.body_outputs.setdefault(id(item), []).append(write)


def site_language_only(elements):
    """A feed's posts in the site's language: Pelican puts every translation in the feed of all
    posts too, but a feed is a list, and every list shows the site's language (translations
    are linked from their originals). A feed of another language only (Pelican's
    ``TRANSLATION_FEED_ATOM``) is left as it is."""
    elements = list(elements)
    ours = [item for item in elements if getattr(item, "in_default_lang", True)]
    return ours if ours else elements
