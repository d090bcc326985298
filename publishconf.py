"""Production settings: exactly what is published.

Everything of pelicanconf.py, with what only the public site needs (the kit's production(),
plugins/mep_kit/conventions.py): absolute URLs, feeds, no drafts, and posts dated in the
future left out until their day.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403
from pelicanconf import CENTER

# pelicanconf has put plugins/ on the path, for mep_kit:
# isort: split
from mep_kit.conventions import production

# The public address of the site: SITEURL in the environment (a staging host, a GitHub Pages
# project address), else the center's own address; and the dialect of _headers for the host,
# "netlify" (default) or "cloudflare-pages", from HEADERS_HOST.
globals().update(production(os.environ.get("SITEURL", CENTER["url"]), os.environ.get("HEADERS_HOST", "netlify")))
