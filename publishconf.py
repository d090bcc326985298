"""Production settings: exactly what is published.

Imports everything from pelicanconf.py and switches on what only the public site needs:
absolute URLs, feeds, and leaving out posts dated in the future.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403
from pelicanconf import CENTER  # noqa: E402

# The public address of the site. Set SITEURL in the environment to publish elsewhere
# (a staging host, a GitHub Pages project URL); the default is the center's own address.
SITEURL = os.environ.get("SITEURL", CENTER["url"]).rstrip("/")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/services/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/services/{slug}.rss.xml"

# Posts dated in the future become drafts: they are published on the build after their date.
WITH_FUTURE_DATES = False
# Drafts are previewed in development only: production writes none.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_EVENT_SAVE_AS = ""
DELETE_OUTPUT_DIRECTORY = True

# _headers is written in the dialect of this host: "netlify" (default) or "cloudflare-pages".
HEADERS_HOST = os.environ.get("HEADERS_HOST", "netlify")
