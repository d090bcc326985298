"""Development settings of the MEP center site.

To adopt the kit for another MEP center, edit the "Center identity" block below (and the
content); the kit's own settings, the same for every center, come from
plugins/mep_kit/conventions.py, and any of them can be set again at the end of this file.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))
from mep_kit.conventions import *  # noqa: F403  (the kit's settings; see its docstring)

# ---------------------------------------------------------------------------
# Center identity: the one block another MEP center edits to adopt the kit.
# Templates read every name, number, colour and address from here.
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
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"

# The center's brand: its main colour (links, buttons; the header and footer are a deep shade
# of it), an accent for the focus highlight, and optionally its logo, an image under
# content/images/ shown in the header in place of the name. The build derives the whole
# palette, light and dark, and refuses colours whose text would fall below WCAG AA contrast.
BRAND = {
    "primary": "#005ea2",
    "accent": "#ffbf47",
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

# The home page: the figures it features (keys of content/data/figures.toml; the heading names
# their period when they share one) and the article that explains the MEP (its file under
# content/).
HOME_FIGURES = ["center-sales", "center-savings", "center-investment", "center-jobs"]
EXPLAINER = "articles/breaking-it-down-mep-explained.md"

# The menu, in order: (label, address). An address is a path relative to SITEURL, a post or
# page as "{filename}/pages/about.md" (the menu follows it if its Slug changes), or an https
# address. Each is checked like a link: one that leads nowhere stops the build.
NAVIGATION = [
    ("Home", ""),
    ("MEP Explained", "{filename}/" + EXPLAINER),
    ("Services", "services/"),
    ("Case Studies", "posts/"),
    ("Events", "events/"),
    ("By the Numbers", "numbers/"),
    ("About", "{filename}/pages/about.md"),
    ("Contact", "{filename}/pages/contact.md"),
    ("Search", "search/"),
]

# The writers' editor in the browser (Decap CMS), at /admin/ of the built site: off until the
# site's repository is set in ADMIN_BACKEND and sign-in is set up (README, "Editing in the
# browser"); then set ADMIN_SAVE_AS = "admin".
ADMIN_SAVE_AS = ""

# ---------------------------------------------------------------------------
# End of the center identity. What follows comes from it.
# ---------------------------------------------------------------------------
SITENAME = CENTER["name"]
SITESUBTITLE = CENTER["tagline"]
AUTHOR = CENTER["name"]
