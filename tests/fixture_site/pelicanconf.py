"""Settings of the tests' fixture site: an invented center of its own, with the kit's settings
(plugins/mep_kit/conventions.py) and never the shipped center's. The kit's behaviour is tested
on it, so the tests pass whatever center the kit is adopted for.

It works in place (tests/fixture_site/, the kit two folders up) and as the settings of a copy
of the project (support.copy_project: pelicanconf.py beside theme/ and plugins/)."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KIT = HERE if os.path.isdir(os.path.join(HERE, "plugins")) else os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(KIT, "plugins"))
from mep_kit.conventions import *  # noqa: E402,F403

PATH = os.path.join(HERE, "content")
THEME = os.path.join(KIT, "theme")
PLUGIN_PATHS = [os.path.join(KIT, "plugins")]

# ---------------------------------------------------------------------------
# Center identity (invented)
# ---------------------------------------------------------------------------
CENTER = {
    "name": "Fixture MEP",
    "long_name": "Fixture MEP, the Example State center",
    "state": "Example State",
    "phone": "555-0199",
    "url": "https://fixture-mep.example",
    "tagline": "Helping Example State's manufacturers grow",
    "network": "MEP National Network",
}
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
BRAND = {"primary": "#005ea2", "accent": "#ffbf47"}
BANNER = None
SERVICE_LINES = {
    "Supply Chain Management": "Reliable suppliers and resilient supply chains.",
    "Technology Adoption": "Technology that makes a shop more productive.",
    "Workforce Development": "Training for employees, supervisors and leaders.",
    "Business Growth": "New markets and new products.",
    "Continuous Improvement & Lean Strategies": "Lean methods that take waste out of processes.",
    "Quality Management & Certifications": "Quality systems, audits and certifications.",
    "Cybersecurity & Compliance": "Protecting data and meeting customers' security rules.",
    "Environmental Health & Safety": "Safer workplaces and less waste.",
    "Human Resources": "People practices for a growing company.",
}
HOME_FIGURES = ["center-sales", "center-savings", "center-investment", "center-jobs"]
EXPLAINER = "articles/news.md"
NAVIGATION = [
    ("Home", ""),
    ("News", "{filename}/" + EXPLAINER),
    ("Services", "services/"),
    ("Case Studies", "posts/"),
    ("Events", "events/"),
    ("By the Numbers", "numbers/"),
    ("About", "{filename}/pages/about.md"),
    ("Contact", "{filename}/pages/contact.md"),
    ("Search", "search/"),
]
ADMIN_SAVE_AS = ""
# A shorter Recent Posts list than the kit's default of 10, so the fixture's few posts fill it.
RECENT_POSTS_COUNT = 3

SITENAME = CENTER["name"]
SITESUBTITLE = CENTER["tagline"]
AUTHOR = CENTER["name"]
