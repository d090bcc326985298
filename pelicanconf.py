"""Development settings for the MEP center site.

To adopt this kit for another MEP center, edit the "Center identity" block and the
service lines below it; everything else is the same for every center.
"""

# ---------------------------------------------------------------------------
# Center identity: the one block another MEP center edits to adopt the kit.
# Templates read every name, number and address from here.
# ---------------------------------------------------------------------------
CENTER = {
    "name": "CONNSTEP",
    "long_name": "CONNSTEP, Connecticut's MEP",
    "state": "Connecticut",
    "phone": "860-513-3200",  # shown as call (tel:) and text (sms:) links
    "url": "https://connstep.org",
    "tagline": "Helping Connecticut's small and medium-sized manufacturers grow",
    "network": "MEP National Network",
}

# The banner on every page is the next upcoming event (content/events/) until it ends.
# BANNER is for an announcement that is not an event: shown on every page until the end of
# `ends` (the build after that date leaves it out), in the event's place while it is current.
# `link` is a path on this site or a full URL. For example:
#   BANNER = {"text": "Our offices are closed on Friday.", "link": "contact/", "link_text": "Contact us", "ends": "2027-07-03"}
# The webinar the contact page invites to becomes the banner once it is an event with a date.
BANNER = None

# The service lines the center offers. Each becomes a category with its own page at
# /services/<slug>/ listing its case studies; case studies name theirs in `services:`.
SERVICE_LINES = {
    "Supply Chain Management": "Finding reliable suppliers, building resilient supply chains and winning new customers in them.",
    "Technology Adoption": "Choosing, planning and putting to work the technology that makes a shop more productive.",
    "Workforce Development": "Training that builds the skills of employees, supervisors and leaders.",
    "Business Growth": "Strategy, new markets and new products for manufacturers ready to grow.",
    "Continuous Improvement & Lean Strategies": "Lean methods that take waste out of processes, shorten setups and free up capacity.",
    "Quality Management & Certifications": "Quality systems, internal audits and certifications such as ISO 9001 and AS9100.",
    "Cybersecurity & Compliance": "Protecting data and systems and meeting the security rules customers require.",
    "Environmental Health & Safety": "Safer workplaces, less waste and more sustainable operations.",
    "Human Resources": "Policies and people practices that help a growing company hire, keep and lead its team.",
}

# The home page: the figures it features (keys of content/data/figures.toml, shown with the
# period of the first) and the article that explains the MEP (its file under content/).
HOME_FIGURES = ["center-sales", "center-savings", "center-investment", "center-jobs"]
EXPLAINER = "articles/breaking-it-down-mep-explained.md"

# The writers' editor in the browser (Decap CMS), at /admin/ of the built site: off until the
# site's repository is set in ADMIN_BACKEND and sign-in is set up (README, "Editing in the
# browser"); then set ADMIN_SAVE_AS = "admin".
ADMIN_SAVE_AS = ""

# ---------------------------------------------------------------------------
# Site
# ---------------------------------------------------------------------------
SITENAME = CENTER["name"]
SITESUBTITLE = CENTER["tagline"]
SITEURL = ""  # relative URLs while developing; publishconf.py sets the real one
AUTHOR = CENTER["name"]
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

PATH = "content"
ARTICLE_PATHS = ["articles", "case-studies"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
IGNORE_FILES = [".#*", "_*", "README.md"]
EXTRA_PATH_METADATA = {
    "extra/favicon.svg": {"path": "favicon.svg"},
    "extra/favicon.ico": {"path": "favicon.ico"},  # for clients that ask for /favicon.ico
}

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# mep_kit: this site's own plugin (plugins/mep_kit). From the pelican-plugins packages:
# neighbors (previous/next post links) and webassets (content-hashed CSS/JS file names).
PLUGINS = ["mep_kit", "pelican.plugins.neighbors", "pelican.plugins.webassets"]
# Fingerprinted assets: theme/assets/site.<hash>.css. Versions are remembered in memory for
# the build, so no cache folder or manifest file is written into output/.
from pelican.plugins.webassets.vendor.webassets.cache import MemoryCache  # noqa: E402

WEBASSETS_CONFIG = [("cache", MemoryCache(16)), ("manifest", "cache"), ("url_expire", False), ("versions", "hash")]
WEBASSETS_DEBUG = False

# Clean directory URLs: /slug/ everywhere.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
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
# Events (content/events/) are at /events/<slug>/, listed at /events/, with a calendar file
# beside each (/events/<slug>.ics) and one of every upcoming event at /feeds/events.ics: the
# plugin's defaults (EVENT_URL, EVENTS_URL, EVENTS_FEED_SAVE_AS, ...; see its settings.py).

DIRECT_TEMPLATES = ["home", "index", "categories", "tags", "archives", "search"]
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

DEFAULT_CATEGORY = "Articles"
USE_FOLDER_AS_CATEGORY = False
DISPLAY_CATEGORIES_ON_MENU = False
DISPLAY_PAGES_ON_MENU = False
# Navigation, in order. Paths are relative to SITEURL.
NAVIGATION = [
    ("Home", ""),
    ("MEP Explained", "breaking-it-down-mep-explained/"),
    ("Services", "services/"),
    ("Case Studies", "posts/"),
    ("Events", "events/"),
    ("By the Numbers", "numbers/"),
    ("About", "about/"),
    ("Contact", "contact/"),
    ("Search", "search/"),
]

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

# Development: show future-dated posts; no feeds (publishconf.py turns them on).
WITH_FUTURE_DATES = True
FEED_DOMAIN = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = False
# Pelican's own content cache knows files by their times alone; the plugin keeps what it reads
# in .cache/read/, keyed on each file's bytes and on everything else reading depends on.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# ---------------------------------------------------------------------------
# The mep_kit plugin (see plugins/mep_kit/__init__.py)
# ---------------------------------------------------------------------------
RECENT_POSTS_COUNT = 10
RELATED_POSTS_COUNT = 3
FIGURES_FILE = "data/figures.toml"
FIGURES_JSON_SAVE_AS = "data/figures.json"
NUMBERS_URL = "numbers/"
NUMBERS_SAVE_AS = "numbers/index.html"
JSON_FEED_SAVE_AS = "feeds/recent.json"
