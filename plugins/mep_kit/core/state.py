"""The state of one build, owned by the plugin.

A new :class:`Build` is made when each build starts (``get_generators``), so live reload
never carries pages or problems over from the last one. The reader and every signal handler
reach it through :func:`current`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Problem


@dataclass
class Source:
    """What the reader kept of a content file, to name lines in later messages."""

    path: str  # as shown in messages: content/case-studies/x.md
    lines: dict[str, int]  # front-matter key -> line
    body_line: int  # the line the body starts on


@dataclass
class Build:
    settings: dict
    #: The build's "now" (mep_kit.events.clock.build_now), read once when it starts.
    now: object = None
    registry: dict = field(default_factory=dict)
    #: Pelican's Jinja environment (the theme's templates), from the first generator.
    env: object = None
    renderer: object = None
    #: The theme's template names, for the ``Template:`` field.
    template_names: set = field(default_factory=set)
    output_path: str = ""
    #: True for `invoke check`: read and render everything, write nothing.
    check_only: bool = False
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    #: Every file read, as shown in messages (the registry first).
    files: list[str] = field(default_factory=list)
    #: Content files read, by absolute source path.
    sources: dict[str, Source] = field(default_factory=dict)
    #: Whether this build writes sitemap.xml and robots.txt (an absolute SITEURL).
    writes_sitemap: bool = False
    #: Every file written so far, relative to the output folder (pages, then static files).
    written: set[str] = field(default_factory=set)
    #: The posts and pages written (relative paths): what the search index reads.
    indexed: set[str] = field(default_factory=set)
    #: The sitemap's entries by URL, from the pages as they are written.
    sitemap_entries: dict = field(default_factory=dict)
    #: The redirects of the content's aliases, planned before anything is written.
    redirects: list = field(default_factory=list)
    #: Every file the site writes (save_as -> who writes it), as the site check read it.
    outputs: dict = field(default_factory=dict)
    #: Set by ``make serve``'s build process only (mep_kit.tools.incremental): for each post, page
    #: or event (by id), a ``write(writer)`` for every file that shows its body, noted as the
    #: build writes it, so that a body edit writes exactly those files again.
    body_outputs: dict | None = None
    #: The ``src`` of every ``<img>`` of each body (id(post) -> URLs), as the site check read
    #: them: the images the build processes.
    body_images: dict = field(default_factory=dict)
    #: The build's images (mep_kit.images.site.SiteImages) once processed: bodies are written
    #: with their ``<img>`` as ``<picture>`` from then on.
    images: object = None
    #: Pelican's generators, once every file is read.
    generators: list = field(default_factory=list)
    #: The writer (mep_kit.outputs.writer.SiteWriter), once Pelican made it.
    writer: object = None
    #: Every Markdown file the generators will read, in order (mep_kit.content.readahead).
    read_paths: list = field(default_factory=list)
    #: Those files read ahead (mep_kit.content.readahead.ReadAhead), from the first file read on.
    readahead: object = None
    #: The pages kept from earlier builds (mep_kit.outputs.render_cache.RenderCache), once the site's
    #: key is known (every file read and checked, the images made).
    render_cache: object = None


_current: Build | None = None


def start(build: Build) -> Build:
    global _current
    _current = build
    return build


def current_or_none() -> Build | None:
    """The build under way, if any (content objects may be read after it, by tests)."""
    return _current


def current() -> Build:
    if _current is None:
        raise RuntimeError("mep_kit: no build has started (is the plugin registered?)")
    return _current


#: Set by ``make serve``'s build process: each build fills ``Build.body_outputs``.
note_body_outputs = False
#: Set by ``invoke check`` (mep_kit.tools.check) before it starts Pelican: read, check, write nothing.
check_only = False
#: The settings file ``invoke check`` reads, to name it in messages (a build names its ``-s``).
settings_file: str | None = None
