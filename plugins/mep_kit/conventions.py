"""The kit's Pelican settings: the same for every center.

Where content lives, the addresses of pages, Markdown and typography, the plugins, and what
development and production builds write. ``pelicanconf.py`` imports them above the center's
identity block (``from mep_kit.conventions import *``), so a center's settings file holds only
what is its own, and may still set any of these after the import to do otherwise. The tests'
fixture sites import them too, and never a center's settings.

:func:`production` gives what ``publishconf.py`` changes for the published site.
"""

from pelican.plugins.webassets.vendor.webassets.cache import MemoryCache

from .core.marker import N_

SITEURL = ""  # relative addresses while developing; production() sets the real one
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles", "case-studies"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
IGNORE_FILES = [".#*", "_*", "README.md"]

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# mep_kit: the site's own plugin (plugins/mep_kit). From the pelican-plugins packages:
# neighbors (previous/next post links) and webassets (content-hashed CSS/JS file names).
PLUGINS = ["mep_kit", "pelican.plugins.neighbors", "pelican.plugins.webassets"]
# Fingerprinted assets: theme/assets/site.<hash>.css. Versions are remembered in memory for
# the build, so no cache folder or manifest file is written into output/.
WEBASSETS_CONFIG = [("cache", MemoryCache(16)), ("manifest", "cache"), ("url_expire", False), ("versions", "hash")]
WEBASSETS_DEBUG = False

# Clean directory URLs: /slug/ everywhere.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# A post's or page's translation (Lang: es, the slug of the original): es/<slug>/.
ARTICLE_LANG_URL = "{lang}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{lang}/{slug}/"
DRAFT_LANG_SAVE_AS = "drafts/{lang}/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
CATEGORY_URL = "services/{slug}/"
CATEGORY_SAVE_AS = "services/{slug}/index.html"
CATEGORIES_URL = "services/"
CATEGORIES_SAVE_AS = "services/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# The full, paginated list of posts behind "Show More".
INDEX_URL = "posts/"
INDEX_SAVE_AS = "posts/index.html"
HOME_SAVE_AS = "index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"

DIRECT_TEMPLATES = ["home", "index", "categories", "tags", "archives", "search"]
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# The category of articles (case studies are their service lines'), as feeds name it; said in
# the site's language (mep_kit.plugin.initialized).
DEFAULT_CATEGORY = N_("Articles")
USE_FOLDER_AS_CATEGORY = False
DISPLAY_CATEGORIES_ON_MENU = False
DISPLAY_PAGES_ON_MENU = False

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
# Typogrify makes quotes, dashes and ellipses typographic in every text (titles and summaries
# too), so Markdown's own smarty extension would only do the same work twice. "oldschool":
# -- is an en dash and --- an em dash, as Markdown writers expect.
TYPOGRIFY = True
TYPOGRIFY_DASHES = "oldschool"
# Impact callouts are already formatted by the plugin: typogrify must not touch them.
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "figure", "data"]
# The theme styles none of the spans that typogrify's "amp", "caps" and "initial_quotes"
# filters wrap around ampersands, runs of capitals and opening quotes, so they are left out:
# the same page to the reader, fewer bytes, and a quarter less typogrify time per file.
TYPOGRIFY_OMIT_FILTERS = ["amp", "caps", "initial_quotes"]
SUMMARY_MAX_LENGTH = 40

# Development: show future-dated posts; no feeds (production() turns them on).
WITH_FUTURE_DATES = True
FEED_DOMAIN = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = False
# Pelican's own content cache knows files by their times alone; the plugin keeps what it reads
# in .cache/read/, keyed on each file's bytes and on everything else reading depends on.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False


def production(siteurl: str, headers_host: str = "netlify") -> dict:
    """What the published site changes: its public address (absolute URLs), feeds of all
    posts and of each service line, no posts dated in the future (they are published by the
    first build after their date), no drafts, a clean output folder, and the dialect of
    ``_headers`` for the host ("netlify" or "cloudflare-pages")."""
    siteurl = siteurl.rstrip("/")
    return {
        "SITEURL": siteurl,
        "RELATIVE_URLS": False,
        "FEED_DOMAIN": siteurl,
        "FEED_ALL_ATOM": "feeds/all.atom.xml",
        "FEED_ALL_RSS": "feeds/all.rss.xml",
        "CATEGORY_FEED_ATOM": "feeds/services/{slug}.atom.xml",
        "CATEGORY_FEED_RSS": "feeds/services/{slug}.rss.xml",
        "WITH_FUTURE_DATES": False,
        "DRAFT_SAVE_AS": "",
        "DRAFT_LANG_SAVE_AS": "",
        "DRAFT_PAGE_SAVE_AS": "",
        "DRAFT_PAGE_LANG_SAVE_AS": "",
        "DRAFT_EVENT_SAVE_AS": "",
        "DELETE_OUTPUT_DIRECTORY": True,
        "HEADERS_HOST": headers_host,
    }


__all__ = [name for name in globals() if name.isupper()]
