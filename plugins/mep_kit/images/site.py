"""The site's images in the build: found, checked, processed once, shown as ``<picture>``.

Run once per build when every file is read and the site-wide checks passed
(:func:`mep_kit.plugin.all_generators_finalized`), before anything is written:

* :meth:`SiteImages.collect` finds every image the site shows: the ``Logo:`` and ``Cover:``
  fields, and each ``<img>`` of a rendered body whose address is one of the site's own files
  (Pelican's ``{static}`` links, which it turned into addresses under ``SITEURL``);
* :meth:`SiteImages.process` turns each raster source into its variants
  (:func:`mep_kit.images.cache.process_images`: on every core, cached in
  ``IMAGE_CACHE_PATH``) and checks each SVG (:func:`mep_kit.images.svg.check_svg`; an SVG is served
  as it is). A missing, unsupported, damaged or oversized file, a decompression bomb or an
  SVG with script is a :class:`~mep_kit.core.errors.Problem` on the line of the field, or of the
  body where the image is written;
* under ``invoke check`` (:meth:`SiteImages.check`) nothing is encoded: each raster source's
  header is read and its pixels decoded at 1/8 scale (JPEG), which finds the same faults in
  a fraction of the time, and each SVG is checked;
* every post and page gets a share card (:func:`mep_kit.images.sharecards.share_card`), and the
  lists one card for the site.

Then, as Pelican writes: each body's ``<img>`` becomes a ``<picture>``
(:meth:`SiteImages.rewrite_body`, through ``state.Build.images``, once per post
and ``SITEURL``); templates show covers and logos with ``image_picture(post, field, slot,
SITEURL)`` and the share card with ``share_card(post)``. When Pelican is done,
:meth:`SiteImages.write` copies the variants and cards from the cache into the output. The
source photos themselves (with their GPS positions) are not published: they are taken out of
Pelican's static files, though ``{static}`` links to them still resolve.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from ..content import sources as content_sources
from ..core.errors import Problem
from ..core.forking import processes
from ..core.paths import display_path, link_or_copy
from ..core.progress import Progress, Reported, summary
from ..languages.words import of_settings
from . import cache as image_cache
from . import picture as pictures
from . import pipeline as images
from . import sharecards, svg
from .cache import CachedImage, ImageCache
from .pipeline import ImageError, ImageSettings
from .sharecards import ShareCardStyle

RASTER_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif")
#: ``sizes`` of each slot an image fills (see theme/static/css/site.css): the article
#: column, and the 6rem media column of a card.
SLOT_SIZES = {"page": pictures.DEFAULT_SIZES, "card": "6rem", "logo": "12rem", "header": "16rem"}
#: Where share cards are written, by the hash of their bytes.
CARD_FOLDER = "images/share"


@dataclass(frozen=True)
class Use:
    """One place an image is shown: a post, the field (``cover``, ``logo``, or ``image`` for
    the body), the source (its path under the content folder) and how to find its line."""

    item: object
    field: str
    name: str
    needles: tuple[str, ...] = ()


def _extension(name: str) -> str:
    return posixpath.splitext(name)[1].lower()


class SiteImages:
    def __init__(self, settings: Mapping, build, generators: list, sources: content_sources.Sources, shown=()):
        self.settings = settings
        self.build = build
        self.sources = sources
        #: What else shows a logo or cover besides posts and pages: the brand's logo.
        self.shown = list(shown)
        self.content_path = settings["PATH"]
        self.image_settings = ImageSettings.from_settings(settings)
        self.style = ShareCardStyle.from_settings(settings)
        self.cache = ImageCache(settings["IMAGE_CACHE_PATH"])
        siteurl = str(settings.get("SITEURL") or "").rstrip("/")
        self.absolute = siteurl.lower().startswith(("http://", "https://"))
        #: The SITEURL the site check read the bodies with, and so their images' addresses.
        self.read_siteurl = content_sources.reading_siteurl(settings)
        self.siteurl = siteurl
        self.items = content_sources.contents(generators)
        self.statics = {}  # url and source path -> Static
        for generator in generators:
            for static in getattr(generator, "staticfiles", None) or []:
                self.statics[static.url] = static
                self.statics[static.get_relative_source_path().replace(os.sep, "/")] = static
        self.uses: list[Use] = []
        self.processed: dict[str, CachedImage] = {}  # source name -> variants
        self.svgs: dict[str, svg.SvgInfo] = {}
        self.files: dict[str, object] = {}  # save_as -> cached file to copy into the output
        self.cards: dict[int, dict] = {}  # id(post) -> share card
        self.site_card: dict | None = None
        self._pictures: dict[tuple, Markup | None] = {}
        #: What this build made of each kind of image, and how many it needed: kind -> (made, all).
        self.made: dict[str, tuple[int, int]] = {}

    # --- what the site shows ------------------------------------------------------------------

    def _static(self, value) -> object | None:
        if not value:
            return None
        text = unquote(str(value)).strip().lstrip("/")
        return self.statics.get(text) or self.statics.get(posixpath.normpath(text))

    def body_source(self, src: str | None, siteurl: str) -> str | None:
        """The source (path under the content folder) of a body image's ``src``, when it is
        one of the site's own files written with ``{static}`` at ``siteurl``; else None."""
        if not src:
            return None
        prefix = f"{siteurl}/" if siteurl else "/"
        if not src.startswith(prefix):
            return None
        static = self._static(urlsplit(src[len(prefix) :]).path)
        return static.get_relative_source_path().replace(os.sep, "/") if static is not None else None

    def collect(self) -> list[Use]:
        for item in [*self.items, *self.shown]:
            for field in ("logo", "cover"):
                static = self._static(getattr(item, field, None))
                if static is not None:
                    self.uses.append(Use(item, field, static.get_relative_source_path().replace(os.sep, "/")))
            for src in self.build.body_images.get(id(item), ()):
                name = self.body_source(src, self.read_siteurl)
                # A {static} link to no file: Pelican still lists it; the site check reports it.
                if name is not None and os.path.exists(self._path(name)):
                    self.uses.append(Use(item, "image", name, (name, posixpath.basename(name))))
        # Photos no post shows are processed all the same: no photo is ever published as
        # committed (with its EXIF and GPS); a link to one leads to its largest variant.
        shown = {use.name for use in self.uses}
        for key, static in sorted(self.statics.items()):
            name = static.get_relative_source_path().replace(os.sep, "/")
            if (
                key == name
                and name not in shown
                and _extension(name) in RASTER_EXTENSIONS
                and os.path.exists(self._path(name))
            ):
                self.uses.append(Use(None, "file", name))
                shown.add(name)
        return self.uses

    def _problems(self, errors: Mapping[str, ImageError]) -> list[Problem]:
        found = self.sources
        problems = []
        for use in self.uses:
            error = errors.get(use.name)
            if error is None:
                continue
            if use.item is None:  # a photo no post shows: the file itself
                problems.append(Problem(display_path(self._path(use.name)), None, error.reason))
                continue
            line = (
                found.field_line(use.item, use.field)
                if use.field != "image"
                else found.body_line(use.item, use.needles)
            )
            problems.append(Problem(found.shown(use.item), line, f"{use.field}: {error}"))
        return sorted(set(problems), key=Problem.sort_key)

    def _path(self, name: str) -> str:
        return os.path.join(self.content_path, name)

    def _check_svgs(self, errors: dict) -> None:
        for name in dict.fromkeys(use.name for use in self.uses if _extension(use.name) == ".svg"):
            try:
                data = image_cache.read_source(name, self._path(name), self.image_settings)
                self.svgs[name] = svg.check_svg(data, name)
            except ImageError as exc:
                errors[name] = exc

    def _unsupported(self, errors: dict) -> list[str]:
        """The raster sources; others (a .bmp named in a body) are errors."""
        rasters = []
        for name in dict.fromkeys(use.name for use in self.uses):
            extension = _extension(name)
            if extension in RASTER_EXTENSIONS:
                rasters.append(name)
            elif extension != ".svg":
                errors[name] = ImageError(
                    name,
                    "is not an image the build can use; expected a JPEG, PNG, WebP, AVIF or GIF photo, or an SVG logo",
                )
        return rasters

    def check(self) -> list[Problem]:
        """``invoke check``: every image read and checked, nothing encoded (see the module)."""
        self.collect()
        errors: dict[str, ImageError] = {}
        self._check_svgs(errors)
        for name in self._unsupported(errors):
            try:
                data = image_cache.read_source(name, self._path(name), self.image_settings)
                images.inspect_image(data, name, self.image_settings)
                picture, _ = images.decode(data, name, self.image_settings, need=lambda w, h: (1, 1))
                picture.close()
            except ImageError as exc:
                errors[name] = exc
        return self._problems(errors)

    def process(self) -> list[Problem]:
        """The build: every raster image's variants (cached), every SVG checked, every share
        card made; returns the problems (then nothing may be written)."""
        self.collect()
        errors: dict[str, ImageError] = {}
        self._check_svgs(errors)
        rasters = self._unsupported(errors)
        with Reported("Encoding photos") as report:
            results = image_cache.process_images(
                [(name, self._path(name)) for name in rasters],
                self.image_settings,
                self.cache,
                workers=processes(self.settings),
                report=report,
            )
        self.made["photos"] = (report.total, len(rasters))
        for name, result in results.items():
            if isinstance(result, ImageError):
                errors[name] = result
            else:
                self.processed[name] = result
        problems = self._problems(errors)
        if not problems:
            self._make_cards()
            self._publish_shown()
        return problems

    def _publish_shown(self) -> None:
        """Every variant of each photo a written post, page or the site's header shows goes into
        the output, decided here, once: what a page shows of it is its ``<picture>``, and a page
        taken from the render cache (mep_kit.outputs.render_cache) is not rendered to ask for it."""
        for use in self.uses:
            image = self.processed.get(use.name)
            if image is None or use.item is None or not (getattr(use.item, "save_as", None) or use.item in self.shown):
                continue
            for output in pictures.picture_of(image, use.name, lambda save_as: save_as).files:
                self.files[output.save_as] = output.path

    # --- share cards --------------------------------------------------------------------------

    def _card(self, cached) -> dict:
        save_as = f"{CARD_FOLDER}/{cached.sha256[:16]}.{cached.extension}"
        self.files[save_as] = cached.path
        return {
            "url": f"{self.siteurl}/{save_as}",
            "width": cached.width,
            "height": cached.height,
            "type": images.MIME_TYPES[cached.format],
        }

    @staticmethod
    def _card_text(item) -> tuple[str, str | None]:
        """What a post's drawn card shows: its title as text, and its headline metric."""
        metric = getattr(item, "headline_metric", None)
        language = of_settings(item.settings)  # the metric as the cards of the site's lists say it
        return Markup(str(getattr(item, "title", "") or "")).striptags(), (
            f"{language.figure_phrase(metric)} {metric.label}" if metric is not None else None
        )

    def _make_cards(self) -> None:
        """One card per post and page, and the site's, each looked up in the cache once. A
        drawn card costs as much to store as to draw, so the cards not
        cached yet are first made in processes forked for it, one per core
        (:func:`mep_kit.images.sharecards.make_ahead`; threads would not do: drawing holds a lock,
        FreeType faces being shared), then taken from the cache. Posts of the same title and
        metric share one card."""
        center = self.settings["CENTER"]
        site_name = center.get("name") or self.settings.get("SITENAME", "")
        covers = {id(use.item): use.name for use in self.uses if use.field == "cover" and use.name in self.processed}
        texts = {id(item): self._card_text(item) for item in self.items}
        requests = {
            texts[id(item)]: {
                "title": texts[id(item)][0],
                "site_name": site_name,
                "metric": texts[id(item)][1],
                "style": self.style,
                "image_settings": self.image_settings,
            }
            for item in self.items
            if id(item) not in covers
        }  # the cards to draw, by (title, metric)
        cached = {text: sharecards.cached_card(self.cache, **request) for text, request in requests.items()}
        to_draw = [text for text, card in cached.items() if card is None]
        with Progress("Drawing share cards", len(to_draw)) as bar:
            sharecards.make_ahead(
                self.cache, [requests[text] for text in to_draw], processes(self.settings), made=bar.advance
            )
            drawn = {}
            for text, card in cached.items():
                drawn[text] = card or sharecards.share_card(self.cache, **requests[text])
                if card is None and bar.done < bar.total:
                    bar.advance()
        made = len(to_draw)
        for item in self.items:
            title, metric_text = texts[id(item)]
            cover = covers.get(id(item))
            if cover is not None:
                with open(self._path(cover), "rb") as handle:
                    data = handle.read()
                request = {
                    "title": title,
                    "site_name": site_name,
                    "metric": metric_text,
                    "cover": data,
                    "style": self.style,
                }
                made += sharecards.cached_card(self.cache, **request) is None
                cached = sharecards.share_card(
                    self.cache, **request, cover_name=cover, image_settings=self.image_settings
                )
            else:
                cached = drawn[title, metric_text]
            card = self._card(cached)
            card["alt"] = str(getattr(item, "cover_alt", "") or "") if cover is not None else f"{title}: {site_name}"
            self.cards[id(item)] = card
        tagline = center.get("long_name") or site_name
        request = {"title": tagline, "site_name": site_name, "metric": center.get("tagline"), "style": self.style}
        made += sharecards.cached_card(self.cache, **request) is None
        cached = sharecards.share_card(self.cache, **request, image_settings=self.image_settings)
        self.site_card = {**self._card(cached), "alt": site_name}
        self.made["share cards"] = (made, len(requests) + len(covers) + 1)

    def summary(self) -> str | None:
        """What this build made and what it took from the cache, in one line."""
        return summary(
            [(kind.capitalize(), made, total) for kind, (made, total) in self.made.items()],
            self.settings["IMAGE_CACHE_PATH"],
        )

    def share_card(self, item=None) -> dict | None:
        """The share card of a post or page (the site's card for other pages): url, width,
        height, type and alt."""
        return self.cards.get(id(item), self.site_card) if item is not None else self.site_card

    # --- <picture> ----------------------------------------------------------------------------

    def _picture(self, name: str, siteurl: str, sizes: str) -> pictures.Picture | None:
        image = self.processed.get(name)
        if image is None:
            return None
        prefix = f"{siteurl}/" if siteurl else "/"
        found = pictures.picture_of(image, name, lambda save_as: prefix + save_as, sizes)
        for output in found.files:
            self.files[output.save_as] = output.path
        return found

    def picture(
        self, item, field: str, slot: str = "page", siteurl: str = "", priority: bool = False, css_class: str = ""
    ) -> Markup | None:
        """A post's ``cover`` or ``logo`` as HTML: a ``<picture>`` (raster), an ``<img>`` with
        its size (SVG), or None (no such image)."""
        key = (id(item), field, slot, siteurl, priority, css_class)
        if key in self._pictures:
            return self._pictures[key]
        static = self._static(getattr(item, field, None))
        html = None
        if static is not None:
            name = static.get_relative_source_path().replace(os.sep, "/")
            alt = str(getattr(item, f"{field}_alt", "") or "")
            attrs = [("class", css_class)] if css_class else []
            found = self._picture(name, siteurl, SLOT_SIZES.get(slot, slot))
            if found is not None:
                html = Markup(pictures.picture_html(found, alt, priority=priority, attrs=attrs))
            elif name in self.svgs:
                info = self.svgs[name]
                size = (
                    [("width", str(round(info.width))), ("height", str(round(info.height)))]
                    if info.width and info.height
                    else []
                )
                prefix = f"{siteurl}/" if siteurl else "/"
                html = Markup(
                    f"<img{pictures.attributes([*attrs, ('src', prefix + static.url), ('alt', alt), *size, ('decoding', 'async')])}>"
                )
        self._pictures[key] = html
        return html

    def rewrite_body(self, item, html: str, siteurl: str) -> str:
        """``html`` (a body rendered for ``siteurl``) with each of the site's raster images as
        a ``<picture>``: the first with high fetch priority, unless a cover is shown above it."""
        if "<img" not in html or not self.processed:
            return html

        def resolve(tag):
            name = self.body_source(tag.get("src"), siteurl)
            return self._picture(name, siteurl, SLOT_SIZES["page"]) if name else None

        has_cover = self._static(getattr(item, "cover", None)) is not None
        # picture_html escapes every value it writes (tests/unit/test_picture.py): the body
        # the site check passed gains no markup a writer typed.
        return self._link_variants(pictures.rewrite_images(html, resolve, priority_first=not has_cover), siteurl)

    def _link_variants(self, html: str, siteurl: str) -> str:
        """Links to a processed photo (``<a href="{static}/images/x.jpg">``) lead to its
        largest variant in the fallback format, since the original is not published."""
        if "<a " not in html:
            return html
        prefix = f"{siteurl}/" if siteurl else "/"
        for name in self.processed:
            static = self._static(name)
            original = f'href="{prefix}{static.url}"' if static is not None else None
            if original and original in html:
                fallbacks = [v for v in self.processed[name].variants if v.format in ("jpeg", "png")]
                if fallbacks:
                    largest = max(fallbacks, key=lambda variant: variant.width)
                    save_as = pictures.variant_save_as(name, largest)
                    self.files[save_as] = largest.path
                    html = html.replace(original, f'href="{prefix}{save_as}"')
        return html

    # --- the output ---------------------------------------------------------------------------

    def originals(self) -> set[str]:
        """Sources the site serves as variants only (the photos as committed, with EXIF)."""
        return set(self.processed)

    def unpublish_originals(self, generators) -> None:
        """Take the processed photos out of Pelican's static files (they stay in
        ``static_content``, so ``{static}`` links to them resolve to their address)."""
        names = self.originals()

        def kept(static):
            return static.get_relative_source_path().replace(os.sep, "/") not in names

        for generator in generators:
            if getattr(generator, "staticfiles", None):
                generator.staticfiles[:] = [static for static in generator.staticfiles if kept(static)]
        context = generators[0].context
        if isinstance(context.get("staticfiles"), list):
            context["staticfiles"][:] = [static for static in context["staticfiles"] if kept(static)]

    def write(self, output_path: str) -> list[str]:
        """Put every variant and card a page refers to into the output: a hard link to the
        cached file (nothing ever writes into either), or a copy where links cannot be made."""
        written = []
        for save_as, source in sorted(self.files.items()):
            target = os.path.join(output_path, *save_as.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            link_or_copy(source, target)
            written.append(save_as)
        return written
