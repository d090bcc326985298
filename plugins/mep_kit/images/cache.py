"""The image pipeline on every core, with a cache that makes an unchanged image free.

:func:`process_images` takes source images (name and bytes, or name and path), and gives
back, for each, a :class:`CachedImage` whose variant files lie in the cache folder (the
project's ``.cache/images/``, git-ignored), or the :class:`~mep_kit.images.pipeline.ImageError` that
stops it. An entry's key is the SHA-256 of the source's bytes, the settings that change
output bytes (:meth:`~mep_kit.images.pipeline.ImageSettings.fingerprint`) and the versions of Pillow
and of every codec library (:func:`~mep_kit.images.pipeline.library_versions`): the same key always
holds the same bytes, so a warm build writes exactly what a cold one does.

Work runs on a thread pool, in two steps per image: decode, orient and resize (one task),
then encode each (format, width) variant (one task each). Pillow releases the GIL while it
resizes and encodes, so the threads use every core (see ``tests/benchmarks/RESULTS.md``:
threads and processes measured side by side), and a single new image is spread over the
cores too. At most ``2 * workers`` decoded images are held at once, to bound memory.

An entry is written into a temporary folder and renamed into place in one step, so an
interrupted build leaves either a whole entry or none; a damaged entry is treated as missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from ..core.forking import cores
from . import pipeline as images
from .pipeline import EXTENSIONS, ImageError, ImageSettings, Variant

#: Where the project keeps its image cache, relative to the project folder.
DEFAULT_CACHE_PATH = ".cache/images"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class CachedFile:
    """One file in the cache: its format, size in pixels and bytes, and SHA-256."""

    format: str
    width: int
    height: int
    path: Path
    size: int
    sha256: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


@dataclass(frozen=True)
class CachedImage:
    """Every variant of one source, in the cache. ``width``/``height``: the largest variant's."""

    key: str
    width: int
    height: int
    alpha: bool
    variants: tuple[CachedFile, ...]

    @property
    def fallback(self) -> str:
        return images.fallback_format(self.alpha)

    def of_format(self, fmt: str) -> list[CachedFile]:
        return sorted((v for v in self.variants if v.format == fmt), key=lambda v: v.width)


class ImageCache:
    """A folder of entries, each a subfolder named by its key, holding ``manifest.json``
    and the files it lists. Generic: images and share cards both use it."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def _folder(self, key: str) -> Path:
        return self.root / key[:2] / key

    def load(self, key: str) -> dict | None:
        """The entry's manifest, each file's ``path`` made absolute, or None when it is
        missing or damaged (then it is removed, to be made again)."""
        folder = self._folder(key)
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            for item in manifest["files"]:
                path = folder / item["file"]
                if path.stat().st_size != item["size"]:
                    raise ValueError(f"{path}: size changed")
                item["path"] = path
            return manifest
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            shutil.rmtree(folder, ignore_errors=True)
            return None

    def store(self, key: str, manifest: dict, files: dict[str, bytes]) -> dict:
        """Write an entry whole (``manifest["files"]`` lists ``files`` by name) and return
        it as :meth:`load` would. Another build storing the same key at the same time is
        harmless: the first rename wins and the bytes are the same."""
        folder = self._folder(key)
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key[:16]}-", dir=folder.parent))
        try:
            for name, data in files.items():
                (staging / name).write_bytes(data)
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
            try:
                os.rename(staging, folder)
            except OSError:
                if not (folder / MANIFEST).is_file():
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        loaded = self.load(key)
        if loaded is None:
            raise OSError(f"{folder}: the image cache entry could not be read back")
        return loaded


def cache_key(kind: str, source_sha256: str, fingerprint: str, **extra) -> str:
    """The key of everything an entry depends on: what it is made from, the settings that
    change its bytes, and the library versions that encode it."""
    parts = {
        "kind": kind,
        "source": source_sha256,
        "settings": fingerprint,
        "versions": images.library_versions(),
        **extra,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def image_key(data: bytes, settings: ImageSettings) -> str:
    return cache_key("image", hashlib.sha256(data).hexdigest(), settings.fingerprint())


def _cached_image(key: str, manifest: dict) -> CachedImage:
    variants = tuple(
        CachedFile(item["format"], item["width"], item["height"], item["path"], item["size"], item["sha256"])
        for item in manifest["files"]
    )
    return CachedImage(key, manifest["width"], manifest["height"], manifest["alpha"], variants)


def store_image(
    cache: ImageCache, key: str, width: int, height: int, alpha: bool, variants: Iterable[Variant]
) -> CachedImage:
    files, listed = {}, []
    for variant in variants:
        name = f"{variant.width}.{EXTENSIONS[variant.format]}"
        files[name] = variant.data
        listed.append(
            {
                "file": name,
                "format": variant.format,
                "width": variant.width,
                "height": variant.height,
                "quality": variant.quality,
                "size": len(variant.data),
                "sha256": hashlib.sha256(variant.data).hexdigest(),
            }
        )
    manifest = {"width": width, "height": height, "alpha": alpha, "files": listed}
    return _cached_image(key, cache.store(key, manifest, files))


#: A source: its name as the writer wrote it (for errors) and its bytes or its path.
Source = tuple[str, "bytes | str | os.PathLike"]


def read_source(name: str, source: bytes | str | os.PathLike, settings: ImageSettings) -> bytes:
    """The bytes of a source, refusing a file over the size limit before reading it."""
    if isinstance(source, bytes):
        return source
    try:
        size = os.stat(source).st_size
        if size > settings.max_source_bytes:
            raise images.too_big(name, size, settings)
        with open(source, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise ImageError(
            name, "no such file; expected a path under the content folder, such as {static}/images/photo.jpg"
        ) from None
    except IsADirectoryError:
        raise ImageError(name, "is a folder; expected an image file") from None
    except OSError as exc:
        raise ImageError(name, f"cannot be read ({exc.strerror})") from None


def process_images(
    sources: Iterable[Source],
    settings: ImageSettings,
    cache: ImageCache,
    workers: int | None = None,
    encode: Callable[..., Variant] = images.encode_variant,
    report: Callable[[int, int], None] | None = None,
) -> dict[str, CachedImage | ImageError]:
    """Every source's variants, from the cache or made on ``workers`` threads (default: every
    core) and then cached. Returns ``{name: CachedImage or ImageError}`` in the sources'
    order. ``encode`` is :func:`mep_kit.images.pipeline.encode_variant` (tests count its calls);
    ``report(done, to_make)`` hears of each image made, and first of how many there are."""
    results: dict[str, CachedImage | ImageError] = {}
    pending: list[tuple[str, str, bytes]] = []
    for name, source in sources:
        try:
            data = read_source(name, source, settings)
            key = image_key(data, settings)
            manifest = cache.load(key)
            if manifest is not None:
                results[name] = _cached_image(key, manifest)
                continue
            images.inspect_image(data, name, settings)  # in this thread: it touches warning filters
        except ImageError as exc:
            results[name] = exc
            continue
        results[name] = None  # keeps the sources' order
        pending.append((name, key, data))
    report = report or (lambda done, total: None)
    report(0, len(pending))
    if pending:
        _make_all(
            pending, settings, cache, workers or cores(), encode, results, lambda done: report(done, len(pending))
        )
    return results


def _make_all(pending, settings, cache, workers, encode, results, made=lambda done: None) -> None:
    """Decode and encode ``pending`` on a pool of threads, holding at most ``2 * workers``
    decoded images at once, and store each image once its last variant is encoded."""
    queue = list(reversed(pending))
    in_flight: dict[Future, tuple] = {}
    jobs: dict[str, dict] = {}  # name -> the prepared image, its key, variants made so far
    live = 0  # images decoded or being decoded, not yet stored
    stored = 0
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="images") as pool:
        while queue or in_flight:
            while queue and live < 2 * workers:
                name, key, data = queue.pop()
                in_flight[pool.submit(images.prepare_image, data, name, settings)] = (name, key, None)
                live += 1
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                name, key, variant = in_flight.pop(future)
                if variant is None:  # an image decoded and resized: encode its variants
                    try:
                        prepared = future.result()
                    except ImageError as exc:
                        results[name], live = exc, live - 1
                        continue
                    order = [(fmt, w) for fmt in images.output_formats(prepared, settings) for w, _ in prepared.sizes]
                    jobs[name] = {"prepared": prepared, "order": order, "made": {}}
                    for fmt, w in order:
                        in_flight[pool.submit(encode, prepared.images[w], fmt, settings)] = (name, key, (fmt, w))
                    continue
                job = jobs[name]
                job["made"][variant] = future.result()
                if len(job["made"]) == len(job["order"]):
                    prepared = job.pop("prepared")
                    results[name] = store_image(
                        cache,
                        key,
                        prepared.width,
                        prepared.height,
                        prepared.alpha,
                        [job["made"][k] for k in job["order"]],
                    )
                    del jobs[name]
                    live -= 1
                    stored += 1
                    made(stored)
