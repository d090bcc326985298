"""Generated photographs for the image tests and the image benchmark.

No picture of a real place or company is used: every image is drawn here from a seed, so
the same call gives the same pixels on every machine. ``phone_photo`` imitates what a
writer's phone commits: a JPEG stored sideways with an EXIF orientation flag, GPS
coordinates, a camera make and model, and a colour profile.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageCms, ImageDraw, ImageFilter

#: EXIF tags used below (see PIL.ExifTags).
ORIENTATION = 0x0112
MAKE = 0x010F
MODEL = 0x0110
GPS_IFD = 0x8825
GPS_LATITUDE_REF, GPS_LATITUDE, GPS_LONGITUDE_REF, GPS_LONGITUDE = 1, 2, 3, 4
#: The colour of the marker drawn in the top-left corner of the upright scene.
MARKER = (220, 30, 30)


def scene(width: int, height: int, seed: int = 0) -> Image.Image:
    """An RGB picture with the statistics of a photograph rather than of a test chart:
    smooth light falling across the frame, texture at every scale (value noise whose
    amplitude grows with its scale, as in natural images), hard-edged objects and a little
    sensor grain. A red block marks the top-left corner, to tell which way is up."""
    rng = random.Random(seed)
    # Texture is summed at a quarter of the size (the finest octave still spans several
    # pixels there), then scaled up once: a photo's worth of detail at a fraction of the work.
    small = (max(1, width // 4), max(1, height // 4))
    picture = Image.new("RGB", small, (118, 124, 130))
    for octave, weight in ((4, 0.55), (16, 0.35), (64, 0.22), (256, 0.14)):
        cells = (max(2, octave * width // max(width, height)), max(2, octave * height // max(width, height)))
        field = Image.frombytes("RGB", cells, rng.randbytes(cells[0] * cells[1] * 3))
        picture = Image.blend(picture, field.resize(small, Image.Resampling.BICUBIC), weight)
    picture = picture.resize((width, height), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(picture)
    unit = max(width, height) / 100
    for _ in range(18):  # machines, benches, boxes: flat colours with sharp edges
        x, y = rng.uniform(0, width), rng.uniform(height * 0.3, height)
        w, h = rng.uniform(4, 22) * unit, rng.uniform(4, 18) * unit
        colour = tuple(rng.randrange(30, 230) for _ in range(3))
        if rng.random() < 0.6:
            draw.rectangle((x, y, x + w, y + h), fill=colour, outline=(20, 20, 20), width=max(1, int(unit / 4)))
        else:
            draw.ellipse((x, y, x + w, y + h), fill=colour)
    for _ in range(30):  # cables, edges of the floor markings
        draw.line(
            [(rng.uniform(0, width), rng.uniform(0, height)) for _ in range(2)],
            fill=tuple(rng.randrange(0, 255) for _ in range(3)),
            width=max(1, int(unit / 3)),
        )
    picture = picture.filter(ImageFilter.BoxBlur(max(0.5, unit / 60)))  # a lens, not a pixel grid
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
    picture = Image.blend(picture, grain, 0.04)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, width // 8, height // 8), fill=MARKER)
    return picture


def srgb_profile() -> bytes:
    """Little CMS's sRGB profile with its creation date zeroed, so it is the same every day."""
    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    icc[24:36] = bytes(12)
    return bytes(icc)


def swapped_primaries_profile() -> bytes:
    """An RGB profile whose red and blue primaries trade places: a pixel tagged with it that
    stores pure red is, correctly converted to sRGB, blue. Proves a conversion happened."""
    icc = bytearray(srgb_profile())
    count = int.from_bytes(icc[128:132], "big")
    entries = {bytes(icc[132 + 12 * i : 136 + 12 * i]): 132 + 12 * i for i in range(count)}
    red, blue = entries[b"rXYZ"], entries[b"bXYZ"]
    icc[red + 4 : red + 12], icc[blue + 4 : blue + 12] = icc[blue + 4 : blue + 12], icc[red + 4 : red + 12]
    return bytes(icc)


def phone_photo(
    width: int = 4000, height: int = 3000, *, seed: int = 0, orientation: int = 6, gps: bool = True, quality: int = 92
) -> bytes:
    """A JPEG as a phone writes it: the upright ``width`` x ``height`` scene stored turned
    so that ``orientation`` (EXIF 1, 3, 6 or 8) is needed to show it upright, with the
    camera's make and model, GPS coordinates in EXIF and XMP (unless ``gps`` is false), a
    comment and an sRGB ICC profile embedded."""
    upright = scene(width, height, seed)
    stored = (
        upright.transpose(
            {1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}[
                orientation
            ]
        )
        if orientation != 1
        else upright
    )
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Generated"
    exif[MODEL] = "Test Phone"
    if gps:
        exif[GPS_IFD] = {
            GPS_LATITUDE_REF: "N",
            GPS_LATITUDE: (41.0, 45.0, 51.84),
            GPS_LONGITUDE_REF: "W",
            GPS_LONGITUDE: (72.0, 40.0, 34.92),
        }
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmp:CreatorTool="Test Phone"'
        + (' exif:GPSLatitude="41,45.864N" exif:GPSLongitude="72,40.582W"' if gps else "")
        + "/>"
        "</rdf:RDF></x:xmpmeta>"
    ).encode()
    out = io.BytesIO()
    stored.save(
        out, "JPEG", quality=quality, exif=exif, icc_profile=srgb_profile(), xmp=xmp, comment=b"Generated by Test Phone"
    )
    return out.getvalue()
