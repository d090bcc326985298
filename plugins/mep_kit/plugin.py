"""The plugin's handlers of Pelican's signals, connected by :func:`register`.

Each handler is thin, handing Pelican's objects to the module that does the work (settings,
reader and schema, the site check, images, outputs, events, languages) and keeping what one
build knows in :mod:`mep_kit.core.state`. What the plugin gives the templates, adds to
content, writes and checks is told in the README, "How it fits together".
"""

from __future__ import annotations

import os
import sys

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.urlwrappers import Category
from pelican.utils import order_content, process_translations

from . import conventions
from . import (
    settings as kit_settings,
)
from .checks import sitecheck, statics
from .content import readahead
from .content import sources as content_sources
from .content.figures import Figure, load_registry
from .content.markup import mark_rendered
from .content.readahead import ReadAhead
from .content.reader import SiteMarkdownReader
from .content.render import JinjaRenderer, template_names
from .context import navigation
from .context.banner import active_banner
from .context.recent import PostCards, RecentPostsAside, newest_first, recent_posts
from .context.related import related_by_service
from .context.services import group_by_service
from .core import brand, internals, paths, state
from .core.errors import PELICAN_LOG, ContentError, Problem, install_log_filters
from .core.paths import display_path
from .core.state import Build
from .events import clock
from .events import generator as event_generator
from .events.generator import EventsGenerator
from .images import site as imaging
from .languages import jinja as language_jinja
from .languages import words as language_words
from .languages.words import of_settings
from .outputs import headers, redirects, render_cache, search, sitemap
from .outputs import writer as writing
from .outputs.assets import AssetUrls
from .outputs.feeds import pin_empty_feed_date
from .outputs.files import SiteOutputsGenerator
from .outputs.structured import StructuredData

__all__ = ["CheckComplete", "ContentError", "Figure", "Problem", "register"]
#: Where the brand's palette is kept as a file for the stylesheet (under the project).
BRAND_CACHE = ".cache/brand"
DEFAULTS = kit_settings.DEFAULTS


class CheckComplete(Exception):
    """Raised by ``invoke check``'s run once everything is read and checked: nothing is
    written. Carries the build's state (problems, notices, files read)."""

    def __init__(self, build: Build):
        super().__init__("checked")
        self.build = build


def fail(problems: list[Problem]) -> None:
    """Stop the build on bad input: every problem, one line each, and no traceback. Under
    ``invoke check`` the problems go back to it instead (as :class:`ContentError`)."""
    error = ContentError(problems)
    PELICAN_LOG.stop()
    if state.check_only:
        raise error
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count, files = len(error.problems), len({p.path for p in error.problems})
    print(
        f"Build stopped: {count} problem{'s' * (count != 1)} in {files} file{'s' * (files != 1)}; nothing was written.",
        file=sys.stderr,
    )
    raise SystemExit(1)


def initialized(pelican):
    """When Pelican starts: the plugin's defaults, and every setting checked."""
    settings = pelican.settings
    problems = kit_settings.apply(settings, kit_settings.origin_in(state.settings_file))
    if problems:
        fail(problems)
    if settings.get("ARTICLE_ORDER_BY") in (None, "reversed-date"):
        settings["ARTICLE_ORDER_BY"] = newest_first  # same order, but ties broken by slug
    if settings.get("DEFAULT_CATEGORY") == conventions.DEFAULT_CATEGORY:  # the kit's word, in the site's language
        settings["DEFAULT_CATEGORY"] = of_settings(settings).gettext(conventions.DEFAULT_CATEGORY)


def start_build(pelican):
    """At the start of every build (so live reload picks up edits): a new state, the build's
    "now" (:mod:`mep_kit.events.clock`) and the figures registry, each read once."""
    settings = pelican.settings
    language_words.forget()
    PELICAN_LOG.start(kit_settings.origin_in(state.settings_file)("PATH")[0])
    build = state.start(
        Build(
            settings,
            output_path=os.path.abspath(pelican.output_path),
            check_only=state.check_only,
            body_outputs={} if state.note_body_outputs and not state.check_only else None,
        )
    )
    try:
        build.now = clock.build_now(settings.get("TIMEZONE"))
    except ValueError as exc:
        fail([Problem("environment", None, str(exc))])
    build.writes_sitemap = sitemap.enabled(settings)
    if not build.check_only:
        render_cache.forget_old(settings["RENDER_CACHE_PATH"])  # pages no recent build used
    path = os.path.join(settings["PATH"], settings["FIGURES_FILE"])
    build.files.append(display_path(path))
    links = theme_links(settings)
    out = paths.link_out(path, paths.project_folder(settings), settings["PATH"])
    if out is not None:  # the registry is never opened
        links.append(Problem(display_path(out.link), None, out.message()))
    if links:
        fail(links)
    try:
        build.registry = load_registry(path, display_path(path))
    except ContentError as exc:
        fail(exc.problems)
    unknown = [key for key in settings["HOME_FIGURES"] if key not in build.registry]
    if unknown:
        where, line = kit_settings.origin_in(state.settings_file)("HOME_FIGURES")
        fail(
            [
                Problem(
                    where, line, f"HOME_FIGURES: unknown figure key '{key}'; expected a key of {display_path(path)}"
                )
                for key in unknown
            ]
        )
    return SiteOutputsGenerator, EventsGenerator


def theme_links(settings) -> list[Problem]:
    """Links in the theme (its templates and static files) that lead out of the project:
    refused before any template is read."""
    project = paths.project_folder(settings)
    folders = [settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    return [
        Problem(display_path(out.link), None, out.message())
        for folder in folders
        if os.path.isdir(folder)
        for out in paths.links_out_under(folder, project)
    ]


def check_statics(generators, settings, build) -> list[Problem]:
    """Every file Pelican will copy as it is, checked for what it is (:mod:`mep_kit.checks.statics`);
    a file behind a link out of the project, or outside the content folder, is taken out of
    the build, never to be read (by the image pipeline, say)."""
    project, content = paths.project_folder(settings), settings["PATH"]
    files = [static for generator in generators for static in getattr(generator, "staticfiles", None) or []]
    published = [
        statics.StaticFile(os.path.abspath(static.source_path), static.save_as.replace(os.sep, "/")) for static in files
    ]
    problems, unreadable = statics.check(published, settings, project, content)
    problems += statics.own_file_problems(published, settings, redirects.PLUGIN_FILES)
    if unreadable:

        def kept(static):
            return os.path.abspath(static.source_path) not in unreadable

        for listed in [
            *(getattr(generator, "staticfiles", None) for generator in generators),
            generators[0].context.get("staticfiles"),
        ]:
            if isinstance(listed, list):
                listed[:] = [static for static in listed if kept(static)]
    return problems


class SiteBrand:
    """The center's brand as the templates show it: its logo (a static file, shown with
    ``image_picture(brand, 'logo', ...)``) and the text that stands for it (the name)."""

    def __init__(self, logo: str | None, name: str, settings_file: str):
        self.logo = logo
        self.logo_alt = name
        self.source_path = settings_file  # where a problem with the logo is reported


def brand_of(settings, static_content, build) -> SiteBrand:
    """The brand's logo must be an image the site publishes, like a case study's logo."""
    logo = settings["BRAND"].get("logo")
    if logo and static_content.get(os.path.normpath(logo)) is None:
        where, line = kit_settings.origin_in(state.settings_file)("BRAND")
        build.problems.append(
            Problem(
                where,
                line,
                f"BRAND: 'logo': file '{logo}' not found; put the image under content/images/ and give its path, such as 'images/logo.svg'",
            )
        )
        logo = None
    return SiteBrand(logo, settings["CENTER"]["name"], kit_settings.origin_in(state.settings_file)("BRAND")[0])


def generator_init(generator):
    """The first generator's Jinja environment (Pelican's, the theme's) renders everything
    the plugin renders: callouts while files are read, redirect pages at the end. The files
    the articles and pages generators will read are noted, in the order they will ask for
    them, for :mod:`mep_kit.content.readahead`."""
    build = state.current()
    language_jinja.install(generator.env, of_settings(generator.settings))
    # The kit's reader typographs each file as it reads it (cached with the body:
    # mep_kit.content.reader.typogrify_text); Pelican's pass after the reader would do it again.
    internals.skip_typogrify_pass(generator.readers)
    if build.env is None:
        build.env = generator.env
        build.template_names = template_names(generator.env)
        build.renderer = JinjaRenderer(generator.env, {"CENTER": generator.settings["CENTER"]})
    for kind, prefix in ((ArticlesGenerator, "ARTICLE"), (PagesGenerator, "PAGE")):
        if isinstance(generator, kind):
            found = generator.get_files(
                generator.settings[f"{prefix}_PATHS"], exclude=generator.settings[f"{prefix}_EXCLUDES"]
            )
            build.read_paths += [os.path.abspath(os.path.join(generator.path, name)) for name in found]
    if isinstance(generator, EventsGenerator):
        build.read_paths += [os.path.abspath(os.path.join(generator.path, name)) for name in generator.source_files()]


def start_reading(generator):
    """Before the first file is read: read every file ahead, on every core (the cache first)."""
    build = state.current()
    if build.readahead is None:
        build.readahead = ReadAhead(
            build.read_paths, generator.settings, build.registry, build.renderer, build.template_names
        )


def localize_date(instance) -> None:
    """``content_object_init`` handler: a post's or page's ``locale_date`` in the site's
    language, from Babel ("February 11, 2026", "11 de febrero de 2026"), whatever the
    machine's locale."""
    date = getattr(instance, "date", None)
    if date is not None and hasattr(instance, "locale_date"):
        instance.locale_date = of_settings(instance.settings).date(date)


def readers_init(readers):
    for extension in SiteMarkdownReader.file_extensions:
        readers.reader_classes[extension] = SiteMarkdownReader


def settle_future_posts(generator):
    """In production (``WITH_FUTURE_DATES = False``) Pelican makes a post dated in the future
    a draft as it reads it, against the wall clock; here, before its lists are used, each post
    the writer published is decided again against the build's now
    (:func:`mep_kit.events.clock.publication_status`), so ``SOURCE_DATE_EPOCH`` governs it too."""
    settings = generator.settings
    if settings["WITH_FUTURE_DATES"]:
        return
    now = state.current().now
    posts = [*generator.articles, *generator.translations, *generator.drafts, *generator.drafts_translations]
    changed = False
    for post in posts:
        written = str(post.metadata.get("status") or post.default_status).lower()
        status = clock.publication_status(written, getattr(post, "date", None), now, False)
        if status != post.status:
            post.status, changed = status, True
    if not changed:
        return

    def ordered(items):  # as Pelican's ArticlesGenerator.generate_context orders its lists
        origs, translations = process_translations(items, translation_id=settings["ARTICLE_TRANSLATION_ID"])
        return order_content(origs, settings["ARTICLE_ORDER_BY"]), translations

    generator.articles, generator.translations = ordered([post for post in posts if post.status == "published"])
    generator.drafts, generator.drafts_translations = ordered([post for post in posts if post.status == "draft"])


def article_generator_finalized(generator):
    settings = generator.settings
    context = generator.context
    build = state.current()
    context["figures"] = build.registry
    context["home_figures"] = [build.registry[key] for key in settings["HOME_FIGURES"]]
    context["recent_posts"] = recent_posts(generator.articles, settings["RECENT_POSTS_COUNT"])
    context["recent_posts_aside"] = RecentPostsAside(generator.env, context)
    context["post_card"] = PostCards(generator.env, context)
    lines = group_by_service(generator.articles, settings["SERVICE_LINES"], lambda name: Category(name, settings))
    context["service_lines"] = lines
    related = related_by_service(generator.articles, settings["RELATED_POSTS_COUNT"])
    for article in generator.articles:
        article.related_posts = related.get(id(article), [])
    context["structured_data"] = StructuredData(settings["CENTER"], settings["SITEURL"], settings["DEFAULT_LANG"])
    context["banner"] = active_banner(
        settings["BANNER"], build.now.date()
    )  # an upcoming event's, when none (mep_kit.events)
    context["csp_meta"] = headers.policy(settings["CONTENT_SECURITY_POLICY"], for_meta=True)
    colors = brand.palette(settings["BRAND"]["primary"], settings["BRAND"].get("accent"))
    stylesheet = brand.palette_file(
        brand.palette_css(colors), os.path.join(paths.project_folder(settings), BRAND_CACHE)
    )
    context["asset_url"] = AssetUrls(
        getattr(generator.env, "assets_environment", None),
        settings.get("THEME_STATIC_DIR", "theme"),
        prepend={"css/site.css": [stylesheet]},
    )
    context["brand_palette"] = colors
    # Pelican writes one category page per entry: make that exactly the service lines,
    # each with every case study that names it (not only those it is the first of).
    generator.categories[:] = [(line.category, line.articles) for line in lines]


def all_generators_finalized(generators):
    """Every file is read: check the whole site, and fail with every problem together, or
    plan the redirects. ``invoke check`` stops here."""
    build = state.current()
    build.generators = list(generators)
    settings = generators[0].settings
    if build.readahead is not None:
        build.readahead.finish()
    # The one list of what the site will write, for every check that needs it.
    own = {**redirects.site_outputs(generators, settings), **event_generator.outputs(generators)}
    outputs = build.outputs = {**redirects.content_outputs(generators), **own}
    sources = content_sources.Sources(build)
    problems, notices = sitecheck.check(generators, settings, build, outputs, own, sources, now=build.now)
    build.redirects, alias_problems = redirects.check_aliases(
        generators, settings, outputs, lambda item: sources.field_line(item, redirects.FIELD)
    )
    build.problems += [*problems, *alias_problems]
    explainer = settings["EXPLAINER"]
    if explainer:
        found = generators[0].context["generated_content"].get(explainer)
        # A file left out for its own problems is reported with them, not again here.
        reported = display_path(os.path.join(settings["PATH"], explainer)) in {
            problem.path for problem in build.problems
        }
        if (found is None and not reported) or (found is not None and getattr(found, "status", "") != "published"):
            where, line = kit_settings.origin_in(state.settings_file)("EXPLAINER")
            build.problems.append(
                Problem(
                    where,
                    line,
                    f"EXPLAINER: no published post or page at content/{explainer}; expected the path of the article that explains the MEP, or None",
                )
            )
        generators[0].context["explainer"] = found  # the context all generators share
    build.notices += notices
    menu, menu_problems = navigation.resolve(
        settings["NAVIGATION"],
        generators[0].context["generated_content"],
        outputs,
        lambda: kit_settings.origin_in(state.settings_file)("NAVIGATION"),
    )
    build.problems += menu_problems
    generators[0].context["navigation"] = menu
    generators[0].context["brand"] = brand_of(settings, generators[0].context["static_content"], build)
    build.problems += check_statics(generators, settings, build)
    site_images = imaging.SiteImages(settings, build, generators, sources, shown=[generators[0].context["brand"]])
    if build.check_only or build.problems:  # nothing will be written: read the images, encode none
        build.problems += site_images.check()
    build.problems += PELICAN_LOG.take(build.problems)  # what Pelican itself warned of while reading
    if build.check_only:
        PELICAN_LOG.stop()
        raise CheckComplete(build)
    if not build.problems:
        build.problems += site_images.process()
    if build.problems:
        fail(build.problems)
    site_images.unpublish_originals(generators)
    build.images = site_images  # bodies are written with their images as <picture> from here
    generators[0].context["image_picture"] = site_images.picture
    generators[0].context["share_card"] = site_images.share_card
    build.written = {
        static.save_as.replace(os.sep, "/") for g in generators for static in getattr(g, "staticfiles", None) or []
    }
    build.render_cache = render_cache.RenderCache(
        settings["RENDER_CACHE_PATH"], site_key(generators, settings, build, site_images), generators[0].context
    )


def site_key(generators, settings, build, site_images) -> str:
    """Everything but a page's own values that its rendering reads (mep_kit.outputs.render_cache)."""
    recipe = build.readahead.name if build.readahead is not None else readahead.recipe(settings)
    items = content_sources.contents(generators)
    by_id = {id(item): item.source_path for item in items}
    images = [
        *((name, image.key) for name, image in site_images.processed.items()),
        *((name, repr(info)) for name, info in site_images.svgs.items()),
        *((by_id.get(key, ""), sorted(card.items())) for key, card in site_images.cards.items()),
        sorted((site_images.site_card or {}).items()),
    ]
    statics = [
        (static.source_path, static.save_as)
        for generator in generators
        for static in getattr(generator, "staticfiles", None) or []
    ]
    context = generators[0].context
    banner = context.get("banner")
    if isinstance(banner, dict) and banner.get("event") is not None:
        banner = ("event", banner["event"].source_path)
    elif isinstance(banner, dict):
        banner = sorted((key, repr(value)) for key, value in banner.items())
    now = [
        [event.source_path for event in context.get("upcoming_events") or []],
        [event.source_path for event in context.get("past_events") or []],
        repr(banner),
    ]
    return render_cache.site_key(recipe, items, images, statics, now)


def content_written(path, context):
    """Each page Pelican writes: its relative path, worked out once, and its sitemap entry. A
    post's, page's or event's is searched, unless it is a translation: search, like every
    list, shows the site's language. (A page Pelican's writer writes outside a build of the
    kit, in a process where the plugin's handlers are connected, is none of its business.)"""
    build = state.current_or_none()
    if build is None:
        return
    relative = os.path.relpath(os.path.abspath(path), build.output_path).replace(os.sep, "/")
    build.written.add(relative)
    item = next((context[key] for key in sitemap.CONTENT_KEYS if key in context), None)
    if item is not None and getattr(item, "in_default_lang", True):
        build.indexed.add(relative)
    if build.writes_sitemap:
        entry = sitemap.entry_of(relative, context)
        if entry is not None:
            build.sitemap_entries[entry.url] = entry


def site_writer(pelican):
    """Pelican's writer, rendering through the build's page cache, on two cores (:mod:`mep_kit.outputs.writer`)."""
    return writing.SiteWriter


def finalized(pelican):
    """After every page: the sitemap, robots.txt, _redirects and the redirect pages."""
    build = state.current()
    try:
        writing.join(build.writer)  # the posts and pages written by the forked process
    except RuntimeError as exc:
        fail([Problem("environment", None, f"writing posts and pages on a second core failed: {exc}")])
    late = [*build.problems, *PELICAN_LOG.take()]  # what Pelican warned of while writing (in either process)
    if late:
        fail(late)
    PELICAN_LOG.stop()
    if build.images is not None:
        build.written.update(build.images.write(build.output_path))
        said = build.images.summary()
        if said:
            print(said, flush=True)
    if build.render_cache is not None:
        cache = build.render_cache
        print(f"Pages: {cache.misses} rendered, {cache.hits} from {pelican.settings['RENDER_CACHE_PATH']}.", flush=True)
    sitemap.write_files(pelican.settings, build.output_path, build.sitemap_entries.values())
    search.lay_out_for_search(build.output_path, sorted(build.indexed))
    try:
        redirects.write_redirects(pelican.settings, build.output_path, build.redirects, build.written, build.env)
    except ContentError as exc:
        fail(exc.problems)


def register():
    install_log_filters()
    signals.initialized.connect(initialized)
    signals.get_generators.connect(start_build)
    signals.generator_init.connect(generator_init)
    signals.readers_init.connect(readers_init)
    signals.article_generator_preread.connect(start_reading)
    signals.article_generator_pretaxonomy.connect(settle_future_posts)
    signals.page_generator_preread.connect(start_reading)
    signals.content_object_init.connect(mark_rendered)
    signals.content_object_init.connect(localize_date)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.feed_generated.connect(pin_empty_feed_date)
    signals.content_written.connect(content_written)
    signals.get_writer.connect(site_writer)
    signals.page_writer_finalized.connect(writing.stop_sharing)
    signals.finalized.connect(finalized)
