"""Pages rendered once and kept, under a key of everything their rendering reads.

Rendering the theme's templates is most of a build's work, and after one post is edited,
nearly every page renders to the bytes it had before. So the writer renders through
:class:`RenderCache`: each page is kept in ``RENDER_CACHE_PATH`` (``.cache/render``) under a
key of what it is made from, and a later build with the same key takes the page from there
instead of rendering it. Pelican still writes every file and sends its signals (the sitemap,
the search index and the list of written files are as ever); only ``template.render`` is
skipped.

The key of a page is made of:

* the site's key (:func:`site_key`), once per build: the read cache's recipe (every setting,
  the plugin's code, the theme, the figures registry, the lock file, the libraries'
  versions; so the site's language, ``DEFAULT_LANG``, and the catalogs of the kit's words,
  which are files of the plugin's folder, :mod:`mep_kit.languages`), the list of every post, page and event as lists show it (every field but the
  body, its address and status: :func:`listing`), the images the build made (variants and
  share cards), the static files, and what the build's now decides (which events are
  upcoming, the banner);
* the template, the file written and the ``SITEURL`` it is written for;
* what the page's own rendering is given besides the site's shared context: its post, page
  or event (with its rendered body, the one body a page shows), its page of a list, its
  service line or tag (:func:`signature`). A value of a kind not known here makes the page
  rendered every time: the cache never guesses.

Rendering a page has no effect on the build but its text: the files a page's ``<picture>``
names are put in the output whether or not it is rendered (:meth:`mep_kit.images.site.SiteImages.
process`), and so are the theme's assets (:meth:`mep_kit.outputs.assets.AssetUrls.prepare`). So a body
edit renders the edited post's page again (and the feeds, which Pelican writes
apart and which carry bodies); a change of any field a list shows renders every page; a change
of the settings, the theme, the plugin, the registry or the lock renders everything. A page
is kept whole or not at all (written beside its place, then renamed). When a build starts,
the pages no build of the last :data:`KEEP_BUILDS` used are removed (:func:`forget_old`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from markupsafe import Markup
from pelican.contents import Content
from pelican.paginator import Page as ListPage
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper

#: Builds whose pages are kept (a writer alternates development and production builds).
KEEP_BUILDS = 4
#: The file that lists when the last builds started (never published: .cache is not).
BUILDS_FILE = "builds.json"

_PLAIN = (str, int, float, bool, type(None), Markup)


def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def item_fields(item) -> list:
    """What lists show of a post, page or event: every field but its body, with its address
    and status, each value as its ``repr`` (stable for every type the reader makes)."""
    metadata = getattr(item, "metadata", {}) or {}
    return [
        getattr(item, "source_path", ""),
        str(getattr(item, "url", "")),
        str(getattr(item, "save_as", "")),
        str(getattr(item, "status", "")),
        str(getattr(item, "lang", "")),
        str(getattr(item, "summary", "")),
        sorted((key, repr(value)) for key, value in metadata.items()),
    ]


def listing(items: Iterable) -> str:
    """The digest of every item's :func:`item_fields`, whatever order they come in."""
    return _digest(sorted(json.dumps(item_fields(item), default=str) for item in items))


def site_key(recipe: str, items: Iterable, images: Iterable, statics: Iterable[tuple[str, str]], now_state) -> str:
    """The site's key (see the module): ``images`` and ``now_state`` as lists of plain values."""
    return _digest(recipe, listing(items), sorted(map(repr, images)), sorted(statics), repr(now_state))


def signature(value, listed: bool = False):
    """A stable description of one value a page is given, or None when its kind is not known
    (the page is then rendered every time). A post, page or event is its source file and, as
    the page's own (not ``listed``), its rendered body: what lists show of it is in the site's
    key, and no list shows a body."""
    if isinstance(value, Content):
        if listed:
            return ["listed", value.source_path]
        return ["content", value.source_path, hashlib.sha256(str(value.content).encode("utf-8")).hexdigest()]
    if isinstance(value, _PLAIN):
        return repr(value)
    if isinstance(value, URLWrapper):
        return repr(value)
    if isinstance(value, ListPage):
        items = [signature(item, listed=True) for item in value.object_list]
        return None if None in items else ["page", value.number, value.paginator.num_pages, items]
    if isinstance(value, Paginator):
        return ["paginator", value.num_pages, value.count]
    if isinstance(value, (list, tuple)):
        items = [signature(item, listed=True) for item in value]
        return None if None in items else items
    return None


class RenderCache:
    """The kept pages of one build (see the module)."""

    def __init__(self, folder, site: str, shared: Mapping):
        self.folder = Path(folder)
        self.site = site
        self.shared = shared  # the context every page of the build starts from
        self.hits = self.misses = 0
        # A list a page is given is often given to the next pages too (a service line's posts,
        # to each page of its list): described once, by its digest. Each list is kept with
        # its description, so its id is not reused while the build lasts.
        self._lists: dict[int, tuple[object, str | None]] = {}

    def _described(self, value):
        if not isinstance(value, (list, tuple, ListPage)):
            return signature(value)
        known = self._lists.get(id(value))
        if known is None or known[0] is not value:
            described = signature(value)
            known = self._lists[id(value)] = (value, None if described is None else _digest(described))
        return known[1]

    def key(self, template_name: str, localcontext: Mapping) -> str | None:
        own = {}
        for name, value in localcontext.items():
            if name in self.shared and self.shared[name] is value:
                continue
            described = self._described(value)
            if described is None:
                return None
            own[name] = described
        return _digest(self.site, template_name, own)

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def load(self, key: str) -> str | None:
        """The page kept under ``key`` (written whole or not at all: :meth:`keep`), or None."""
        path = self.path(key)
        try:
            data = path.read_bytes()
            os.utime(path)  # used by this build: kept
            return data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def keep(self, key: str, page: str) -> None:
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".page-", dir=path.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(page.encode("utf-8"))
            os.replace(temporary, path)
        except OSError:  # a read-only checkout builds, only without the cache
            pass

    def render(self, template, localcontext) -> str:
        key = self.key(getattr(template, "name", "") or "", localcontext)
        if key is not None:
            kept = self.load(key)
            if kept is not None:
                self.hits += 1
                return kept
        self.misses += 1
        page = template.render(localcontext)
        if key is not None:
            self.keep(key, page)
        return page

    def wrap(self, template) -> Cached:
        return Cached(template, self)


class Cached:
    """A template whose ``render`` goes through a :class:`RenderCache`."""

    def __init__(self, template, cache: RenderCache):
        self.template = template
        self.cache = cache
        self.name = getattr(template, "name", None)

    def render(self, localcontext) -> str:
        return self.cache.render(self.template, localcontext)


def forget_old(folder, keep: int = KEEP_BUILDS, now: float | None = None) -> int:
    """Note a build started at ``now``, and remove the pages no build of the last ``keep``
    used (their files were last touched before the oldest of those started). Returns how
    many were removed."""
    folder = Path(folder)
    now = time.time() if now is None else now
    try:
        folder.mkdir(parents=True, exist_ok=True)
        record = folder / BUILDS_FILE
        try:
            starts = [float(start) for start in json.loads(record.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            starts = []
        starts = sorted([*starts, now])[-keep:]
        record.write_text(json.dumps(starts), encoding="utf-8")
        oldest, removed = starts[0], 0
        for path in folder.glob("*/*"):
            if path.is_file() and path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
    except OSError:
        return 0
