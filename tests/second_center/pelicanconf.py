"""Another MEP center's settings (an invented one), to show the kit adopts a center by
settings and content alone: nothing of the shipped center may come from the theme or the
plugin, and a brand of its own (colours, logo) passes every page's accessibility checks.

Like the fixture site's, it works in place and as the settings of a copy of the project."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KIT = HERE if os.path.isdir(os.path.join(HERE, "plugins")) else os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(KIT, "plugins"))
from mep_kit.conventions import *  # noqa: E402,F403

PATH = os.path.join(HERE, "content")
THEME = os.path.join(KIT, "theme")
PLUGIN_PATHS = [os.path.join(KIT, "plugins")]

CENTER = {
    "name": "Northwind MEP",
    "long_name": "Northwind MEP, the Example State MEP center",
    "state": "Example State",
    "phone": "555-0100",
    "url": "https://northwind.example",
    "tagline": "Helping Example State's manufacturers compete",
    "network": "MEP National Network",
}
TIMEZONE = "America/Denver"
DEFAULT_LANG = "en"
BRAND = {"primary": "#6a1b9a", "accent": "#f2b705", "logo": "images/northwind-logo.svg"}
BANNER = None
SERVICE_LINES = {
    "Lean Operations": "Shorter lead times and less waste.",
    "Export Growth": "New customers abroad.",
}
HOME_FIGURES = ["northwind-clients", "northwind-savings", "national-clients"]
EXPLAINER = "articles/about-mep.md"
NAVIGATION = [
    ("Home", ""),
    ("About MEP", "{filename}/" + EXPLAINER),
    ("Services", "services/"),
    ("Case Studies", "posts/"),
    ("Search", "search/"),
]
SITENAME = CENTER["name"]
SITESUBTITLE = CENTER["tagline"]
AUTHOR = CENTER["name"]
