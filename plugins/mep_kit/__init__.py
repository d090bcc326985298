"""mep_kit: the MEP center site's Pelican plugin.

What it adds to every template's context:

``recent_posts``
    The ``RECENT_POSTS_COUNT`` (default 10) newest published posts, newest first; posts
    of the same date ordered by slug. Drafts, hidden posts and, in production
    (``WITH_FUTURE_DATES = False``), future-dated posts never appear.
``recent_posts_aside(SITEURL, current_url)``
    The theme's ``partials/recent_posts.html`` rendered with that list, leaving out the
    post at ``current_url``; rendered once per build per variant, not once per page.
``post_card(post, heading_level, SITEURL)``
    The theme's card of a post, rendered once per build per post, heading level and
    ``SITEURL`` however many pages list it.
``service_lines``
    Every service line of ``SERVICE_LINES`` as an object with ``name``, ``description``,
    ``category`` (its Pelican category, with ``url``) and ``articles`` (its case studies).
``structured_data``
    schema.org JSON-LD for ``<script type="application/ld+json">`` blocks: ``.organization``
    (the center, serialised once per build), ``.article(post, description)`` and
    ``.breadcrumbs([(name, path), ...])`` (:mod:`mep_kit.structured`).
``banner``
    The ``BANNER`` setting (text, link, link_text, ends) while its end date has not passed
    on the build's date, else None (:mod:`mep_kit.banner`).
``asset_url(path)``
    The URL of a theme static file with its content hash in its name
    (``css/site.css`` -> ``theme/assets/site.<hash>.css``), worked out once per build.
``csp_meta``
    ``CONTENT_SECURITY_POLICY`` for a ``<meta http-equiv>`` element (hosts without headers).
``figures``
    The figures registry (``FIGURES_FILE``, under the content folder): key -> Figure,
    each with its value, unit, label, fiscal year or date, scope and source.

What it adds to content:

* ``[[callout: key, key]]`` blocks and ``[[figure: key]]`` inline figures in Markdown
  (:mod:`mep_kit.markdown_ext`), rendered with the theme's
  ``partials/impact_callout.html`` macros and left alone by typogrify;
* a checked schema per content type (:mod:`mep_kit.schema`); case studies get ``kind``,
  ``client``, ``services`` (categories; the first is the post's category), ``logo``,
  ``logo_alt``, ``metrics`` and ``headline_metric``;
* ``related_posts`` on every case study: up to ``RELATED_POSTS_COUNT`` (default 3) other
  case studies sharing a service line (:mod:`mep_kit.navigation`); ``reading_time`` (whole
  minutes) on every post and page;
* a category page for every service line, listing every case study that names it.

What it writes: ``NUMBERS_SAVE_AS`` (the "By the numbers" page, template ``numbers``),
``FIGURES_JSON_SAVE_AS`` (the registry as JSON) and ``JSON_FEED_SAVE_AS`` (JSON Feed 1.1
of the recent posts) and ``HEADERS_SAVE_AS`` (``_headers``: the Content-Security-Policy and
other security headers, and cache lifetimes; :mod:`mep_kit.headers`).

In production (an absolute ``SITEURL``) it also writes ``SITEMAP_SAVE_AS`` (every public
page, ``<lastmod>`` from the content dates, never the build time) and ``ROBOTS_SAVE_AS``
pointing to it (:mod:`mep_kit.sitemap`); on every build, ``REDIRECTS_SAVE_AS`` (Netlify /
Cloudflare ``_redirects``) and a meta-refresh page at each old address that a published
post or page lists in ``Aliases:`` (:mod:`mep_kit.redirects`).

Bad input (an unknown figure key, a figure without its year or source, a front-matter
field the schema does not allow, ...) fails the build with every problem listed as
``file:line: field: what was expected``, before anything is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pelican import signals
from pelican.urlwrappers import Category

from . import headers, redirects, sitemap
from .assets import AssetUrls
from .banner import active_banner, build_date
from .errors import ContentError, Problem
from .feeds import pin_empty_feed_date
from .figures import Figure, load_registry
from .navigation import related_by_service
from .outputs import SiteOutputsGenerator
from .reader import SiteMarkdownReader, display_path
from .recent import PostCards, RecentPostsAside, newest_first, recent_posts
from .render import JinjaRenderer, renderer_for
from .services import group_by_service
from .structured import StructuredData

__all__ = ["ContentError", "Figure", "Problem", "register"]

DEFAULTS = {
    "RECENT_POSTS_COUNT": 10,
    "SERVICE_LINES": {},
    "FIGURES_FILE": "data/figures.toml",
    "FIGURES_JSON_SAVE_AS": "data/figures.json",
    "NUMBERS_URL": "numbers/",
    "SITEMAP_SAVE_AS": "sitemap.xml",
    "ROBOTS_SAVE_AS": "robots.txt",
    "REDIRECTS_SAVE_AS": "_redirects",
    "NUMBERS_SAVE_AS": "numbers/index.html",
    "JSON_FEED_SAVE_AS": "feeds/recent.json",
    "RELATED_POSTS_COUNT": 3,
    "BANNER": None,
    "HEADERS_SAVE_AS": "_headers",
    "HEADERS_HOST": "netlify",
    "CONTENT_SECURITY_POLICY": headers.CONTENT_SECURITY_POLICY,
    "SECURITY_HEADERS": headers.SECURITY_HEADERS,
}


@dataclass
class Build:
    """What one build shares between the reader and the signal handlers. Made anew at
    the start of every build, so live reload never carries pages over from the last one."""

    registry: dict
    renderer: JinjaRenderer
    problems: list[Problem] = field(default_factory=list)
    output_path: str = ""
    #: Whether this build writes sitemap.xml and robots.txt (an absolute SITEURL).
    writes_sitemap: bool = False
    #: Files the check found problems in, skipped by the reader (worked out once per build).
    bad_files: set[str] = field(init=False)
    #: Every file written so far, relative to the output folder (pages, then static files).
    written: set[str] = field(default_factory=set)
    #: The sitemap's entries by URL, from the pages as they are written.
    sitemap_entries: dict[str, sitemap.Entry] = field(default_factory=dict)
    #: The redirects of the content's aliases, planned before anything is written.
    redirects: list[redirects.Redirect] = field(default_factory=list)

    def __post_init__(self):
        self.bad_files = {problem.path for problem in self.problems}


def initialized(pelican):
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    count = settings["RECENT_POSTS_COUNT"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ContentError(Problem("pelicanconf.py", None, f"RECENT_POSTS_COUNT: expected a whole number of at least 1, got {count!r}"))
    if settings.get("ARTICLE_ORDER_BY") in (None, "reversed-date"):
        settings["ARTICLE_ORDER_BY"] = newest_first  # same order, but ties broken by slug


def start_build(pelican):
    """At the start of every build (so live reload picks up edits): load the registry and
    check all content with the same checks as ``invoke check``; files with problems are
    skipped by the reader and reported together before anything is written."""
    from .check import run_check  # check imports this package's DEFAULTS

    settings = pelican.settings
    path = os.path.join(settings["PATH"], settings["FIGURES_FILE"])
    registry = load_registry(path, display_path(path))
    renderer = renderer_for(settings)
    problems = run_check(settings["PATH"], settings, registry=registry, templates=renderer.template_names()).problems
    SiteMarkdownReader.build = Build(registry, renderer, problems, os.path.abspath(pelican.output_path), sitemap.enabled(settings))
    return SiteOutputsGenerator


def readers_init(readers):
    for extension in SiteMarkdownReader.file_extensions:
        readers.reader_classes[extension] = SiteMarkdownReader


def article_generator_finalized(generator):
    settings = generator.settings
    context = generator.context
    context["figures"] = SiteMarkdownReader.build.registry
    context["recent_posts"] = recent_posts(generator.articles, settings["RECENT_POSTS_COUNT"])
    context["recent_posts_aside"] = RecentPostsAside(generator.env, context)
    context["post_card"] = PostCards(generator.env, context)
    lines = group_by_service(generator.articles, settings["SERVICE_LINES"], lambda name: Category(name, settings))
    context["service_lines"] = lines
    related = related_by_service(generator.articles, settings["RELATED_POSTS_COUNT"])
    for article in generator.articles:
        article.related_posts = related.get(id(article), [])
    context["structured_data"] = StructuredData(settings.get("CENTER") or {"name": settings["SITENAME"]}, settings["SITEURL"])
    context["banner"] = active_banner(settings["BANNER"], build_date(settings.get("TIMEZONE")))
    context["csp_meta"] = headers.policy(settings["CONTENT_SECURITY_POLICY"], for_meta=True)
    context["asset_url"] = AssetUrls(getattr(generator.env, "assets_environment", None), settings.get("THEME_STATIC_DIR", "theme"))
    # Pelican writes one category page per entry: make that exactly the service lines,
    # each with every case study that names it (not only those it is the first of).
    generator.categories[:] = [(line.category, line.articles) for line in lines]


def all_generators_finalized(generators):
    """Before anything is written: fail with every problem of the content, the aliases and
    the static files together, or plan the redirects."""
    build = SiteMarkdownReader.build
    settings = generators[0].settings
    build.redirects, alias_problems = redirects.check_aliases(generators, settings)
    problems = [*build.problems, *alias_problems, *sitemap.static_file_problems(generators, settings)]
    if problems:
        raise ContentError(problems)
    build.written = {static.save_as.replace(os.sep, "/") for g in generators for static in getattr(g, "staticfiles", None) or []}


def content_written(path, context):
    """Each page Pelican writes: its relative path, worked out once, and its sitemap entry."""
    build = SiteMarkdownReader.build
    relative = os.path.relpath(os.path.abspath(path), build.output_path).replace(os.sep, "/")
    build.written.add(relative)
    if build.writes_sitemap:
        entry = sitemap.entry_of(relative, context)
        if entry is not None:
            build.sitemap_entries[entry.url] = entry


def finalized(pelican):
    """After every page: the sitemap, robots.txt, _redirects and the redirect pages."""
    build = SiteMarkdownReader.build
    sitemap.write_files(pelican.settings, build.output_path, build.sitemap_entries.values())
    redirects.write_redirects(pelican.settings, build.output_path, build.redirects, build.written, build.renderer.env)


def register():
    signals.initialized.connect(initialized)
    signals.get_generators.connect(start_build)
    signals.readers_init.connect(readers_init)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.feed_generated.connect(pin_empty_feed_date)
    signals.content_written.connect(content_written)
    signals.finalized.connect(finalized)
