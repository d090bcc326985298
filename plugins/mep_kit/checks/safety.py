"""What a reader's browser would get from a post's rendered body, checked with a real parser.

The body is the HTML that Markdown (and the figure callouts) produced, after Pelican has
replaced ``{filename}`` links: exactly what the templates put on the page. It is parsed with
Lexbor (via selectolax), an HTML5 parser that tokenises as browsers do: character
references are decoded (``javascript&colon;``), names are case-folded, and what is a tag and
what is text is decided by the HTML standard, so code samples (``<pre>``, ``<code>``) are
text and never refused. :func:`findings` then reports, per element:

* elements that run code, load other documents or change the page around them:
  ``script``, ``iframe``, ``object``, ``embed``, ``form`` and its controls, ``style``,
  ``link``, ``base``, ``meta``, inline ``svg`` and ``math``, ...;
* ``on*`` event-handler and ``style`` attributes;
* URLs (``href``, ``src``, ``srcset``, ``action``, ``poster``, ``xlink:href``, ...) whose
  scheme is not on the allow-list (:data:`SCHEMES`); a URL is read as a browser reads it:
  leading and trailing spaces and control characters dropped, tabs and newlines removed;
* images without alt text, and images from other sites (the site's policy blocks them);

and lists the links (relative, or http(s)), for the site-wide check that internal ones resolve.
Each :class:`Finding` carries ``needles``, texts to look for in the source file to find the
line it came from (:func:`mep_kit.core.errors.locate`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

#: URL schemes a link or image in content may use; relative URLs and fragments have none.
SCHEMES = ("http", "https", "mailto", "tel", "sms")
FORBIDDEN = {
    "script": "scripts belong in the theme",
    "noscript": "scripts belong in the theme",
    "iframe": "embeds belong in the theme; link to the page instead",
    "frame": "embeds belong in the theme; link to the page instead",
    "frameset": "embeds belong in the theme; link to the page instead",
    "object": "embeds belong in the theme; link to the file instead",
    "embed": "embeds belong in the theme; link to the file instead",
    "applet": "embeds belong in the theme; link to the file instead",
    "portal": "embeds belong in the theme; link to the page instead",
    "form": "forms belong in the theme",
    "input": "forms belong in the theme",
    "button": "forms belong in the theme",
    "select": "forms belong in the theme",
    "textarea": "forms belong in the theme",
    "style": "styles belong in the theme's CSS",
    "link": "links to stylesheets and other resources belong in the theme",
    "base": "it would change where every link of the page goes",
    "meta": "page metadata comes from the front matter",
    "svg": "save the drawing as a file under content/images/ and show it with ![alt](...)",
    "math": "use text or an image",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "xlink:href",
    "cite",
    "data",
    "background",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "usemap",
    "manifest",
    "ping",
    "codebase",
    "classid",
    "archive",
    "icon",
    "profile",
}
#: Attributes that load an image or media into the page: only the site's own files may
#: (the Content-Security-Policy blocks other sites' images, so they would show broken).
EMBEDDED = {
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
}
SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
#: What browsers drop from a URL before reading it: C0 controls and spaces at the ends,
#: tabs and newlines anywhere (WHATWG URL standard, basic URL parser).
_ENDS = "".join(map(chr, range(0x21)))
_INSIDE = re.compile(r"[\t\n\r]")


@dataclass(frozen=True)
class Finding:
    """One problem in a body: what is wrong, and texts that locate it in the source."""

    message: str
    needles: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """A link or image URL of a body (relative, or http(s)), for the link check."""

    tag: str
    attribute: str
    url: str


def browser_url(value: str) -> str:
    """``value`` (an attribute value, character references already decoded) as a browser
    reads a URL: ends stripped of spaces and control characters, tabs and newlines removed."""
    return _INSIDE.sub("", value.strip(_ENDS))


def scheme_of(url: str) -> str | None:
    """The lower-case scheme of a URL as a browser reads it, or None (a relative URL)."""
    match = SCHEME_RE.match(browser_url(url))
    return match.group(1).lower() if match else None


def urls_of(attribute: str, value: str) -> list[str]:
    """The URLs an attribute holds: one, or each candidate of a ``srcset``."""
    if attribute == "srcset":
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value]


def parse(html: str):
    """The body's elements, in document order (a fragment: no html/head/body of its own)."""
    tree = LexborHTMLParser(f"<body>{html}</body>")
    body = tree.body
    return [] if body is None else [node for node in body.traverse(include_text=False) if node is not body]


def findings(html: str, siteurl: str = "") -> tuple[list[Finding], list[Link]]:
    """Every problem of a rendered body, in document order, and its links; ``siteurl`` (an
    absolute address) marks the site's own http(s) URLs, which are internal."""
    own = siteurl.rstrip("/") + "/" if siteurl else None
    found: list[Finding] = []
    links: list[Link] = []
    for node in parse(html):
        tag = node.tag.lower()
        attributes = node.attributes
        if tag in FORBIDDEN:
            found.append(Finding(f"raw HTML: <{tag}> is not allowed in content ({FORBIDDEN[tag]})", (f"<{tag}",)))
        for name, value in attributes.items():
            value = value or ""
            name = name.lower()
            if name.startswith("on"):
                found.append(
                    Finding(
                        f"raw HTML: event handler '{name}=' on <{tag}> is not allowed in content (scripts belong in the theme)",
                        (f"{name}=", f"{name} =", name),
                    )
                )
            elif name == "style":
                found.append(
                    Finding(
                        f"raw HTML: a 'style' attribute on <{tag}> is not allowed in content (styles belong in the theme's CSS)",
                        ("style=", "style"),
                    )
                )
            elif name == "srcdoc":
                found.append(Finding(f"raw HTML: 'srcdoc' on <{tag}> is not allowed in content", ("srcdoc",)))
            elif name in URL_ATTRIBUTES:
                for url in urls_of(name, value):
                    scheme = scheme_of(url)
                    if scheme is not None and scheme not in SCHEMES:
                        shown = browser_url(url)[:60]
                        found.append(
                            Finding(
                                f"a '{scheme}:' URL is not allowed in content ({tag} {name}=\"{shown}\"); expected an address starting with {', '.join(s + ':' for s in SCHEMES)}, or a path on this site",
                                (url, browser_url(url), f"{scheme}:", scheme),
                            )
                        )
                    elif (
                        scheme in ("http", "https")
                        and (tag, name) in EMBEDDED
                        and not (own and browser_url(url).startswith(own))
                    ):
                        shown = browser_url(url)[:60]
                        found.append(
                            Finding(
                                f"image '{shown}': images from other sites are blocked by the site's Content-Security-Policy; save the image under content/images/ and write ![...]({{static}}/images/...)",
                                (url, browser_url(url)),
                            )
                        )
                    elif (
                        scheme in (None, "http", "https") and browser_url(url) and not browser_url(url).startswith("#")
                    ):
                        links.append(Link(tag, name, browser_url(url)))
        if tag == "img":
            alt = attributes.get("alt")
            src = attributes.get("src") or ""
            needles = tuple(n for n in (src, "<img", "![") if n)
            if alt is None:
                found.append(
                    Finding(
                        f"image '{src}': alt text is missing; describe what the image shows, for readers who cannot see it",
                        needles,
                    )
                )
            elif not alt.strip():
                found.append(
                    Finding(
                        f"image '{src}': alt text is empty; describe what the image shows, for readers who cannot see it",
                        needles,
                    )
                )
    return found, links
