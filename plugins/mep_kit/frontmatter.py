"""Reads a Markdown file's front matter with line numbers, the way Python-Markdown's
``meta`` extension (which Pelican uses) reads it: ``Key: value`` lines from the top, optional
``---`` fences, indented continuation lines, ending at the first blank line."""

from __future__ import annotations

import re

META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?$")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?$")


def read_front_matter(text: str) -> tuple[dict[str, str], dict[str, int], int]:
    """Return (fields, line of each field, line where the body starts), keys lower-cased.

    A repeated key keeps its first line and joins the values with a comma, as lists are."""
    lines = text.splitlines()
    meta: dict[str, str] = {}
    where: dict[str, int] = {}
    index = 0
    if lines and BEGIN_RE.match(lines[0]):
        index = 1
    key = None
    while index < len(lines):
        line = lines[index]
        if not line.strip() or (index > 0 and END_RE.match(line)):
            index += 1
            break
        match = META_RE.match(line)
        if match:
            key = match.group("key").lower()
            value = match.group("value").strip()
            if key in meta:
                meta[key] = f"{meta[key]}, {value}"
            else:
                meta[key], where[key] = value, index + 1
        elif key and MORE_RE.match(line):
            meta[key] = f"{meta[key]} {MORE_RE.match(line).group('value').strip()}".strip()
        else:
            break  # not front matter: the body starts here (meta extension does the same)
        index += 1
    return meta, where, index + 1
