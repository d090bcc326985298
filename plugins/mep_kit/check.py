"""Checks all the content without a Pelican build: what ``invoke check`` runs.

One pass over the Markdown files and the figures registry, with no Markdown rendering,
reports every problem in them that the build stops on, and some it would not notice,
each as ``path:line: message`` (:class:`~mep_kit.errors.Problem`):

* the front-matter schema of each content type (:func:`mep_kit.schema.validate`, the one
  the build applies), an empty file, a file with no title, a file that is not UTF-8;
* the figures registry (:func:`mep_kit.figures.load_registry`) and every
  ``[[callout: ...]]`` / ``[[figure: ...]]`` directive, by the rules of
  :mod:`mep_kit.markdown_ext`;
* two files with one slug, two files (or a file and one of the site's own pages, such as
  ``posts/`` or ``tags/``) written to one output path;
* ``{filename}`` / ``{static}`` links to files that do not exist, images without alt text
  or with a missing file, and raw HTML that runs code (``<script>``, ``<iframe>``,
  ``javascript:`` URLs, ``onclick=`` and other event handlers).

Drafts and future-dated posts are not problems: :func:`run_check` returns them apart, as
notices. Code (fenced blocks and `code spans`) is not checked, as the build does not
process it either.
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from markdown.util import BLOCK_LEVEL_ELEMENTS
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category
from pelican.utils import slugify

from . import DEFAULTS, redirects, schema
from .errors import ContentError, Problem
from .figures import load_registry
from .frontmatter import read_front_matter
from .markdown_ext import BLOCK_RE, DIRECTIVE, FigureSyntaxError, inline_figure, parse_keys
from .reader import display_path
from .render import renderer_for

#: The site's own outputs besides the content pages; a page written into one collides.
#: More are read from the settings (see :func:`reserved_outputs`).
FIXED_OUTPUTS = ("posts/", "services/", "tags/", "archives/", "numbers/", "feeds/", "data/", "theme/", "drafts/", "index.html")
_RESERVED_SETTINGS = (
    "INDEX_SAVE_AS", "CATEGORY_SAVE_AS", "CATEGORIES_SAVE_AS", "TAG_SAVE_AS", "TAGS_SAVE_AS",
    "ARCHIVES_SAVE_AS", "AUTHOR_SAVE_AS", "AUTHORS_SAVE_AS", "YEAR_ARCHIVE_SAVE_AS",
    "MONTH_ARCHIVE_SAVE_AS", "DAY_ARCHIVE_SAVE_AS", "NUMBERS_SAVE_AS", "FIGURES_JSON_SAVE_AS",
    "JSON_FEED_SAVE_AS", "FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS",
    "CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS", "TAG_FEED_ATOM", "TAG_FEED_RSS",
    "TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS", "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS",
)

# Code the build leaves alone (Python-Markdown's fenced_code and backtick patterns).
FENCE_RE = re.compile(r"^(?P<fence>~{3,}|`{3,})[^\n]*\n.*?(?<=\n)(?P=fence)[ ]*$", re.M | re.S)
CODE_SPAN_RE = re.compile(r"(?<!\\)(`+)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
# Raw HTML blocks, which Python-Markdown passes through without reading directives in them.
HTML_BLOCK_START_RE = re.compile(r"^[ ]{0,3}(?:<!--|<(?P<tag>[A-Za-z][A-Za-z0-9]*)(?=[\s/>])(?P<attrs>[^>]*))")
VOID_BLOCK_TAGS = {"hr"}
# Containers whose content Python-Markdown parses as blocks of their own.
LIST_ITEM_RE = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+\.)[ \t]+")
QUOTE_RE = re.compile(r"^[ ]{0,3}>[ ]?")

LINK_RE = re.compile(r"(?:\{(?P<a>filename|static|attach)\}|\|(?P<b>filename|static|attach)\|)(?P<target>[^\s)\"'<>\]]*)")
MD_IMAGE_RE = re.compile(r"!\[(?P<alt>(?:[^\[\]\n]|\[[^\]\n]*\])*)\](?:\(\s*(?P<src><[^>\n]*>|[^\s)]*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)|\[(?P<ref>[^\]\n]*)\])")
REF_DEF_RE = re.compile(r"^[ ]{0,3}\[(?P<id>[^\]\n]+)\]:[ \t]*<?(?P<url>[^\s>]+)>?", re.M)
TAG_RE = re.compile(r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\"[^\"]*\"|'[^']*'|[^'\">])*)>")
ATTR_RE = re.compile(r"(?P<name>[^\s\"'>/=]+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<uq>[^\s\"'=<>`]+)))?")
SCRIPT_RE = re.compile(r"<\s*(?P<tag>script|iframe)\b", re.I)
JS_URL_RE = re.compile(r"(?:\]\(\s*<?|\]:[ \t]*<?|=\s*[\"']?\s*|<)\s*javascript\s*:", re.I)
EVENT_ATTR_RE = re.compile(r"^on[a-z]+$", re.I)
SCHEME_RE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|#)")


@dataclass
class CheckResult:
    """What :func:`run_check` found: problems (errors), notices (drafts, future posts)
    and the files it read, all paths as shown in messages."""

    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass
class _Doc:
    """One content file, as far as the site-wide checks need it."""

    shown: str
    generator: str  # "article" or "page"
    slug: str | None
    slug_line: int
    output: str | None  # where this build writes it (a draft: under drafts/)
    published: str | None  # where it is written once published
    output_line: int


def check_site(content_path: Path, settings: Mapping, *, now: datetime.datetime | None = None, root: Path | None = None) -> list[Problem]:
    """Every problem in the content at ``content_path``, sorted by file and line."""
    return run_check(content_path, settings, now=now, root=root).problems


def run_check(
    content_path: Path,
    settings: Mapping,
    *,
    now: datetime.datetime | None = None,
    root: Path | None = None,
    registry: Mapping | None = None,
    templates: set[str] | None = None,
) -> CheckResult:
    """Check the content at ``content_path`` with Pelican ``settings`` (a dict as
    :func:`pelican.settings.read_settings` returns it; missing keys take Pelican's and the
    plugin's defaults). Paths in messages are relative to ``root`` (default: the current
    folder, as in the build). ``now`` decides what is future-dated (default: now). A build
    passes the ``registry`` and theme ``templates`` it already has, so neither is read twice."""
    settings = {**DEFAULT_CONFIG, **DEFAULTS, **settings}
    content = Path(content_path)
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    now = now or datetime.datetime.now(zone)
    if now.tzinfo is None:
        now = now.replace(tzinfo=zone)

    def shown(path: Path) -> str:
        if root is None:
            return display_path(str(path))
        relative = os.path.relpath(path, root)
        return str(path) if relative.startswith("..") else relative

    result = CheckResult()
    registry_path = content / settings["FIGURES_FILE"]
    registry_shown = shown(registry_path)
    result.files.append(registry_shown)
    if registry is None:
        try:
            registry = load_registry(registry_path, registry_shown)
        except ContentError as exc:
            result.problems += exc.problems
            registry = _AnyKey()  # the keys cannot be checked, but the syntax still can

    if templates is None:
        templates = _template_names(settings)
    services = settings.get("SERVICE_LINES", {})
    docs: list[_Doc] = []
    for relative, generator in _content_files(content, settings):
        path = content / relative
        file_shown = shown(path)
        result.files.append(file_shown)
        doc = _check_file(path, relative, generator, file_shown, content, settings, registry, templates, services, now, result)
        if doc is not None:
            docs.append(doc)

    result.problems += _check_collisions(docs, settings, content)
    result.problems.sort(key=Problem.sort_key)
    result.notices.sort(key=Problem.sort_key)
    return result


class _AnyKey(Mapping):
    """Stands in for a registry that could not be loaded: every key is known."""

    def __getitem__(self, key):
        return None

    def __contains__(self, key):
        return True

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


def _template_names(settings: Mapping) -> set[str]:
    """The theme's template names, as the build reads them (empty: not checked)."""
    try:
        return renderer_for(settings).template_names()
    except Exception:  # a theme being edited: the build will say what is wrong with it
        return set()


def _content_files(content: Path, settings: Mapping) -> list[tuple[str, str]]:
    """(path relative to ``content``, "article" or "page") of every Markdown file Pelican
    reads, found the way Pelican's ``Generator.get_files`` finds them."""
    extensions = set(MarkdownReader.file_extensions)
    ignores = settings["IGNORE_FILES"]
    found: dict[str, str] = {}
    for generator, paths_key, exclude_key in (("article", "ARTICLE_PATHS", "ARTICLE_EXCLUDES"), ("page", "PAGE_PATHS", "PAGE_EXCLUDES")):
        excluded = {os.path.normpath(os.path.join(content, e)) for e in settings.get(exclude_key, [])}
        for base in settings.get(paths_key, []):
            top = content / base if base else content
            if top.is_file():
                candidates = [str(top)]
            else:
                candidates = []
                for dirpath, dirs, files in os.walk(top, followlinks=True):
                    dirs[:] = sorted(d for d in dirs if os.path.normpath(os.path.join(dirpath, d)) not in excluded and not any(fnmatch.fnmatch(d, i) for i in ignores))
                    candidates += [os.path.join(dirpath, f) for f in sorted(files)]
            for candidate in candidates:
                name = os.path.basename(candidate)
                if any(fnmatch.fnmatch(name, i) for i in ignores) or os.path.splitext(name)[1][1:] not in extensions:
                    continue
                found.setdefault(Path(os.path.relpath(candidate, content)).as_posix(), generator)
    return sorted(found.items())


def _check_file(path, relative, generator, shown, content, settings, registry, templates, services, now, result) -> _Doc | None:
    problems = result.problems
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown, None, f"not valid UTF-8 (byte {exc.start}: {exc.reason}); save the file as UTF-8"))
        return None
    if not text.strip():
        problems.append(Problem(shown, None, "the file is empty; a page needs at least a 'Title:' line"))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    meta, lines, body_line = read_front_matter(text)
    kind = schema.kind_of(relative)
    if kind is not None:
        problems += schema.validate(
            kind, meta, lines, shown, services, templates=templates,
            file_exists=lambda p: (content / p).is_file(),
        )
    elif not meta.get("title"):
        problems.append(Problem(shown, 1, "title: required field is missing"))
    for alias in redirects.split_aliases(meta.get("aliases")):
        try:
            redirects.alias_to_save_as(alias)
        except ValueError as exc:  # clashes between files need the whole site: the build reports them
            problems.append(Problem(shown, lines.get("aliases"), f"{redirects.FIELD}: {exc}"))

    body_lines = text.split("\n")[body_line - 1:]
    body = "\n".join(body_lines)
    masked = _mask_code(body)
    first = body_line  # line number of the body's first line
    problems += _check_directives(masked, first, shown, registry)
    problems += _check_links(masked, first, shown, path.parent, content)
    problems += _check_images(masked, first, shown, path.parent, content)
    problems += _check_html(masked, first, shown)

    status = meta.get("status", "").strip() or "published"
    date = None
    if meta.get("date", "").strip():
        try:
            date = schema.parse_date(meta["date"]).replace(tzinfo=ZoneInfo(settings.get("TIMEZONE") or "UTC"))
        except ValueError:
            pass  # reported by the schema
    future = generator == "article" and date is not None and date > now
    drafted = status == "draft"
    if future and not settings.get("WITH_FUTURE_DATES", True):
        status = "draft"  # as Pelican does: written to the drafts' output path
    doc = _describe(meta, lines, generator, status, date or now, shown, settings)
    written = f"only at {doc.output}" if doc.output else "nowhere"
    if drafted:
        result.notices.append(Problem(shown, lines.get("status"), f"draft: not listed, linked or in feeds, written {written}; delete 'Status: draft' to publish"))
    elif future:
        where = "left out of production until then, shown in dev" if settings.get("WITH_FUTURE_DATES", True) else f"left out of this build until then (written {written})"
        result.notices.append(Problem(shown, lines.get("date"), f"dated {meta['date'].strip()}, in the future: {where}"))
    return doc


def _describe(meta, lines, generator, status, date, shown, settings) -> _Doc:
    """Slug and output paths of a file, as Pelican computes them."""
    slug = meta.get("slug", "").strip() or None
    slug_line = lines.get("slug") or lines.get("title") or 1
    source = {"title": meta.get("title", "").strip(), "basename": Path(shown).stem}.get(settings.get("SLUGIFY_SOURCE", "title"))
    if slug is None and source:
        slug = slugify(
            source,
            regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
            preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
            use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
        )
    if "save_as" in meta:
        saved = meta["save_as"].strip()
        return _Doc(shown, generator, slug, slug_line, _normal(saved), _normal(saved), lines["save_as"])
    category = ""
    if meta.get("services", "").strip():
        category = Category(schema.split_list(meta["services"])[0], settings).slug
    elif generator == "article":
        category = Category(settings.get("DEFAULT_CATEGORY", "misc"), settings).slug
    values = {
        **meta, "slug": slug or "", "lang": settings.get("DEFAULT_LANG", "en"), "date": date,
        "author": Author(settings["AUTHOR"], settings).slug if settings.get("AUTHOR") else "",
        "category": category, "path": shown,
    }

    def expand(key: str) -> str | None:
        try:
            return _normal(str(settings[key]).format(**values))
        except (KeyError, IndexError, ValueError, AttributeError):
            return None  # a setting naming a field this file lacks: Pelican will say so

    published = expand("ARTICLE_SAVE_AS" if generator == "article" else "PAGE_SAVE_AS")
    output = published if status != "draft" else expand("DRAFT_SAVE_AS" if generator == "article" else "DRAFT_PAGE_SAVE_AS")
    return _Doc(shown, generator, slug, slug_line, output, published, slug_line)


def _normal(save_as: str) -> str | None:
    return os.path.normpath(save_as).replace("\\", "/").lstrip("/") if save_as else None


def reserved_outputs(settings: Mapping, content: Path) -> dict[str, str]:
    """The site's own outputs, folder (``posts/``) or file (``index.html``) -> what it is."""
    reserved = {name: f"'{name}'" for name in FIXED_OUTPUTS}

    def add(save_as, what):
        save_as = str(save_as or "").lstrip("/")
        if not save_as:
            return
        head = save_as.split("{", 1)[0]
        name = head.split("/", 1)[0] + "/" if "/" in save_as else save_as
        if name and "{" not in name:
            reserved.setdefault(name, what)

    for key in _RESERVED_SETTINGS:
        add(settings.get(key), key)
    for template in settings.get("DIRECT_TEMPLATES", []):
        add(settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html"), f"{template.upper()}_SAVE_AS")
    add(settings.get("THEME_STATIC_DIR", "theme") + "/", "THEME_STATIC_DIR")
    extra = settings.get("EXTRA_PATH_METADATA", {})
    for static in settings.get("STATIC_PATHS", []):
        top = content / static
        files = [top] if top.is_file() else [Path(d, f) for d, _, fs in os.walk(top) for f in fs]
        for file in files:
            relative = file.relative_to(content).as_posix()
            output = extra.get(relative, {}).get("path", relative)
            reserved.setdefault(output, f"the static file {relative}")
    return reserved


def _check_collisions(docs: list[_Doc], settings: Mapping, content: Path) -> list[Problem]:
    """Duplicate slugs, and files written to one output path, now or once published (a
    draft that cannot be published without overwriting a page is a problem already)."""
    problems = []
    by_slug: dict[tuple[str, str], list[_Doc]] = {}
    by_output: dict[str, list[_Doc]] = {}
    for doc in docs:
        if doc.slug:
            by_slug.setdefault((doc.generator, doc.slug), []).append(doc)
        for output in dict.fromkeys((doc.output, doc.published)):
            if output:
                by_output.setdefault(output, []).append(doc)
    duplicates = set()
    for (_, slug), group in by_slug.items():
        if len(group) < 2:
            continue
        for doc in group:
            duplicates.add(id(doc))
            others = ", ".join(other.shown for other in group if other is not doc)
            problems.append(Problem(doc.shown, doc.slug_line, f"slug: duplicate slug '{slug}', also used by {others}; give each page its own 'Slug:'"))
    for output, group in by_output.items():
        if len(group) < 2 or len({(d.generator, d.slug) for d in group}) == 1 and all(id(d) in duplicates for d in group):
            continue  # one writer, or reported above as a duplicate slug
        for doc in group:
            others = ", ".join(other.shown for other in group if other is not doc)
            when = " once published" if output != doc.output else ""
            problems.append(Problem(doc.shown, doc.output_line, f"output path '{output}'{when} is also written by {others}; change the slug or 'Save_as:'"))
    reserved = reserved_outputs(settings, content)
    for doc in docs:
        if not doc.published:
            continue
        for name, what in reserved.items():
            if doc.published.startswith(name) if name.endswith("/") else doc.published == name:
                when = " once published" if doc.published != doc.output else ""
                problems.append(Problem(doc.shown, doc.output_line, f"output path '{doc.published}'{when} collides with the site's own {what}; choose another slug"))
                break
    return problems


# --- the body ------------------------------------------------------------------------------

def _blank_text(text: str) -> str:
    """``text`` with every character but newlines turned into a space: lines are kept."""
    return re.sub(r"[^\n]", " ", text)


def _blank(match: re.Match) -> str:
    return _blank_text(match.group(0))


def _mask_code(body: str) -> str:
    """``body`` with fenced code blocks and code spans blanked out, lines kept."""
    return CODE_SPAN_RE.sub(_blank, FENCE_RE.sub(_blank, body))


def _mask_html_blocks(body: str) -> str:
    """``body`` with raw HTML blocks and comments blanked out: from a line starting with a
    block-level tag (or ``<!--``) to its closing tag (or ``-->``), as Python-Markdown
    passes them through without reading directives in them."""
    out, index = [], 0
    while index < len(body):
        end_of_line = body.find("\n", index)
        end_of_line = len(body) if end_of_line < 0 else end_of_line + 1
        line = body[index:end_of_line]
        start = HTML_BLOCK_START_RE.match(line)
        tag = start and start.group("tag") and start.group("tag").lower()
        if start and (tag is None or (tag in BLOCK_LEVEL_ELEMENTS and "markdown=" not in start.group("attrs"))):
            end = _html_block_end(body, index, tag)
            end_of_line = body.find("\n", end)
            end_of_line = len(body) if end_of_line < 0 else end_of_line + 1
            line = _blank_text(body[index:end_of_line])
        out.append(line)
        index = end_of_line
    return "".join(out)


def _html_block_end(body: str, start: int, tag: str | None) -> int:
    """Where the raw HTML block opening at ``start`` ends (the end of the text if never)."""
    if tag is None:
        end = body.find("-->", start)
        return len(body) if end < 0 else end
    if tag in VOID_BLOCK_TAGS:
        return start
    depth = 0
    for m in re.finditer(rf"<(/?){tag}\b[^>]*?(/?)>", body[start:], re.I):
        if m.group(2):
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return start + m.start()
    return len(body)


def _line(body: str, index: int, first: int) -> int:
    return body.count("\n", 0, index) + first


def _blocks(lines: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """Runs of non-blank lines: what Python-Markdown parses one at a time."""
    block: list[tuple[int, str]] = []
    for number, text in lines:
        if text.strip():
            block.append((number, text))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _units(block: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """A block split as Python-Markdown parses it: the content of a block quote and each
    list item again as blocks of their own (so a callout may be a list item)."""
    if QUOTE_RE.match(block[0][1]):
        inner = [(n, QUOTE_RE.sub("", t, count=1)) for n, t in block]
        for sub in _blocks(inner):
            yield from _units(sub)
    elif LIST_ITEM_RE.match(block[0][1]):
        item: list[tuple[int, str]] = []
        for number, text in block:
            if LIST_ITEM_RE.match(text):
                if item:
                    yield from _units(item)
                item = [(number, LIST_ITEM_RE.sub("", text, count=1))]
            else:
                item.append((number, text[4:] if text.startswith("    ") else text.lstrip()))
        if item:
            yield from _units(item)
    else:
        yield block


def _check_directives(masked: str, first: int, shown: str, registry: Mapping) -> list[Problem]:
    """Callouts and inline figures, by the rules of :mod:`mep_kit.markdown_ext`."""
    problems = []
    numbered = list(enumerate(_mask_html_blocks(masked).split("\n"), start=first))
    in_list = False
    for block in _blocks(numbered):
        indented = all(text.startswith(("    ", "\t")) for _, text in block)
        in_list = LIST_ITEM_RE.match(block[0][1]) is not None or (in_list and indented)
        code = all(text.startswith(("        ", "\t\t", "    \t", "\t    ")) for _, text in block) if in_list else indented
        if code and not BLOCK_RE.match("\n".join(t for _, t in block)):
            continue  # an indented code block (in a list item: indented twice)
        for unit in _units(block):
            text = "\n".join(t for _, t in unit)
            match = BLOCK_RE.match(text)
            try:
                if match:
                    parse_keys(match.group(1), registry, text.strip())
                    continue
            except FigureSyntaxError as exc:
                problems.append(Problem(shown, unit[0][0], str(exc)))
                continue
            for number, line in unit:
                for m in re.finditer(DIRECTIVE, line):
                    try:
                        inline_figure(m.group(1), m.group(2), registry, m.group(0))
                    except FigureSyntaxError as exc:
                        problems.append(Problem(shown, number, str(exc)))
    return problems


def _resolve(target: str, folder: Path, content: Path) -> bool:
    """Whether a link target names a file: from the content root when it starts with
    ``/``, else from the linking file's folder (as Pelican resolves ``{filename}``)."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return True  # a link to a part of the same page
    for candidate in dict.fromkeys((path, unquote(path))):
        where = content / candidate.lstrip("/") if candidate.startswith("/") else folder / candidate
        if where.is_file():
            return True
    return False


def _check_links(masked: str, first: int, shown: str, folder: Path, content: Path) -> list[Problem]:
    problems = []
    for m in LINK_RE.finditer(masked):
        what, target = m.group("a") or m.group("b"), m.group("target")
        if not target.split("#", 1)[0].split("?", 1)[0]:
            problems.append(Problem(shown, _line(masked, m.start(), first), f"link {m.group(0)!r}: no file named after {{{what}}}"))
        elif not _resolve(target, folder, content):
            base = "the content folder" if target.startswith("/") else f"{Path(shown).parent.as_posix()}/"
            problems.append(Problem(shown, _line(masked, m.start(), first), f"link {m.group(0)!r}: file '{target}' not found (looked in {base})"))
    return problems


def _check_image_src(src: str, shown: str, line: int, folder: Path, content: Path) -> Problem | None:
    src = src.strip().strip("<>").strip()
    if not src:
        return Problem(shown, line, "image: no file given")
    if SCHEME_RE.match(src) or LINK_RE.match(src):
        return None  # external, or a {static} link checked with the links
    if not _resolve(src, folder, content):
        return Problem(shown, line, f"image: file '{src}' not found; put it under content/images/ and write ![...]({{static}}/images/...)")
    return None


def _check_images(masked: str, first: int, shown: str, folder: Path, content: Path) -> list[Problem]:
    problems = []
    references = {m.group("id").strip().lower(): m.group("url") for m in REF_DEF_RE.finditer(masked)}
    no_alt = "alt text is empty; describe what the image shows, for readers who cannot see it"
    for m in MD_IMAGE_RE.finditer(masked):
        line = _line(masked, m.start(), first)
        if not m.group("alt").strip():
            problems.append(Problem(shown, line, f"image {m.group(0)!r}: {no_alt}"))
        if m.group("src") is not None:
            src = m.group("src")
        else:
            src = references.get((m.group("ref").strip() or m.group("alt").strip()).lower())
            if src is None:
                continue  # not an image: Markdown leaves ![x][unknown] as text
        problem = _check_image_src(src, shown, line, folder, content)
        if problem:
            problems.append(problem)
    for m in TAG_RE.finditer(masked):
        if m.group("name").lower() != "img":
            continue
        attrs = _attributes(m.group("attrs"))
        line = _line(masked, m.start(), first)
        if not attrs.get("alt", "").strip():
            problems.append(Problem(shown, line, f"<img>: {'alt text is missing' if 'alt' not in attrs else no_alt}"))
        problem = _check_image_src(attrs.get("src", ""), shown, line, folder, content)
        if problem:
            problems.append(Problem(problem.path, problem.line, problem.message.replace("image:", "<img>:", 1)))
    return problems


def _attributes(raw: str) -> dict[str, str]:
    attrs = {}
    for m in ATTR_RE.finditer(raw):
        value = m.group("dq") if m.group("dq") is not None else m.group("sq") if m.group("sq") is not None else m.group("uq") or ""
        attrs.setdefault(m.group("name").lower(), value)
    return attrs


def _check_html(masked: str, first: int, shown: str) -> list[Problem]:
    """Raw HTML that would run code on the site."""
    problems = []
    for m in SCRIPT_RE.finditer(masked):
        tag = m.group("tag").lower()
        hint = "scripts belong in the theme" if tag == "script" else "embeds belong in the theme; link to the page instead"
        problems.append(Problem(shown, _line(masked, m.start(), first), f"raw HTML: <{tag}> is not allowed in content ({hint})"))
    for m in JS_URL_RE.finditer(masked):
        problems.append(Problem(shown, _line(masked, m.end() - 1, first), "raw HTML: a 'javascript:' URL is not allowed in content; link to a real address"))
    for m in TAG_RE.finditer(masked):
        for name, _ in _attributes(m.group("attrs")).items():
            if EVENT_ATTR_RE.match(name):
                where = m.start("attrs") + re.search(rf"(?i)(?<![\w-]){re.escape(name)}\s*=?", m.group("attrs")).start()
                problems.append(Problem(shown, _line(masked, where, first), f"raw HTML: event handler '{name}=' on <{m.group('name').lower()}> is not allowed in content (scripts belong in the theme)"))
    return problems


# --- output for `invoke check` -------------------------------------------------------------

def github_annotation(problem: Problem, level: str = "error") -> str:
    """A GitHub Actions workflow command that shows ``problem`` on the file's line."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    where = f"file={prop(problem.path)}"
    if problem.line:
        where += f",line={problem.line}"
    return f"::{level} {where}::{data(problem.message)}"
