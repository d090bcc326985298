"""Pages kept between builds: a post or page whose inputs are those of the last build is
written from ``.cache/pages`` instead of being rendered again.

What a post's page shows depends on far more than the post: the theme, the settings, the
plugin, every other post's title, date, address and summary (lists, neighbours, related
posts, Recent Posts), the images. So each page is kept under two keys:

* the *site key* (:func:`site_key`), one per build: the read cache's recipe (settings,
  plugin, theme, registry, lock files, versions), and everything the templates can reach
  apart from the bodies: every value of the shared context, every post and page as it
  stands (each attribute, its address) and the processed images. Change any title, date,
  tag, setting or template and it changes, and every page is rendered again. An object it
  cannot spell out (:class:`Unknown`) turns the cache off for that build.
* the *reads* of the page: the bodies and summaries (:func:`note_read`) its templates
  asked for while it was rendered (through a post's ``content`` and ``summary``, which
  :mod:`mep_kit.content` notes), each with a digest of what they got, and the image files
  (:func:`note_file`) the page needs published. Bodies are left out of the site key, so
  that editing one body renders again only the pages that show it: its own page, and any
  that shows its summary if the summary changed. (The kit's schema asks every post for a
  ``Summary``, a field, so in practice an edited body renders its own page only.) Content
  of a kind the plugin does not note is keyed by its body too.

A page is taken from the cache when its site key, its template, its own arguments (which
post, which category) and the digest of every body and summary it read are this build's.
Values worked out once per build and reused on many pages (a card, the Recent Posts aside, a
``<picture>``) keep what they read (:func:`capture`) and report it again each time they are
reused (:func:`replay`), so a page's reads are complete however the value was reached. A
page that logged a warning while rendered is not kept (a strict build must see it again).
Feeds and lists are always rendered.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import hashlib
import json
import logging
import marshal
import os
import pickle
import sys
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

#: Site keys whose pages are kept.
KEEP_SITES = 3
#: Attributes of a post that the site key leaves out: the body (a read), the shared
#: context and settings (in the key on their own) and the plugin's per-build memos.
UNKEYED_ATTRIBUTES = frozenset({"_content", "_context", "settings", "_pictured_content", "_settled_values", "_summaries"})
#: Context values that change while pages are written (Pelican's ``localsiteurl``),
#: and the settings that name where the build writes, not what it writes (as for the read
#: cache's recipe).
UNKEYED_CONTEXT = frozenset({"localsiteurl", "OUTPUT_PATH"})
#: Context lists in no fixed order: Pelican lists static files from a set, so their order
#: changes from run to run (and no page can depend on it, or no two builds would match).
UNORDERED_CONTEXT = frozenset({"staticfiles"})
logger = logging.getLogger(__name__)


# --- what a page reads ------------------------------------------------------------------------

@dataclasses.dataclass
class Effects:
    """What rendering read (``(kind, source, siteurl) -> digest``) and the files it needs
    published (``save_as -> cached path``)."""

    reads: dict = dataclasses.field(default_factory=dict)
    files: dict = dataclasses.field(default_factory=dict)
    stop_reads: bool = False


_frames: list[Effects] = []


@contextmanager
def capture(stop_reads: bool = False):
    """Record what is read and published inside the block (and still report it to the
    blocks around it; with ``stop_reads``, reads stop at this block)."""
    frame = Effects(stop_reads=stop_reads)
    _frames.append(frame)
    try:
        yield frame
    finally:
        _frames.pop()


def digest(text) -> str:
    return hashlib.sha1(str(text).encode("utf-8")).hexdigest()


def note_read(item, kind: str, siteurl: str, value_digest: str) -> None:
    for frame in reversed(_frames):
        frame.reads[(kind, item.source_path, siteurl)] = value_digest
        if frame.stop_reads:
            break


def note_file(save_as: str, path) -> None:
    for frame in _frames:
        frame.files[save_as] = path


def replay(effects: Effects, reads: bool = True) -> None:
    """Report again what a value worked out earlier read and published."""
    if reads:
        for (kind, source, siteurl), value in effects.reads.items():
            for frame in reversed(_frames):
                frame.reads[(kind, source, siteurl)] = value
                if frame.stop_reads:
                    break
    for frame in _frames:
        frame.files.update(effects.files)


def read_value(item, kind: str, siteurl: str) -> str:
    """The digest of a post's body or summary at ``siteurl`` now (to check a kept page)."""
    with capture(stop_reads=True):
        value = item.get_content(siteurl) if kind == "content" else item.summary_at(siteurl)
    return digest(value)


# --- the site key -----------------------------------------------------------------------------

class Unknown(Exception):
    """A value the site key cannot spell out: the page cache is off for the build."""


class Fingerprint:
    """Values as JSON data that equal values share: posts by their source, and each post
    met spelt out once (:meth:`contents`)."""

    def __init__(self, opaque: tuple = ()):
        self.opaque = opaque
        self.found: dict[str, Content] = {}
        self.lenient = False

    def value(self, value):
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, (list, tuple)):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            return sorted([repr(key), self.value(item)] for key, item in value.items())
        if isinstance(value, (set, frozenset)):
            return sorted((self.value(item) for item in value), key=repr)
        if isinstance(value, Content):
            source = value.source_path
            self.found.setdefault(source, value)
            return ["content", type(value).__name__, source]
        if isinstance(value, URLWrapper):
            return [type(value).__name__, value.name, value.slug]
        if isinstance(value, (datetime.date, datetime.time)):
            return [type(value).__name__, value.isoformat(), str(getattr(value, "tzinfo", None))]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return [type(value).__qualname__, {field.name: self.value(getattr(value, field.name)) for field in dataclasses.fields(value)}]
        if isinstance(value, os.PathLike):
            return os.fspath(value)
        if isinstance(value, datetime.tzinfo):
            return ["tz", str(value)]
        if isinstance(value, decimal.Decimal):
            return ["Decimal", str(value)]
        function = getattr(value, "__func__", value)
        code = getattr(function, "__code__", None)
        if code is not None:  # a function or method: its code, as the settings file spells it
            return ["code", getattr(function, "__module__", ""), function.__qualname__, digest(marshal.dumps(code))]
        if isinstance(value, type) or isinstance(value, self.opaque):
            return ["object", getattr(value, "__module__", ""), getattr(value, "__qualname__", type(value).__qualname__)]
        if self.lenient:  # a setting: judged as the read cache's recipe judges it, by its type
            return ["object", type(value).__module__, type(value).__qualname__]
        raise Unknown(f"{type(value).__module__}.{type(value).__qualname__}")

    def contents(self) -> dict:
        """The digest of every post, page and static file met, spelt out (its attributes and
        address), by source path; one at a time, so that no spelling of the whole site is
        ever held in memory."""
        spelt = {}
        while len(spelt) < len(self.found):
            for source, item in list(self.found.items()):
                if source not in spelt:
                    state = {name: self.value(value) for name, value in vars(item).items() if name not in UNKEYED_ATTRIBUTES}
                    if not hasattr(item, "summary_at") and getattr(item, "_content", None):
                        state["_content"] = digest(item._content)  # its reads are not noted: key its body
                    spelt[source] = digest(_json([type(item).__name__, state, str(item.url), str(item.save_as)]))
        return spelt


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def site_key(recipe: str, context: dict, images_state, opaque: tuple = ()) -> tuple[str, dict]:
    """The build's site key and every post met, by source path; raises :class:`Unknown`.
    Each value is spelt out and added to the digest in turn (a site of 5,000 posts spelt out
    at once would take a hundred megabytes)."""
    fingerprint = Fingerprint(opaque)
    key = hashlib.sha256(recipe.encode("utf-8"))
    for name in sorted(context):
        if name in UNKEYED_CONTEXT:
            continue
        fingerprint.lenient = name.isupper()  # a setting
        value = context[name]
        key.update(_json([name, fingerprint.value(set(value) if name in UNORDERED_CONTEXT else value)]).encode("utf-8"))
    fingerprint.lenient = False
    key.update(_json(["images", fingerprint.value(images_state)]).encode("utf-8"))
    key.update(_json(sorted(fingerprint.contents().items())).encode("utf-8"))
    return key.hexdigest(), fingerprint.found


# --- the kept pages ---------------------------------------------------------------------------

@dataclasses.dataclass
class Kept:
    reads: dict
    files: dict
    text: str


class WarningCount(logging.Handler):
    """Counts the warnings and errors logged (a page that logs one is not kept)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


_warnings: WarningCount | None = None


def warning_count() -> WarningCount:
    global _warnings
    if _warnings is None:
        _warnings = WarningCount()
        logging.getLogger().addHandler(_warnings)
    return _warnings


class Recording:
    """A template that keeps what it rendered last: the exact text Pelican writes."""

    def __init__(self, template):
        self.template = template
        self.output = None

    def render(self, *args, **kwargs):
        self.output = self.template.render(*args, **kwargs)
        return self.output

    def __getattr__(self, name):
        return getattr(self.template, name)


def keeps(kwargs: dict, paginated, override_output: bool) -> bool:
    """Whether a call of Pelican's ``write_file`` writes one post's or page's own page."""
    return (paginated is None and not override_output and ("article" in kwargs or "page" in kwargs)
            and not {"articles", "dates"} & kwargs.keys())


class PageCache:
    """The kept pages of one site key, in ``folder/<site key>/``: one file per page."""

    def __init__(self, folder, key: str, contents: dict, opaque: tuple = ()):
        self.root = Path(folder)
        self.key = key
        self.folder = self.root / key
        self.contents = contents
        self.opaque = opaque
        self.hits = self.misses = 0
        self._arguments: dict[int, tuple] = {}
        self._values: dict[tuple, str] = {}
        self.warnings = warning_count()

    def page_key(self, name: str, template, relative_urls: bool, kwargs: dict) -> str:
        """A page's own arguments: its file, template and what Pelican passes for it (the
        same lists on every page are spelt out once)."""
        fingerprint = Fingerprint(self.opaque)
        parts = []
        for key, value in sorted(kwargs.items()):
            if isinstance(value, (list, tuple, dict)):
                found = self._arguments.get(id(value))
                if found is None or found[0] is not value:
                    found = self._arguments[id(value)] = (value, digest(json.dumps(fingerprint.value(value))))
                parts.append([key, found[1]])
            else:
                parts.append([key, fingerprint.value(value)])
        data = json.dumps([name, getattr(template, "name", None), relative_urls, parts], sort_keys=True)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def _path(self, page: str) -> Path:
        return self.folder / page[:2] / f"{page[2:]}.page"

    def _current(self, read) -> str | None:
        if read not in self._values:
            kind, source, siteurl = read
            item = self.contents.get(source)
            self._values[read] = read_value(item, kind, siteurl) if item is not None else None
        return self._values[read]

    def get(self, page: str) -> Kept | None:
        """The kept page, if every body and summary it read is as it was."""
        try:
            with open(self._path(page), "rb") as handle:
                kept = pickle.loads(zlib.decompress(handle.read()))
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or older entry: render the page
            return None
        if not isinstance(kept, Kept):
            return None
        for read, value in kept.reads.items():
            if self._current(read) != value:
                return None
        return kept

    def put(self, page: str, kept: Kept) -> None:
        path = self._path(page)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".page-", dir=path.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(zlib.compress(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL), 1))
            os.replace(temporary, path)
        except OSError as error:  # a read-only checkout builds, only without the cache
            print(f"mep_kit: could not keep a page in {self.folder}: {error}", file=sys.stderr)

    @contextmanager
    def rendering(self, template):
        """Record a page as it is rendered (``frame.template.output``: what was written);
        ``frame.clean``: whether it logged no warning."""
        before = self.warnings.count
        with capture() as frame:
            frame.template = Recording(template)
            yield frame
        frame.clean = self.warnings.count == before and isinstance(frame.template.output, str)

    def keep(self, page: str, frame) -> None:
        self.misses += 1
        if frame.clean:
            self.put(page, Kept(frame.reads, frame.files, frame.template.output))


def for_build(build) -> PageCache | None:
    """The page cache of a build about to write, or None (``invoke check``, no
    ``PAGE_CACHE_PATH``, or a value the site key cannot spell out)."""
    from .assets import AssetUrls
    from .readahead import recipe
    from .recent import PostCards, RecentPostsAside
    from .structured import StructuredData

    folder = build.settings.get("PAGE_CACHE_PATH")
    if build.check_only or not folder or build.images is None or not build.generators:
        return None
    opaque = (AssetUrls, PostCards, RecentPostsAside, StructuredData)
    name = build.readahead.name if build.readahead is not None else recipe(build.settings)
    try:
        key, contents = site_key(name, build.generators[0].context, build.images.fingerprint(), opaque)
    except Unknown as error:
        logger.info("mep_kit: every page is rendered anew: the page cache cannot spell out a %s in the site's context", error)
        return None
    return PageCache(folder, key, contents, opaque)


def prune(folder, key: str, keep: int = KEEP_SITES) -> None:
    """Keep the pages of the ``keep`` site keys used last (this build's first)."""
    folder = Path(folder)
    try:
        os.utime(folder / key)
    except OSError:
        return
    import shutil

    kept = sorted((path for path in folder.iterdir() if path.is_dir()), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in kept[keep:]:
        shutil.rmtree(old, ignore_errors=True)
