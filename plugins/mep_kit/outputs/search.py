"""The pages Pagefind indexes, laid out beside the site: only posts, pages and events, at their
own paths, so that the index and its addresses are those of the whole site."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..core.paths import link_or_copy


def search_folder(site) -> Path:
    """Where the build lays out, for Pagefind, the pages it indexes: beside the site, named
    after it (so an interrupted build's is removed with its staging folder)."""
    site = Path(site)
    return site.with_name(f"{site.name}-search")


def lay_out_for_search(site, pages) -> Path:
    """Hard-link (or copy) the ``pages`` of ``site`` (paths relative to it: the posts and
    pages, which carry ``data-pagefind-body``) into :func:`search_folder`, at the same
    paths, so that Pagefind reads only them: the index and its addresses are the same as
    from the whole site, without parsing every list page."""
    site, folder = Path(site), search_folder(site)
    shutil.rmtree(folder, ignore_errors=True)
    for page in pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(site / page, target)
    folder.mkdir(exist_ok=True)
    return folder
