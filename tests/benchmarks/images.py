"""Benchmark: the image pipeline on 100 phone-size photos, cold (empty cache) and warm.

    .venv/bin/python tests/benchmarks/images.py [--photos 100] [--pool-sample 6]

It generates the photos with tests/photos.py (4000x3000, seeds 0..N-1, EXIF orientations
1/6/8/3 in turn, GPS, an ICC profile: what a phone commits), then:

1. cold: ``process_images`` over all of them into an empty cache (both cores);
2. warm: the same call again, which must encode nothing and return the same files;
3. threads against processes, side by side on ``--pool-sample`` photos, alternating, two
   rounds: the pipeline's thread pool (decode, then one task per variant), a process pool
   with one task per photo (``process_image`` in each worker), and one thread alone.

It prints the figures as Markdown for tests/benchmarks/RESULTS.md, with the variants'
sizes against the budget (a 1600-px variant at most 200 KB). Not a test: timings belong
here, not in pytest. The machine is shared: run it once, and compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import platform
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

from photos import phone_photo  # noqa: E402

from mep_kit.core.forking import cores  # noqa: E402
from mep_kit.images import pipeline as images  # noqa: E402
from mep_kit.images.cache import ImageCache, process_images  # noqa: E402
from mep_kit.images.pipeline import ImageSettings  # noqa: E402

ORIENTATIONS = (1, 6, 8, 3)


def generate(folder: Path, count: int, workers: int) -> list[tuple[str, Path]]:
    def one(n: int) -> tuple[str, Path]:
        path = folder / f"photo-{n:03d}.jpg"
        path.write_bytes(phone_photo(4000, 3000, seed=n, orientation=ORIENTATIONS[n % 4], gps=True))
        return f"images/{path.name}", path

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, range(count)))


def timed(function, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _whole_photo(item):
    name, path = item
    return images.process_image(Path(path).read_bytes(), name, ImageSettings())


def with_processes(sources, workers):
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_whole_photo, sources))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--pool-sample", type=int, default=6)
    args = parser.parse_args()
    workers = cores()
    settings = ImageSettings()
    load_before = os.getloadavg()[0]

    with tempfile.TemporaryDirectory(prefix="mep-images-") as tmp:
        tmp = Path(tmp)
        (tmp / "photos").mkdir()
        sources, generation, _ = timed(generate, tmp / "photos", args.photos, workers)
        source_bytes = sum(path.stat().st_size for _, path in sources)

        cache = ImageCache(tmp / "cache")
        cold, cold_wall, cold_cpu = timed(process_images, sources, settings, cache)
        errors = [str(r) for r in cold.values() if isinstance(r, images.ImageError)]
        assert not errors, errors
        encodes = []

        def counting(*a):
            encodes.append(a)
            return images.encode_variant(*a)

        warm, warm_wall, warm_cpu = timed(process_images, sources, settings, cache, encode=counting)
        assert warm == cold and not encodes, "the warm run encoded or changed something"
        digests_match = all(
            f.sha256 == hashlib.sha256(f.path.read_bytes()).hexdigest() for r in warm.values() for f in r.variants
        )

        files = [f for r in cold.values() for f in r.variants]
        manifests = [cache.load(r.key) for r in cold.values()]
        qualities = {(item["format"], item["width"]): [] for m in manifests for item in m["files"]}
        for m in manifests:
            for item in m["files"]:
                qualities[(item["format"], item["width"])].append(item["quality"])

        # Threads against processes, alternating, on a sample; each run into an empty cache.
        sample = sources[: args.pool_sample]
        runs = {"threads (pipeline)": [], "processes (one photo per task)": [], "one thread": []}
        for round_ in range(2):
            for label in runs:
                target = ImageCache(tmp / f"pool-{round_}-{len(runs[label])}-{label[:3]}")
                if label.startswith("threads"):
                    _, wall, _ = timed(process_images, sample, settings, target, workers)
                elif label.startswith("processes"):
                    _, wall, _ = timed(with_processes, sample, workers)
                else:
                    _, wall, _ = timed(process_images, sample, settings, target, 1)
                runs[label].append(wall)

    load_after = os.getloadavg()[0]
    n = len(sources)
    print(f"## Images: {n} phone photos, cold and warm ({datetime.date.today().isoformat()})\n")
    versions = images.library_versions()
    print(
        f"`tests/benchmarks/images.py --photos {n} --pool-sample {args.pool_sample}`. Machine: {workers} cores usable, "
        f"Python {platform.python_version()}, Pillow {versions['pillow']} (libjpeg-turbo {versions['libjpeg_turbo']}, "
        f"libwebp {versions['webp']}, libavif {versions['avif']} with {versions.get('avif_codecs')}). "
        f"Sources: {n} JPEGs of 4000x3000 with EXIF orientation, GPS and ICC, {source_bytes / 1e6:.0f} MB "
        f"(generated in {generation:.0f} s, not counted). Settings: the defaults ({settings.widths}, "
        f"AVIF q{settings.quality_of('avif')} speed {settings.avif_speed}, WebP q{settings.quality_of('webp')}, "
        f"JPEG q{settings.quality_of('jpeg')}). Load average (1 min) on the shared machine: "
        f"{load_before:.1f} before, {load_after:.1f} after.\n"
    )
    print("| run | wall | CPU (all threads) | per photo (wall) | encodes |")
    print("|---|---|---|---|---|")
    print(f"| cold: empty cache | {cold_wall:.1f} s | {cold_cpu:.1f} s | {cold_wall / n:.2f} s | {len(files)} files |")
    print(f"| warm: every photo cached | {warm_wall:.2f} s | {warm_cpu:.2f} s | {warm_wall / n * 1000:.1f} ms | 0 |")
    print(
        f"\ncold / warm: {cold_wall / warm_wall:.0f}x. Warm results equal to cold, every file's SHA-256 "
        f"as recorded: {digests_match}. CPU / wall in the cold run: {cold_cpu / cold_wall:.2f} (cores kept busy).\n"
    )
    print("Output sizes (KB, over the photos: median / max) and the quality each was written at:\n")
    print("| format | 400 px | 800 px | 1200 px | 1600 px | 1600 px at a lower quality (over budget) |")
    print("|---|---|---|---|---|---|")
    for fmt in ("avif", "webp", "jpeg"):
        cells = []
        for width in settings.widths:
            sizes = [f.size / 1000 for f in files if f.format == fmt and f.width == width]
            cells.append(f"{statistics.median(sizes):.0f} / {max(sizes):.0f}")
        lowered = sum(q < settings.quality_of(fmt) for q in qualities[(fmt, 1600)])
        print(f"| {fmt} | {' | '.join(cells)} | {lowered} of {len(qualities[(fmt, 1600)])} |")
    total = sum(f.size for f in files)
    print(
        f"\nAll {len(files)} files: {total / 1e6:.1f} MB for {source_bytes / 1e6:.0f} MB of sources. "
        f"What a browser with AVIF loads for a 1600-px slot: {statistics.median(f.size for f in files if f.format == 'avif' and f.width == 1600) / 1e3:.0f} KB "
        f"(median) instead of a {source_bytes / n / 1e6:.1f} MB original.\n"
    )
    print(
        f"Threads against processes, {len(sample)} photos, {workers} workers, two rounds alternating (wall, each round):\n"
    )
    base = statistics.median(runs["one thread"])
    for label, walls in runs.items():
        print(
            f"- {label}: {', '.join(f'{w:.1f} s' for w in walls)}; median {statistics.median(walls):.1f} s, "
            f"{base / statistics.median(walls):.2f}x one thread"
        )


if __name__ == "__main__":
    main()
