"""Every file the site publishes as it is, checked for what it is, not what it is called.

Pelican copies the files of ``STATIC_PATHS`` (``content/images/``, ``content/extra/``) into the
site as they are. Opened at its own address, such a file is a document of the site's origin:
an SVG or an HTML page with a script runs it there, on every host that sets no headers. So,
before anything is written, :func:`check` looks at each of them (:func:`problems_of`):

* it is read only from the project (:func:`mep_kit.core.paths.link_out`: no link out of it);
* it is no larger than ``STATIC_MAX_BYTES``, checked before it is read;
* the name it is published under says a kind the site publishes (:data:`KINDS`: images the
  pipeline decodes, SVG, icons, PDF, plain text, CSV, calendars; ``STATIC_EXTRA_KINDS`` adds
  fonts, video, audio, archives or office documents on purpose), and its bytes are that kind:
  binary kinds are recognised by their signature (the ``filetype`` package), text kinds must
  be UTF-8 with no control character and nothing a browser would take for HTML, and an SVG
  must pass the logo check (:func:`mep_kit.images.svg.check_svg`: no script, event handler, foreign
  reference or entity), whether a post shows it or not;
* HTML, JavaScript, CSS, XML and XSLT, and server configuration (``.htaccess``, ``_headers``,
  ``_redirects``, ...) are refused by name: pages come from Markdown, scripts and styles from
  the theme, headers and redirects from the plugin.

Photos (JPEG, PNG, WebP, AVIF, GIF) are never published as committed: the image pipeline
decodes each one and refuses what it cannot decode (:mod:`mep_kit.images.site`), so here they
are only kept to their own limits.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import filetype

from ..core.errors import CONTROL, Problem, control_character
from ..core.paths import display_path, link_out
from ..images.pipeline import ImageError
from ..images.svg import check_svg


@dataclass(frozen=True)
class Kind:
    """A kind of file the site may publish: what it is called in messages, the names it is
    published under, and the signatures (``filetype`` extensions) its bytes must carry;
    ``text`` kinds are checked as text instead."""

    described: str
    extensions: tuple[str, ...]
    signatures: tuple[str, ...] = ()
    text: bool = False


#: Every kind the site knows; :data:`DEFAULT_KINDS` are published, the others only when
#: ``STATIC_EXTRA_KINDS`` names them.
KINDS = {
    "image": Kind("a photo (JPEG, PNG, WebP, AVIF or GIF)", (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif")),
    "svg": Kind("an SVG drawing", (".svg",)),
    "icon": Kind("an icon (.ico)", (".ico",), ("ico",)),
    "pdf": Kind("a PDF", (".pdf",), ("pdf",)),
    "text": Kind("plain text (.txt)", (".txt",), text=True),
    "csv": Kind("a CSV table", (".csv",), text=True),
    "calendar": Kind("a calendar (.ics)", (".ics",), text=True),
    "font": Kind("a font", (".woff2", ".woff", ".ttf", ".otf"), ("woff2", "woff", "ttf", "otf")),
    "video": Kind("a video (MP4 or WebM)", (".mp4", ".m4v", ".webm"), ("mp4", "m4v", "webm")),
    "audio": Kind(
        "an audio file (MP3, M4A, Ogg or WAV)", (".mp3", ".m4a", ".ogg", ".oga", ".wav"), ("mp3", "m4a", "ogg", "wav")
    ),
    "archive": Kind("a ZIP archive", (".zip",), ("zip",)),
    "document": Kind(
        "an office document",
        (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"),
        ("docx", "xlsx", "pptx", "odt", "ods", "odp"),
    ),
}
DEFAULT_KINDS = ("image", "svg", "icon", "pdf", "text", "csv", "calendar")
EXTRA_KINDS = tuple(name for name in KINDS if name not in DEFAULT_KINDS)

_PAGES = ("an HTML page", "pages come from Markdown: write it as a page under content/pages/")
_SCRIPTS = ("a script", "scripts come from the theme, never from content")
_STYLES = ("a stylesheet", "styles come from the theme's site.css, never from content")
_XML = ("an XML or XSLT document", "it can run script in the reader's browser; publish the data as CSV or PDF")
_SERVER = (
    "a server settings file",
    "headers and redirects come from the plugin (HEADERS_SAVE_AS, REDIRECTS_SAVE_AS and 'Aliases:')",
)
_PROGRAMS = ("a program", "the site is static: nothing in it runs on the server")
#: Published names refused whatever they hold: (what such a file is, why it is refused).
REFUSED_EXTENSIONS = {
    **dict.fromkeys((".html", ".htm", ".xhtml", ".shtml", ".xht", ".mht", ".mhtml", ".hta"), _PAGES),
    **dict.fromkeys((".js", ".mjs", ".cjs", ".wasm", ".swf", ".jar"), _SCRIPTS),
    **dict.fromkeys((".css",), _STYLES),
    **dict.fromkeys((".xml", ".xsl", ".xslt", ".xsd", ".dtd", ".rss", ".atom", ".rdf"), _XML),
    **dict.fromkeys((".php", ".phtml", ".asp", ".aspx", ".jsp", ".cgi", ".pl", ".py", ".sh"), _PROGRAMS),
}
REFUSED_NAMES = dict.fromkeys(
    (
        ".htaccess",
        ".htpasswd",
        "_headers",
        "_redirects",
        "web.config",
        ".user.ini",
        "nginx.conf",
        "_routes.json",
        "netlify.toml",
        "vercel.json",
        "staticwebapp.config.json",
    ),
    _SERVER,
)

#: What browsers take for HTML when they sniff a file (the WHATWG MIME Sniffing standard,
#: "rules for identifying an unknown MIME type"): after leading whitespace, one of these tags
#: followed by a space or ">", a comment, or an XML declaration.
_SNIFFED_HTML = re.compile(
    rb"^[\t\n\x0c\r ]*(?:<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[ >]|<!--|<\?xml)",
    re.IGNORECASE,
)
#: Text that starts as markup does (an element, a comment, a declaration): no download of
#: plain text, CSV or a calendar does, and a browser may render it as a document.
_MARKUP = re.compile(r"^\s*<[A-Za-z!?/]")


@dataclass(frozen=True)
class StaticFile:
    """One file Pelican will copy: where it is read from and the name it is published as."""

    source: str  # absolute path
    save_as: str  # relative to the output folder, with /


def kind_of(name: str, kinds: Iterable[str]) -> Kind | None:
    """The kind of ``kinds`` a file published as ``name`` is served as (by its extension)."""
    extension = posixpath.splitext(name)[1].lower()
    for key in kinds:
        if extension in KINDS[key].extensions:
            return KINDS[key]
    return None


def refused_name(name: str) -> tuple[str, str] | None:
    """What a file published as ``name`` would be, and why no content file may be (None if
    it may)."""
    base = posixpath.basename(name).lower()
    return REFUSED_NAMES.get(base) or REFUSED_EXTENSIONS.get(posixpath.splitext(base)[1])


def what_it_holds(data: bytes) -> str:
    """What ``data`` is, for a message: the kind its signature says, HTML, or text."""
    if _SNIFFED_HTML.match(data[:1024]):
        return "HTML or XML, which a browser would run"
    found = filetype.guess(data[:8192])
    if found is not None:
        return f"a .{found.extension} file ({found.mime})"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "data of no kind the site knows"
    return "text"


def text_problem(data: bytes, kind: Kind) -> tuple[int | None, str] | None:
    """What is wrong with a text file of ``kind``, as (line, message), or None: it must be
    UTF-8 with no control character and nothing a browser would sniff as HTML; a calendar
    starts ``BEGIN:VCALENDAR``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"is not text: byte {exc.start} is not UTF-8 ({what_it_holds(data)}); expected {kind.described}"
    if _SNIFFED_HTML.match(data.removeprefix(b"\xef\xbb\xbf")[:1024]) or _MARKUP.match(text):
        return None, f"holds HTML or XML, which a browser would run, not {kind.described}; pages come from Markdown"
    found = CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        return line, f"control character {control_character(found.group())}; save the file without it"
    if kind is KINDS["calendar"] and not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return (
            None,
            "does not start with BEGIN:VCALENDAR; expected a calendar (RFC 5545) exported from a calendar program",
        )
    return None


def content_problem(data: bytes, kind: Kind, name: str) -> tuple[int | None, str] | None:
    """What is wrong with ``data`` as ``kind``, as (line, message), or None."""
    if kind is KINDS["svg"]:
        try:
            check_svg(data, name)
        except ImageError as error:
            return None, error.reason
        return None
    if kind.text:
        return text_problem(data, kind)
    found = filetype.guess(data[:8192])
    if found is None or found.extension not in kind.signatures:
        return None, f"holds {what_it_holds(data)}, not {kind.described}; export it again as {kind.described}"
    return None


def problems_of(static: StaticFile, limit: int, kinds: tuple[str, ...]) -> list[tuple[int | None, str]]:
    """Every (line, message) about one static file (none when it may be published as it
    is). ``limit`` is ``STATIC_MAX_BYTES``."""
    name = static.save_as
    refused = refused_name(name)
    if refused:
        what, why = refused
        published = "" if static.source.replace(os.sep, "/").endswith("/" + name) else f" (published as '{name}')"
        return [(None, f"{what}{published} is not published from content; {why}")]
    kind = kind_of(name, kinds)
    if kind is None:
        known = kind_of(name, KINDS)
        if known is not None:
            return [
                (
                    None,
                    f"{known.described} is published only when STATIC_EXTRA_KINDS lists it; add it there on purpose, or remove the file",
                )
            ]
        expected = ", ".join(KINDS[key].described for key in kinds)
        return [
            (
                None,
                f"not a kind of file the site publishes; expected {expected} (STATIC_EXTRA_KINDS adds {', '.join(EXTRA_KINDS)})",
            )
        ]
    if kind is KINDS["image"]:
        return []  # decoded, checked and encoded again by the image pipeline
    try:
        size = os.stat(static.source).st_size
        if size > limit:
            return [
                (
                    None,
                    f"the file is {size / 1_000_000:.1f} MB; expected at most {limit / 1_000_000:.1f} MB (STATIC_MAX_BYTES): make it smaller, or link to a copy hosted elsewhere",
                )
            ]
        with open(static.source, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return [(None, f"cannot be read ({error.strerror})")]
    problem = content_problem(data, kind, posixpath.basename(name))
    return [problem] if problem else []


def own_file_problems(statics: Iterable[StaticFile], settings: Mapping, keys: Iterable[str]) -> list[Problem]:
    """A static file published where the plugin writes one of its own (the settings ``keys``
    name them: the favicon, sitemap.xml, _headers, ...) would be overwritten: say so."""
    own = {str(settings.get(key)).lstrip("/"): key for key in keys if settings.get(key)}
    return [
        Problem(
            display_path(static.source),
            None,
            f"published as '{static.save_as}', where the plugin writes its own ({own[static.save_as]}); "
            f"remove this file, or set {own[static.save_as]} = '' in the settings",
        )
        for static in statics
        if static.save_as in own
    ]


def check(
    statics: Iterable[StaticFile], settings: Mapping, project: str, content: str
) -> tuple[list[Problem], set[str]]:
    """Every problem of every static file (a link out of the project named once, at the
    link), and the sources that nothing else may read: those behind such a link, and those
    outside the content folder (a ``{static}`` link can name any file of the machine)."""
    kinds = (*DEFAULT_KINDS, *settings["STATIC_EXTRA_KINDS"])
    problems: set[Problem] = set()
    unreadable: set[str] = set()
    for static in statics:
        out = link_out(static.source, project, content)
        if out is not None:
            problems.add(Problem(display_path(out.link), None, out.message()))
            unreadable.add(static.source)
            continue
        if not os.path.abspath(static.source).startswith(os.path.abspath(content) + os.sep) or posixpath.normpath(
            static.save_as
        ).startswith(("../", "/")):
            problems.add(
                Problem(
                    display_path(static.source),
                    None,
                    f"outside the content folder, and so never published; put the file under {display_path(content)}/ (images/ or extra/) and link to it from there",
                )
            )
            unreadable.add(static.source)
            continue
        found = problems_of(static, settings["STATIC_MAX_BYTES"], kinds)
        problems.update(Problem(display_path(static.source), line, message) for line, message in found)
    return sorted(problems, key=Problem.sort_key), unreadable
