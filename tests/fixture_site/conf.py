"""Development settings for the small fixture site the tests build: the real settings and
theme, with this folder's content and a shorter Recent Posts list."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path[:0] = [ROOT, HERE]

from pelicanconf import *  # noqa: E402,F403

FIXTURE = {
    "PATH": os.path.join(HERE, "content"),
    "THEME": os.path.join(ROOT, "theme"),
    "PLUGIN_PATHS": [os.path.join(ROOT, "plugins")],
    "RECENT_POSTS_COUNT": 3,
    "EXPLAINER": "articles/news.md",
    "NAVIGATION": [("Home", ""), ("News", "{filename}/articles/news.md"), ("Services", "services/"), ("Case Studies", "posts/"),
                   ("About", "{filename}/pages/about.md"), ("Search", "search/")],
}
globals().update(FIXTURE)
