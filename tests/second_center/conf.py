"""Another MEP center's settings (an invented one), to show the kit adopts a center by
settings and content alone: nothing of the shipped center may come from the theme or the
plugin."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path[:0] = [ROOT]

from publishconf import *  # noqa: E402,F403

CENTER = {
    "name": "Northwind MEP",
    "long_name": "Northwind MEP, the Example State MEP center",
    "state": "Example State",
    "phone": "555-0100",
    "url": "https://northwind.example",
    "tagline": "Helping Example State's manufacturers compete",
    "network": "MEP National Network",
}
SERVICE_LINES = {
    "Lean Operations": "Shorter lead times and less waste.",
    "Export Growth": "New customers abroad.",
}
BANNER = None
HOME_FIGURES = ["northwind-clients", "northwind-savings", "national-clients"]
EXPLAINER = "articles/about-mep.md"
SITENAME = CENTER["name"]
SITESUBTITLE = CENTER["tagline"]
AUTHOR = CENTER["name"]
SITEURL = CENTER["url"]
FEED_DOMAIN = SITEURL
PATH = os.path.join(HERE, "content")
THEME = os.path.join(ROOT, "theme")
PLUGIN_PATHS = [os.path.join(ROOT, "plugins")]
NAVIGATION = [("Home", ""), ("About MEP", "about-mep/"), ("Services", "services/"), ("Case Studies", "posts/"), ("Search", "search/")]
