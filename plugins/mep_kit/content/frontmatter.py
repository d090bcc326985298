"""Where each front-matter field of a Markdown file is, for messages that name its line.

The values themselves come from Python-Markdown's ``meta`` extension, as Pelican reads
them; this only finds the line each key starts on, and the line where the body starts.
"""

from __future__ import annotations

import re

KEY_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):")
FENCE_RE = re.compile(r"^-{3}\s*$")


def field_lines(text: str) -> tuple[dict[str, int], int]:
    """(lower-case key -> line of its first occurrence, line where the body starts)."""
    lines = text.splitlines()
    where: dict[str, int] = {}
    index = 1 if lines and FENCE_RE.match(lines[0]) else 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() or (index > 0 and re.match(r"^(-{3}|\.{3})\s*$", line)):
            index += 1
            break
        match = KEY_RE.match(line)
        if match:
            where.setdefault(match.group("key").lower(), index + 1)
        elif not line.startswith("    "):
            break
        index += 1
    return where, index + 1
