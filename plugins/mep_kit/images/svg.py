"""SVG logos, served as they are once a check finds nothing active or external in them.

An SVG is a document: opened at its own address it runs scripts with the site's origin.
So before a logo is published, :func:`check_svg` parses it with defusedxml (which refuses
entity declarations, the "billion laughs" and external entities) and raises
:class:`~mep_kit.images.pipeline.ImageError` on:

* an element that runs or embeds active content: ``script``, ``foreignObject``, ``handler``,
  ``listener``, ``iframe``, ``embed``, ``object``;
* an event attribute (``onload``, ``onclick``, ... any attribute whose name starts with ``on``);
* a reference to anything but a fragment of the same file: ``href``/``xlink:href`` (on any
  element), ``url(...)`` in an attribute or a stylesheet, ``@import``; embedded raster
  images (``data:image/png``, JPEG, GIF, WebP) are allowed;
* an animation (``set``, ``animate``) that changes an ``href`` or an event attribute;
* a processing instruction (``<?xml-stylesheet?>``), CSS escapes, or a root that is not ``<svg>``.

It returns the logo's size from its ``width``/``height`` or ``viewBox``, for the ``<img>``'s
``width`` and ``height``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .pipeline import ImageError

SVG_NS = "http://www.w3.org/2000/svg"
ACTIVE_ELEMENTS = frozenset({"script", "foreignobject", "handler", "listener", "iframe", "embed", "object"})
ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform", "animatecolor"})
SAFE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


@dataclass(frozen=True)
class SvgInfo:
    """An SVG that passed the check: its intrinsic size in CSS pixels, where it states one."""

    width: float | None
    height: float | None


class _Recorder:
    """A parser target that builds the tree and keeps the processing instructions that
    ElementTree would drop."""

    def __init__(self):
        self.builder = ET.TreeBuilder()
        self.instructions: list[str] = []

    def start(self, tag, attrib):
        return self.builder.start(tag, attrib)

    def end(self, tag):
        return self.builder.end(tag)

    def data(self, text):
        return self.builder.data(text)

    def pi(self, target, text=None):
        self.instructions.append(target)

    def close(self):
        return self.builder.close()


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _reference_ok(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or bool(SAFE_DATA.match(value))


def _check_css(text: str, where: str, name: str) -> None:
    if "\\" in text:
        raise ImageError(
            name, f"{where}: CSS escapes (\\) are not allowed in an SVG the site publishes; save it without them"
        )
    if re.search(r"@import", text, re.IGNORECASE):
        raise ImageError(name, f"{where}: @import loads another file; an SVG the site publishes must be self-contained")
    for match in URL.finditer(text):
        if not _reference_ok(match.group(2)):
            raise ImageError(
                name, f"{where}: url({match.group(2)}) points outside the file; only #fragment references are allowed"
            )


def _length(value: str | None) -> float | None:
    match = LENGTH.match(value or "")
    return float(match.group(1)) if match else None


def check_svg(data: bytes, name: str) -> SvgInfo:
    """Check an SVG logo (see the module's text); returns its size or raises ImageError."""
    recorder = _Recorder()
    parser = DefusedXMLParser(target=recorder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        raise ImageError(
            name,
            f"declares entities or external references ({type(exc).__name__}); export the SVG again without a DOCTYPE",
        ) from None
    except ET.ParseError as exc:
        raise ImageError(name, f"is not well-formed XML ({exc}); export the SVG again") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ImageError(
            name, f"the root element is <{_local(root.tag)}>; expected <svg> in the SVG namespace ({SVG_NS})"
        )
    if recorder.instructions:
        raise ImageError(
            name,
            f"has a processing instruction <?{recorder.instructions[0]}?>; an SVG the site publishes must not load a stylesheet",
        )
    for element in root.iter():
        shown = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        tag, where = shown.lower(), f"<{shown}>"
        if tag in ACTIVE_ELEMENTS:
            raise ImageError(
                name, f"has a <{shown}> element; an SVG the site publishes must hold no script or embedded document"
            )
        for attribute, value in element.attrib.items():
            local = _local(attribute)
            if local.startswith("on"):
                raise ImageError(name, f"{where}: the event attribute {local}= runs script; remove it")
            if local in ("href", "src") and not _reference_ok(value):
                raise ImageError(
                    name,
                    f'{where}: {local}="{value[:60]}" points outside the file; only #fragment references are allowed',
                )
            if (
                tag in ANIMATIONS
                and local == "attributename"
                and (_local(value).startswith("on") or _local(value) in ("href", "src"))
            ):
                raise ImageError(name, f"{where}: an animation of {value} could change a link or run script; remove it")
            if "url(" in value.lower() or local == "style" or "@import" in value.lower():
                _check_css(value, f"{where} {local}=", name)
        if tag == "style":
            _check_css("".join(element.itertext()), "<style>", name)
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width is None or height is None:
        box = (root.get("viewBox") or "").replace(",", " ").split()
        if len(box) == 4:
            try:
                box_w, box_h = float(box[2]), float(box[3])
            except ValueError:
                box_w = box_h = 0
            if box_w > 0 and box_h > 0:
                if width is None and height is None:
                    width, height = box_w, box_h
                elif width is None:
                    width = height * box_w / box_h
                else:
                    height = width * box_h / box_w
    return SvgInfo(width, height)
