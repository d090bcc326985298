"""Responsive images from one source file: plain functions, bytes in, bytes out.

A writer commits a photo as the phone took it. :func:`process_image` turns its bytes into
the files a page serves:

* opened safely: a file over ``IMAGE_MAX_SOURCE_BYTES``, over ``IMAGE_MAX_SOURCE_PIXELS``
  (a decompression bomb), animated, damaged, or in a format other than JPEG, PNG, WebP,
  AVIF or GIF raises :class:`ImageError`, whose text is ready for a
  ``file:line: field: message`` report;
* turned upright by its EXIF orientation, converted to sRGB through its ICC profile, and
  stripped of every metadata block (EXIF with GPS, XMP, ICC, comments): only pixels are
  encoded;
* resized to ``IMAGE_WIDTHS`` (never upscaled; an image narrower than the largest width
  keeps its own width as the largest);
* encoded in ``IMAGE_FORMATS`` (AVIF and WebP) plus a fallback every browser reads: JPEG,
  or PNG for an image with transparency. A variant ``IMAGE_BUDGET_WIDTH`` wide (or wider)
  that comes out over ``IMAGE_BUDGET_BYTES`` (scaled by its area) is encoded again at a
  lower quality, down to ``IMAGE_MIN_QUALITY``.

The same bytes and settings give the same output bytes: every encoder runs single-threaded
with fixed options (libaom's output depends on its thread count), and nothing of the time
or the machine goes in. :mod:`mep_kit.images.cache` runs this on every core and caches it.
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

#: Bump when a change to this module changes the bytes it writes (it is part of every cache key).
PIPELINE_VERSION = 1

#: Settings of the image pipeline (pelicanconf.py) and their defaults.
DEFAULTS = {
    # Widths suited to the theme: the article column is at most 49rem (784 px) wide, so
    # 800 and 1600 serve it at 1x and 2x; 400 serves phones and cards; 1200 sits between.
    "IMAGE_WIDTHS": (400, 800, 1200, 1600),
    # Modern formats, best first; the JPEG or PNG fallback is always written too.
    "IMAGE_FORMATS": ("avif", "webp"),
    "IMAGE_QUALITY": {"avif": 60, "webp": 78, "jpeg": 78},
    # libaom's speed (0 slowest .. 10 fastest): 6 is its default, 10-15% smaller than 8.
    "IMAGE_AVIF_SPEED": 6,
    "IMAGE_BUDGET_WIDTH": 1600,
    "IMAGE_BUDGET_BYTES": 200_000,
    "IMAGE_MIN_QUALITY": 45,
    "IMAGE_MAX_SOURCE_BYTES": 25_000_000,
    # Pillow's own decompression-bomb limit (about 89 megapixels) is the ceiling.
    "IMAGE_MAX_SOURCE_PIXELS": Image.MAX_IMAGE_PIXELS,
}

#: Source formats accepted (Pillow's names): only these decoders are ever tried.
SOURCE_FORMATS = ("JPEG", "PNG", "WEBP", "AVIF", "GIF")
OUTPUT_FORMATS = ("avif", "webp", "jpeg", "png")
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
ORIENTATION = 0x0112
#: How much lower each retry of an over-budget variant encodes.
QUALITY_STEP = 8

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class ImageError(ValueError):
    """A source image the build cannot use. ``str()`` is ``"<name>: <reason>"``, where
    ``name`` is the image as the writer wrote it; the reader adds ``file:line: field:``."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class ImageSettings:
    """The pipeline's settings, checked. Only :meth:`fingerprint`'s fields change output bytes."""

    widths: tuple[int, ...] = DEFAULTS["IMAGE_WIDTHS"]
    formats: tuple[str, ...] = DEFAULTS["IMAGE_FORMATS"]
    quality: tuple[tuple[str, int], ...] = tuple(sorted(DEFAULTS["IMAGE_QUALITY"].items()))
    avif_speed: int = DEFAULTS["IMAGE_AVIF_SPEED"]
    budget_width: int = DEFAULTS["IMAGE_BUDGET_WIDTH"]
    budget_bytes: int = DEFAULTS["IMAGE_BUDGET_BYTES"]
    min_quality: int = DEFAULTS["IMAGE_MIN_QUALITY"]
    max_source_bytes: int = DEFAULTS["IMAGE_MAX_SOURCE_BYTES"]
    max_source_pixels: int = DEFAULTS["IMAGE_MAX_SOURCE_PIXELS"]

    def __post_init__(self):
        def whole(name, value, least=1, most=None):
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or value < least
                or (most is not None and value > most)
            ):
                span = f"from {least} to {most}" if most is not None else f"of at least {least}"
                raise ValueError(f"{name}: expected a whole number {span}, got {value!r}")

        if not self.widths:
            raise ValueError("IMAGE_WIDTHS: expected at least one width in pixels, got none")
        for width in self.widths:
            whole("IMAGE_WIDTHS", width, 16, 8192)
        object.__setattr__(self, "widths", tuple(sorted(set(self.widths))))
        for name in self.formats:
            if name not in ("avif", "webp"):
                raise ValueError(
                    f"IMAGE_FORMATS: expected 'avif' and/or 'webp', got {name!r} (the JPEG or PNG fallback is always written)"
                )
        quality = dict(self.quality)
        for name in ("avif", "webp", "jpeg"):
            if name not in quality:
                raise ValueError(
                    f"IMAGE_QUALITY: expected a quality for {name!r} (avif, webp and jpeg), got {sorted(quality)}"
                )
            whole(f"IMAGE_QUALITY['{name}']", quality[name], 1, 100)
        object.__setattr__(self, "quality", tuple(sorted(quality.items())))
        whole("IMAGE_AVIF_SPEED", self.avif_speed, 0, 10)
        whole("IMAGE_BUDGET_WIDTH", self.budget_width, 16)
        whole("IMAGE_BUDGET_BYTES", self.budget_bytes, 1)
        whole("IMAGE_MIN_QUALITY", self.min_quality, 1, 100)
        whole("IMAGE_MAX_SOURCE_BYTES", self.max_source_bytes, 1)
        whole("IMAGE_MAX_SOURCE_PIXELS", self.max_source_pixels, 1)
        if features.check("avif") is not True and "avif" in self.formats:
            raise ValueError(
                "IMAGE_FORMATS: this Pillow has no AVIF encoder; install Pillow 11.2 or newer from its wheels, or leave 'avif' out"
            )

    @classmethod
    def from_settings(cls, settings: Mapping) -> ImageSettings:
        """From Pelican's settings, each missing name taking its :data:`DEFAULTS` value."""
        get = lambda name: settings.get(name, DEFAULTS[name])
        quality = get("IMAGE_QUALITY")
        if not isinstance(quality, Mapping):
            raise ValueError(f"IMAGE_QUALITY: expected a dict such as {DEFAULTS['IMAGE_QUALITY']}, got {quality!r}")
        widths, formats = get("IMAGE_WIDTHS"), get("IMAGE_FORMATS")
        for name, value in (("IMAGE_WIDTHS", widths), ("IMAGE_FORMATS", formats)):
            if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
                raise ValueError(f"{name}: expected a list, got {value!r}")
        return cls(
            widths=tuple(widths),
            formats=tuple(formats),
            quality=tuple(quality.items()),
            avif_speed=get("IMAGE_AVIF_SPEED"),
            budget_width=get("IMAGE_BUDGET_WIDTH"),
            budget_bytes=get("IMAGE_BUDGET_BYTES"),
            min_quality=get("IMAGE_MIN_QUALITY"),
            max_source_bytes=get("IMAGE_MAX_SOURCE_BYTES"),
            max_source_pixels=get("IMAGE_MAX_SOURCE_PIXELS"),
        )

    def quality_of(self, fmt: str) -> int:
        return dict(self.quality)[fmt]

    def fingerprint(self) -> str:
        """Everything of the settings that changes the bytes written (not the source limits)."""
        return json.dumps(
            {
                "widths": self.widths,
                "formats": self.formats,
                "quality": self.quality,
                "avif_speed": self.avif_speed,
                "budget": [self.budget_width, self.budget_bytes, self.min_quality, QUALITY_STEP],
            },
            sort_keys=True,
        )


def library_versions() -> dict[str, str | None]:
    """Pillow and every codec library whose version can change the output bytes."""
    from PIL import __version__

    versions = {"pillow": __version__, "pipeline": str(PIPELINE_VERSION)}
    for name in ("jpg", "libjpeg_turbo", "webp", "avif", "zlib", "littlecms2", "freetype2"):
        versions[name] = features.version(name)
    if features.check("avif"):
        from PIL import _avif

        versions["avif_codecs"] = _avif.codec_versions()
    return versions


@dataclass(frozen=True)
class Variant:
    """One encoded file: ``format`` is one of :data:`OUTPUT_FORMATS`."""

    format: str
    width: int
    height: int
    quality: int
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class ProcessedImage:
    """Every file made from one source. ``width``/``height`` are the largest variant's."""

    width: int
    height: int
    alpha: bool
    variants: tuple[Variant, ...]


def fallback_format(alpha: bool) -> str:
    """The format every browser reads, written beside the modern ones: PNG for an image
    with transparency, else JPEG."""
    return "png" if alpha else "jpeg"


@dataclass
class PreparedImage:
    """A source decoded, upright, sRGB, metadata-free, and resized to each target width."""

    width: int
    height: int
    alpha: bool
    sizes: list[tuple[int, int]]
    images: dict[int, Image.Image] = field(repr=False)


def too_big(name: str, size: int, settings: ImageSettings) -> ImageError:
    """The error for a source file of ``size`` bytes, over ``IMAGE_MAX_SOURCE_BYTES``."""
    return ImageError(
        name,
        f"the file is {size / 1_000_000:.1f} MB; expected at most {settings.max_source_bytes / 1_000_000:.1f} MB (IMAGE_MAX_SOURCE_BYTES): export a smaller JPEG (4000 pixels wide is plenty)",
    )


def inspect_image(data: bytes, name: str, settings: ImageSettings) -> tuple[str, tuple[int, int]]:
    """Check a source before decoding it: its size in bytes, its format and its size in
    pixels (read from the header). Returns ``(format, (width, height))``; raises
    :class:`ImageError`. Call it from one thread only: it sets the warning filters while
    Pillow reads the header, to keep Pillow's own bomb warning out of the build's log."""
    if len(data) > settings.max_source_bytes:
        raise too_big(name, len(data), settings)
    with warnings.catch_warnings(record=True):  # Pillow's bomb warning: the check below says more
        warnings.simplefilter("always", Image.DecompressionBombWarning)
        try:
            image = _open(data, name)
        except Image.DecompressionBombError:
            raise ImageError(
                name,
                f"has too many pixels to decode safely (a decompression bomb?); expected at most {settings.max_source_pixels:,} pixels (IMAGE_MAX_SOURCE_PIXELS)",
            ) from None
    with image:
        _check_header(image, name, settings)
        return image.format, image.size


def _open(data: bytes, name: str) -> Image.Image:
    try:
        return Image.open(io.BytesIO(data), formats=SOURCE_FORMATS)
    except UnidentifiedImageError:
        raise ImageError(
            name,
            "is not an image the build can read; expected a JPEG, PNG, WebP, AVIF or GIF file (export HEIC photos as JPEG)",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(name, f"is damaged and cannot be read ({exc}); export it again") from None


def _check_header(image: Image.Image, name: str, settings: ImageSettings) -> None:
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageError(name, f"has no pixels ({width}x{height}); export it again")
    if width * height > settings.max_source_pixels:
        raise ImageError(
            name,
            f"is {width}x{height} = {width * height:,} pixels; expected at most {settings.max_source_pixels:,} (IMAGE_MAX_SOURCE_PIXELS): export it smaller",
        )
    if getattr(image, "n_frames", 1) > 1:
        raise ImageError(name, f"is animated ({image.n_frames} frames); expected a still image")


def target_sizes(width: int, height: int, widths: tuple[int, ...]) -> list[tuple[int, int]]:
    """The (width, height) of each variant of a ``width`` x ``height`` image: every
    configured width it covers, never upscaled; an image narrower than the largest width
    keeps its own width as the largest (replacing a configured width within 10% below it)."""
    chosen = [w for w in sorted(widths) if w <= width]
    if width < max(widths) and (not chosen or chosen[-1] != width):
        if chosen and chosen[-1] * 1.1 > width:
            chosen.pop()
        chosen.append(width)
    return [(w, max(1, round(w * height / width))) for w in chosen]


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def to_srgb(image: Image.Image) -> Image.Image:
    """``image`` as 8-bit RGB, or RGBA if it has transparency, its colours converted from
    its ICC profile (if any) to sRGB. A profile that cannot be read or does not fit the
    pixels is ignored: the pixels are then taken as sRGB, as a browser would take them."""
    alpha = _has_alpha(image)
    target = "RGBA" if alpha else "RGB"
    icc = image.info.get("icc_profile")
    if image.mode.startswith("I"):  # 16-bit greyscale (PNG): scale, or mid-grey turns white
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if image.mode not in ("RGB", "RGBA", "L", "CMYK"):
        image = image.convert(target)  # palette, 1-bit, LA, PA: to 8-bit RGB(A)
    if icc:
        colour = image.convert("RGB") if image.mode == "RGBA" else image
        try:
            converted = ImageCms.profileToProfile(
                colour,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                _SRGB,
                renderingIntent=ImageCms.Intent.PERCEPTUAL,
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = None
        if converted is not None:
            if image.mode == "RGBA":
                converted.putalpha(image.getchannel("A"))
            image = converted
    return image if image.mode == target else image.convert(target)


def decode(
    data: bytes, name: str, settings: ImageSettings, need: Callable[[int, int], tuple[int, int]] | None = None
) -> tuple[Image.Image, tuple[int, int]]:
    """Decode ``data`` (already passed by :func:`inspect_image`): upright, sRGB (RGB, or
    RGBA when something is transparent), with no metadata left. Returns the image and the
    upright size of the full picture. ``need(width, height)``, given that upright size, is
    the smallest size the caller will use: a JPEG is then decoded by libjpeg at 1/2, 1/4 or
    1/8 scale when that still covers it, which is several times faster."""
    image = _open(data, name)
    try:
        _check_header(image, name, settings)
        full = None
        if image.format == "JPEG" and need is not None:  # its EXIF comes before the pixels
            swapped = image.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8)
            full = (image.height, image.width) if swapped else image.size
            need_w, need_h = need(*full)
            image.draft(None, (need_h, need_w) if swapped else (need_w, need_h))
        image.load()
        image = ImageOps.exif_transpose(image)
        full = full or image.size
    except ImageError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        raise ImageError(name, f"is damaged and cannot be read ({exc}); export it again") from None
    image = to_srgb(image)
    if image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")  # an alpha channel with nothing transparent
    image.info = {}  # EXIF (GPS), XMP, ICC, comments, DPI: nothing but pixels goes on
    return image, full


def prepare_image(data: bytes, name: str, settings: ImageSettings) -> PreparedImage:
    """Decode ``data`` (see :func:`decode`) and resize it to each target width."""
    image, full = decode(data, name, settings, need=lambda w, h: target_sizes(w, h, settings.widths)[-1])
    sizes = target_sizes(*full, settings.widths)
    resized = {}
    for w, h in sizes:
        variant = image if (w, h) == image.size else image.resize((w, h), Image.Resampling.LANCZOS)
        variant.info = {}
        resized[w] = variant
    width, height = sizes[-1]
    return PreparedImage(width, height, image.mode == "RGBA", sizes, resized)


def budget_for(width: int, settings: ImageSettings) -> int | None:
    """The most bytes a variant ``width`` pixels wide may take: ``IMAGE_BUDGET_BYTES`` at
    ``IMAGE_BUDGET_WIDTH``, growing with the area above it; None for narrower variants."""
    if width < settings.budget_width:
        return None
    return settings.budget_bytes * width * width // (settings.budget_width * settings.budget_width)


def encode(image: Image.Image, fmt: str, quality: int, settings: ImageSettings) -> bytes:
    """``image`` in ``fmt`` (:data:`OUTPUT_FORMATS`) with no metadata, deterministically.
    Safe to call from several threads on the same image: ``Image.save`` keeps its options
    on the image object, so each call saves its own copy."""
    image = image.copy()
    image.info = {}
    out = io.BytesIO()
    if fmt == "avif":
        image.save(
            out,
            "AVIF",
            quality=quality,
            speed=settings.avif_speed,
            max_threads=1,
            subsampling="4:2:0",
            range="full",
            codec="auto",
        )
    elif fmt == "webp":
        image.save(out, "WEBP", quality=quality, method=4, exact=False)
    elif fmt == "jpeg":
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True, subsampling="4:2:0")
    elif fmt == "png":
        image.save(out, "PNG", optimize=True)
    else:
        raise ValueError(f"unknown output format {fmt!r}")
    return out.getvalue()


def encode_variant(image: Image.Image, fmt: str, settings: ImageSettings) -> Variant:
    """One variant, encoded again at lower qualities while it is over its budget."""
    quality = 100 if fmt == "png" else settings.quality_of(fmt)
    budget = None if fmt == "png" else budget_for(image.width, settings)
    data = encode(image, fmt, quality, settings)
    while budget is not None and len(data) > budget and quality > settings.min_quality:
        quality = max(settings.min_quality, quality - QUALITY_STEP)
        data = encode(image, fmt, quality, settings)
    return Variant(fmt, image.width, image.height, quality, data)


def output_formats(prepared: PreparedImage, settings: ImageSettings) -> tuple[str, ...]:
    return (*settings.formats, fallback_format(prepared.alpha))


def process_image(data: bytes, name: str, settings: ImageSettings | None = None) -> ProcessedImage:
    """Every variant of one source, in one thread. :mod:`mep_kit.images.cache` does the same
    on every core, with a cache."""
    settings = settings or ImageSettings()
    inspect_image(data, name, settings)
    prepared = prepare_image(data, name, settings)
    variants = tuple(
        encode_variant(prepared.images[w], fmt, settings)
        for fmt in output_formats(prepared, settings)
        for w, _ in prepared.sizes
    )
    return ProcessedImage(prepared.width, prepared.height, prepared.alpha, variants)
