"""Resolves the links of a built page to files of the build, for link-integrity tests."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup


def internal_targets(site, page: Path):
    """(attribute, url, target file or None, fragment) for every internal href/src."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    relative = page.relative_to(site.output).as_posix()
    base = f"{site.siteurl or 'http://localhost'}/{relative}"
    for tag in soup.find_all(["a", "link", "img", "script", "source"]):
        for attribute in ("href", "src"):
            url = tag.get(attribute)
            if not url or url.startswith(("mailto:", "tel:", "sms:", "data:")):
                continue
            absolute = urljoin(base, url)
            parts = urlsplit(absolute)
            root = urlsplit(site.siteurl or "http://localhost")
            if parts.netloc != root.netloc:
                continue  # external
            path = unquote(parts.path)[len(root.path):].lstrip("/")
            target = site.output / path
            if path == "" or path.endswith("/") or target.is_dir():
                target = target / "index.html"
            yield attribute, url, (target if target.is_file() else None), parts.fragment


def ids_in(path: Path) -> set[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return {tag["id"] for tag in soup.find_all(id=True)}


def broken_links(site) -> list[str]:
    """Every internal href/src (and #fragment) of the built site that resolves to nothing."""
    broken = []
    for page in site.html_files():
        for attribute, url, target, fragment in internal_targets(site, page):
            if target is None:
                broken.append(f"{page}: {attribute}={url} points to nothing")
            elif fragment and fragment not in ids_in(target):
                broken.append(f"{page}: {url}: no #{fragment}")
    return broken
