"""SVG logos are served as they are only when they hold nothing active or external
(mep_kit.images.svg). The logos here are written by the tests, none is a real company's."""

from __future__ import annotations

import pytest

from mep_kit.images.pipeline import ImageError
from mep_kit.images.svg import check_svg

NAME = "images/client-logo.svg"
HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def svg(body: str, attrs: str = ' viewBox="0 0 240 80"') -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{HEAD}{attrs}>{body}</svg>'.encode()


GOOD = svg(
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#162e51"/></linearGradient>'
    '<clipPath id="c"><rect width="240" height="80"/></clipPath></defs>'
    "<style>.mark { fill: url(#g); }</style>"
    '<g clip-path="url(#c)"><rect class="mark" width="80" height="80" fill="url( \'#g\' )"/>'
    '<use xlink:href="#g"/><a href="#top"><text x="90" y="50">Generated Co.</text></a>'
    '<image width="10" height="10" href="data:image/png;base64,iVBORw0KGgo="/></g>'
)


def test_a_clean_logo_passes_and_gives_its_size():
    info = check_svg(GOOD, NAME)
    assert (info.width, info.height) == (240.0, 80.0)


@pytest.mark.parametrize(
    "attrs,size",
    [
        (' width="120" height="40"', (120.0, 40.0)),
        (' width="120px" viewBox="0 0 300 100"', (120.0, 40.0)),
        (' width="100%" viewBox="0,0,300,100"', (300.0, 100.0)),
        ("", (None, None)),
    ],
)
def test_logo_sizes(attrs, size):
    info = check_svg(svg("<rect/>", attrs), NAME)
    assert (info.width, info.height) == size


@pytest.mark.parametrize(
    "data,expected",
    [
        (svg("<script>alert(document.cookie)</script>"), "has a <script> element"),
        (svg('<script xlink:href="https://cdn.example/x.js"/>'), "has a <script> element"),
        (svg("<Script>alert(1)</Script>"), "has a <Script> element"),
        (svg("<rect/>", ' viewBox="0 0 1 1" onload="alert(1)"'), "the event attribute onload= runs script"),
        (svg('<rect onClick="alert(1)"/>'), "the event attribute onclick= runs script"),
        (
            svg('<image href="https://tracker.example/pixel.png"/>'),
            'href="https://tracker.example/pixel.png" points outside the file',
        ),
        (svg('<use xlink:href="other.svg#logo"/>'), 'href="other.svg#logo" points outside the file'),
        (svg('<a href="javascript:alert(1)"><text>x</text></a>'), 'href="javascript:alert(1)" points outside the file'),
        (svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'), "points outside the file"),
        (
            svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
            "has a <foreignObject> element",
        ),
        (svg('<iframe src="https://example.com"/>'), "has a <iframe> element"),
        (svg("<style>@import 'https://fonts.example/f.css';</style>"), "@import loads another file"),
        (
            svg('<style>rect { fill: url("https://example.com/p.svg#p") }</style>'),
            "url(https://example.com/p.svg#p) points outside the file",
        ),
        (svg('<rect style="fill: url(//example.com/a#b)"/>'), "points outside the file"),
        (svg('<rect fill="url(https://example.com/a#b)"/>'), "points outside the file"),
        (svg("<style>rect { fill: \\75 rl(https://example.com/x) }</style>"), "CSS escapes"),
        (svg('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>'), "an animation of href"),
        (svg('<rect><animate attributeName="onmouseover" to="alert(1)"/></rect>'), "an animation of onmouseover"),
        (
            svg("<rect/>").replace(
                b"?>\n", b'?>\n<?xml-stylesheet type="text/css" href="https://example.com/s.css"?>\n', 1
            ),
            "processing instruction <?xml-stylesheet?>",
        ),
        (
            b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + svg("<text>&b;</text>"),
            "declares entities",
        ),
        (b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + svg("<text>&x;</text>"), "declares entities"),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "the root element is <html>; expected <svg>"),
        (b"<svg>no namespace</svg>", "expected <svg> in the SVG namespace"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "is not well-formed XML"),
        (b"\x89PNG\r\n\x1a\n", "is not well-formed XML"),
    ],
    ids=lambda value: None if isinstance(value, bytes) else value[:30],
)
def test_unsafe_or_broken_logos_are_refused(data, expected):
    with pytest.raises(ImageError) as raised:
        check_svg(data, NAME)
    assert str(raised.value).startswith(f"{NAME}: ") and expected in str(raised.value)
