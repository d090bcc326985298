"""Production settings for the fixture site: publishconf.py plus the fixture's overrides."""

import os
import sys

sys.path[:0] = [os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), os.path.dirname(os.path.abspath(__file__))]

from conf import FIXTURE  # noqa: E402

from publishconf import *  # noqa: E402,F403

globals().update(FIXTURE)
