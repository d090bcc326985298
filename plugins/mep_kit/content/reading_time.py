"""Reading time: whole minutes to read a post's text, shown on every post."""

from __future__ import annotations

import math
import re
from html import unescape

WORDS_PER_MINUTE = 200
_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")


def reading_minutes(html: str, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Whole minutes, at least one, to read the text of ``html`` at ``words_per_minute``."""
    words = len(_WORD.findall(unescape(_TAGS.sub(" ", html))))
    return max(1, math.ceil(words / words_per_minute))
