"""The development server of ``make serve`` (``invoke livereload``): python-livereload's, with
the reload script loaded as a file, so it runs under the site's own Content-Security-Policy,
and a warm build process, so a saved file is a reloaded page well within a second (a saved
body, a few hundredths of one).

The policy
----------
livereload puts an inline ``<script>`` into every page it serves, which then loads
``livereload.js``; the pages' policy (:mod:`mep_kit.outputs.headers`) allows no inline script, so the
browser blocks it and never reloads. This server puts ``<script src="/livereload.js">`` there
instead and serves the script, the page and the reload websocket (``/livereload``) from one
address, so the policy's ``script-src 'self'`` and ``connect-src 'self'`` already allow them:
the development pages carry exactly the policy that is published, nothing is loosened.

Rebuilds
--------
A rebuild is ``invoke build``'s own :func:`mep_kit.tools.building.atomic_build`: Pelican writes a
staging folder, which replaces ``output/`` only if it succeeded, so a failed rebuild leaves
the last good site in place and prints its ``file:line`` problems, without a traceback. What
changes is where Pelican runs. A new Python process spends most of a second importing
Pelican, Markdown, Pillow and the plugin before it reads a file; so Pelican runs in one
long-lived build process (:class:`BuildWorker`), started with the server, which keeps those
modules imported and runs Pelican's own entry point (``pelican.main``, with the same
arguments as the command line) once per save. Each run starts clean (:func:`build_in_process`):
Pelican re-reads the settings and every file, the plugin starts a new ``state.Build``, and what
Pelican and the plugin remember per process (logged-once warnings, memoized bodies, the
settings modules' imports, a font's hash) is forgotten first; two runs in a row write the same
bytes as ``python -m pelican`` (tests/build/test_live_rebuild.py). The one thing kept is each
template's compiled code (:class:`TemplateCache`), reused only for the same template source
under the same Jinja setup.

A save that changes nothing but bodies does not run Pelican again at all: the build process
keeps its last good build, reads the saved files again and writes only the files that show
their bodies into ``output/`` (:mod:`mep_kit.tools.incremental`, :func:`quick_in_process`); any
other save, or one with a problem, runs the whole build as above.

The plugin's own code (``plugins/**/*.py``) cannot be reloaded into a running process, so a
change to it replaces the build process by a new one, which imports the new code (that one
rebuild takes as long as a plain ``invoke build``; the next are quick again).

The search index (Pagefind) does not hold up the page: the new site is swapped
in with the previous index (hard links, so search keeps working), the browser is told to
reload, and :data:`INDEX_DELAY` later (the reloaded page is served first) Pagefind indexes
the new ``output/`` in the background, into a folder of its own that then replaces
``output/pagefind/`` (:class:`SearchIndex`). Until then, about a second after the save, a
search finds the text as it was one save earlier. If indexing fails, the previous index stays
and the failure is printed; the next save, or a plain ``invoke build``, indexes again. The
first build, when the server starts, indexes before it serves, as ``invoke build`` does.

Saved files are looked for every :data:`POLL_MS` ms, or less often on a site so large that a
look is costly (:class:`SiteWatcher`); all the files saved between two looks are one rebuild.

How long a writer waits, from a save to the reloaded page, is measured by
``tests/benchmarks/live_reload.py`` (beside ``hugo server`` on the same posts) and written
down in tests/benchmarks/RESULTS.md, "Live reload".
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path

from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import ioloop, web

from ..core import paths
from . import building

#: How often saved files are looked for, in milliseconds (livereload's own polling waits 800).
POLL_MS = 100
#: At most this share of one core goes to looking for saved files: on a site so large that
#: one look takes longer than POLL_MS * POLL_SHARE (10 ms), the looks are spaced out more.
POLL_SHARE = 0.1


class QuickWatcher(Watcher):
    """livereload's polling watcher, looking every :data:`POLL_MS` ms instead of 800: a save
    is seen within a tenth of a second."""

    def start(self, callback):
        ioloop.PeriodicCallback(callback, POLL_MS).start()
        return True


class SiteWatcher(QuickWatcher):
    """A :class:`QuickWatcher` that rebuilds once per look, however many files were saved:
    ``rebuild(paths)`` gets the changed paths and returns whether the browser should reload
    (not after a failed build: the page on screen is still the last good one). A look globs
    and stats every file, so it grows with the site: the next look waits POLL_MS, or ten times
    as long as this one took."""

    def __init__(self, rebuild: Callable[[list[str]], bool]):
        super().__init__()
        self.rebuild = rebuild
        self._pending: list[str] = []
        #: Seconds the last look for saved files took (the rebuild left out).
        self.look_seconds = 0.0

    def watch_paths(self, pattern: str) -> None:
        self.watch(pattern, lambda *changed: self._pending.append(self.filepath or pattern))

    def start(self, callback):
        loop = ioloop.IOLoop.current()

        def look():
            try:
                callback()
            finally:
                loop.call_later(max(POLL_MS / 1000, self.look_seconds / POLL_SHARE), look)

        loop.call_later(POLL_MS / 1000, look)
        return True

    def examine(self):
        self._pending = []
        started = time.monotonic()
        filepath, delay = super().examine()
        self.look_seconds = time.monotonic() - started
        if self._pending and not self.rebuild(list(dict.fromkeys(self._pending))):
            return None, None
        return filepath, delay


def reload_script(port: int) -> bytes:
    """The element added before ``</head>`` of each page: the reload client, as a file from
    the same address (livereload.js reads the websocket's host and port from its own URL)."""
    return f'<script src="/livereload.js?port={int(port)}" defer></script>'.encode()


class DevServer(Server):
    """livereload's Server, serving pages, livereload.js and its websocket on one port."""

    def __init__(self, app=None, watcher=None):
        super().__init__(app, watcher or QuickWatcher())

    def application(self, port, host, liveport=None, debug=None, live_css=True):
        if liveport not in (None, port):
            raise ValueError("the reload websocket is served on the pages' own port (connect-src 'self')")
        LiveReloadHandler.watcher = self.watcher
        # livereload ignores a change seen within 3 s of the last reload (or of the page
        # connecting), and the change is then lost: a writer saving twice in a row, or right
        # after opening the page, would see nothing. Each poll rebuilds once, so half a second
        # is enough to keep one save from reloading twice.
        LiveReloadHandler.DEFAULT_RELOAD_TIME = 0.5
        LiveReloadHandler.live_css = live_css
        script = reload_script(port)

        class Injector(LiveScriptInjector):
            pass

        Injector.script = script
        handlers = [
            (r"/livereload", LiveReloadHandler),
            (r"/forcereload", ForceReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            *self.get_web_handlers(script),
        ]
        # debug stays off: Tornado's debug mode restarts the process when a module changes.
        web.Application(handlers=handlers, debug=bool(debug), transforms=[Injector]).listen(port, address=host)


# --- in the build process ------------------------------------------------------------------


#: Per build: what :func:`_code_identity` and :func:`environment_key` worked out, by the id of
#: the object (kept alive alongside, so the id is not reused). Cleared when a build starts.
_identities: dict[int, tuple] = {}
#: Counts the builds of this process: part of the identity of code it cannot vouch for.
_build_number = 0
#: Filters, tests and extensions from these packages compile to the same code for the same
#: arguments and state; any other (a settings file's filter, say, which may read a file) is
#: trusted for one build. Of Pelican's, not the plugins under ``pelican.plugins``, but for the
#: ones the kit uses and whose code was read: its ``plugin_enabled`` test and webassets'
#: ``{% assets %}`` tag (which resolves its bundle when the page is rendered).
TRUSTED_PACKAGES = ("builtins", "operator", "_operator", "jinja2", "markupsafe", "pelican")
TRUSTED_PLUGINS = ("pelican.plugins._utils", "pelican.plugins.webassets.")


def _trusted(module: str) -> bool:
    if module.startswith("pelican.plugins."):
        return module.startswith(TRUSTED_PLUGINS)
    return module.split(".")[0] in TRUSTED_PACKAGES


def _code_identity(obj) -> tuple:
    """What a Jinja filter, test or hook is, for :func:`environment_key`: its name and the
    state it runs with. Jinja's compiler calls filters and tests on constant arguments and
    keeps the result in the compiled code, so one that may behave otherwise next time (code
    that is not :func:`_trusted`) is only the same within one build."""
    known = _identities.get(id(obj))
    if known is not None and known[0] is obj:
        return known[1]
    if isinstance(obj, functools.partial):
        identity = ("partial", _code_identity(obj.func), repr(obj.args), repr(sorted(obj.keywords.items())))
    else:
        kind = type(obj)
        module = getattr(obj, "__module__", None) or kind.__module__
        plain = hasattr(obj, "__code__") or not hasattr(obj, "__dict__")
        state = None if plain else repr(sorted(vars(obj).items()))
        trusted = _trusted(module)
        identity = (
            module,
            getattr(obj, "__qualname__", kind.__qualname__),
            state,
            getattr(obj, "jinja_pass_arg", None),
            None if trusted else _build_number,
        )
    _identities[id(obj)] = (obj, identity)
    return identity


_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
    "sandboxed",
    "autoescape",
    "finalize",
    "undefined",
)


def environment_key(env) -> str:
    """Everything of a Jinja environment that compiling a template depends on: its syntax
    and whitespace options, autoescape, finalize, undefined, extensions, and each filter and
    test (the compiler folds constant expressions by calling them)."""
    import jinja2

    values = tuple(getattr(env, name, None) for name in _OPTIONS)
    members = (tuple(env.filters.items()), tuple(env.tests.items()), dict(env.extensions))
    known = _identities.get(id(env))
    if known is not None and known[0] is env and known[1] == (values, members):
        return known[2]
    parts = [
        jinja2.__version__,
        type(env).__qualname__,
        *(
            _code_identity(value) if callable(value) and not isinstance(value, type) else repr(value)
            for value in values
        ),
        sorted((name, _code_identity(type(extension))) for name, extension in members[2].items()),
        sorted((name, _code_identity(f)) for name, f in members[0]),
        sorted((name, _code_identity(f)) for name, f in members[1]),
    ]
    key = hashlib.sha256(repr(parts).encode()).hexdigest()
    _identities[id(env)] = (env, (values, members), key)
    return key


def _template_cache_class():
    from jinja2.bccache import Bucket, BytecodeCache

    class TemplateCache(BytecodeCache):
        """Jinja's bytecode cache, in memory, for the build process: a template's compiled
        code is reused only for the same file, the same source (Jinja checks its checksum)
        and the same environment (:func:`environment_key`), so an edited template, a new
        filter or a changed Jinja setting is compiled afresh. Pelican makes a new Jinja
        environment for each generator of each build, and compiling the theme's templates
        again would be about half of a warm rebuild of a small site."""

        #: Templates kept, the least recently used dropped first (a theme has a few dozen).
        SIZE = 512

        def __init__(self):
            self.store: OrderedDict[str, bytes] = OrderedDict()

        def get_bucket(self, environment, name, filename, source):
            key = hashlib.sha256(repr((environment_key(environment), name, filename)).encode()).hexdigest()
            bucket = Bucket(environment, key, self.get_source_checksum(source))
            self.load_bytecode(bucket)
            return bucket

        def load_bytecode(self, bucket):
            data = self.store.get(bucket.key)
            if data is not None:
                self.store.move_to_end(bucket.key)
                bucket.bytecode_from_string(data)

        def dump_bytecode(self, bucket):
            self.store[bucket.key] = bucket.bytecode_to_string()
            self.store.move_to_end(bucket.key)
            while len(self.store) > self.SIZE:
                self.store.popitem(last=False)

    return TemplateCache


_template_cache = None


def _use_template_cache(generator) -> None:
    """``generator_init``: Pelican's environment of this generator compiles through the
    build process's :class:`TemplateCache`."""
    if generator.env.bytecode_cache is None:
        generator.env.bytecode_cache = _template_cache


def _forget_project_modules(root: str) -> None:
    """Drop the settings modules (Python files at the top of the project, such as
    pelicanconf.py, which publishconf.py imports) from ``sys.modules``: a new Python process
    would import them afresh."""
    root = os.path.abspath(root)
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and file.endswith(".py") and os.path.dirname(os.path.abspath(file)) == root:
            del sys.modules[name]


def build_in_process(argv: list[str]) -> int:
    """Run ``python -m pelican argv`` in this process, as a new process would: same settings
    read, same messages, same exit code (a problem of the plugin's ends the run with
    SystemExit(1) after its ``file:line`` lines; Pelican's own fatal errors with its one line).
    What Pelican and the plugin remember per process is forgotten first."""
    global _template_cache, _build_number
    import pelican
    from pelican.log import FatalLogger
    from pelican.plugins import signals

    from ..core import internals, state
    from ..images import sharecards
    from . import incremental

    if _template_cache is None:
        _template_cache = _template_cache_class()()
        signals.generator_init.connect(_use_template_cache)
    # Pelican logs each warning once per process, keeps every body it rendered, and sets its
    # log level and what is fatal only when asked (--debug, --fatal).
    FatalLogger.fatal_lvl = logging.CRITICAL + 1
    logging.getLogger("pelican").setLevel(logging.NOTSET)
    internals.forget_logged_once()
    internals.forget_rendered_bodies()
    sharecards._file_sha256.cache_clear()
    _identities.clear()
    _build_number += 1
    state.start(None)
    state.check_only, state.settings_file, state.note_body_outputs = False, None, True
    _forget_project_modules(os.getcwd())
    saved, path = sys.argv, sys.path[:]
    sys.argv = ["pelican", *argv]  # the plugin names the settings file (-s) in its messages
    global _session
    try:
        pelican.main(argv)
        code = 0
        _session = incremental.Session.of(state.current_or_none())  # a failed build keeps the last
    except SystemExit as stopped:
        code = stopped.code if isinstance(stopped.code, int) else (0 if stopped.code is None else 1)
        if isinstance(stopped.code, str):
            print(stopped.code, file=sys.stderr)
    finally:
        sys.argv, sys.path[:] = saved, path  # a settings file may add to sys.path
        state.start(None)
        sys.stdout.flush()
        sys.stderr.flush()
    return code


#: The last good build of this process (mep_kit.tools.incremental), for the quick path.
_session = None


def quick_in_process(changed: list[str], output: str) -> dict:
    """Write again only what the bodies of ``changed`` show (:func:`mep_kit.tools.incremental.apply`),
    into ``output``: ``{"written": [...]}``, or ``{"whole": why}`` when the whole build must run."""
    global _session
    from . import incremental

    try:
        return {"written": incremental.apply(_session, changed, output)}
    except incremental.Whole as why:
        return {"whole": str(why)}
    except Exception as error:  # noqa: BLE001  never a traceback for the writer: the whole build runs instead
        _session = None
        return {"whole": f"{type(error).__name__}: {error}"}


def worker_main(reply_fd: int) -> None:
    """The build process: imports Pelican and the plugin, then, for each request (one line
    of JSON on stdin), answers one line on ``reply_fd``: a list of Pelican's arguments is a
    build, answered with its exit code; ``{"quick": [paths], "output": folder}`` is
    :func:`quick_in_process`, answered in JSON. Ends when stdin closes."""
    replies = os.fdopen(reply_fd, "w", buffering=1)
    try:
        import pelican  # noqa: F401  (the imports a build would wait for)

        import mep_kit  # noqa: F401
    except Exception:  # noqa: BLE001  Pelican reports a broken plugin itself, when it loads it
        pass
    try:
        for line in sys.stdin:
            request = json.loads(line)
            if isinstance(request, dict):
                replies.write(json.dumps(quick_in_process(request["quick"], request["output"])) + "\n")
            else:
                replies.write(f"{build_in_process(request)}\n")
    except KeyboardInterrupt:  # Ctrl-C in `make serve` reaches the whole process group
        pass


# --- in the server -------------------------------------------------------------------------


class BuildWorker:
    """The long-lived build process (:func:`worker_main`), started in ``root``.

    :meth:`build` runs Pelican there with a command line's arguments and returns its exit
    code; :meth:`restart` replaces the process (after the plugin's code changed). If the
    process dies, the build is run as a new process instead, and the next one starts a new
    build process."""

    def __init__(self, root, python: str = sys.executable):
        self.root = Path(root)
        self.python = python
        self.process: subprocess.Popen | None = None
        self.replies = None

    def start(self) -> None:
        read, write = os.pipe()
        plugins = str(Path(__file__).resolve().parents[2])
        code = f"import sys; sys.path.insert(0, {plugins!r}); from mep_kit.tools.devserver import worker_main; worker_main({write})"
        try:
            self.process = subprocess.Popen(
                [self.python, "-c", code], cwd=self.root, stdin=subprocess.PIPE, pass_fds=(write,), text=True
            )
        finally:
            os.close(write)
        self.replies = os.fdopen(read, "r")

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            self.process.stdin.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self.replies.close()
        self.process = self.replies = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def quick(self, changed: Iterable[str], output) -> list[str] | str:
        """Ask the build process to write again only what the bodies of ``changed`` show
        (:func:`quick_in_process`): the files written, or why the whole build must run."""
        if self.process is None or self.process.poll() is not None:
            return "no build process"
        try:
            self.process.stdin.write(json.dumps({"quick": sorted(changed), "output": str(output)}) + "\n")
            self.process.stdin.flush()
            reply = json.loads(self.replies.readline() or "null")
        except (OSError, ValueError):
            reply = None
        if not isinstance(reply, dict):
            self.stop()  # the next build starts a new process
            return "the build process stopped"
        return reply["written"] if "written" in reply else str(reply.get("whole"))

    def build(self, argv: list[str]) -> int:
        if self.process is None or self.process.poll() is not None:
            self.stop()
            self.start()
        try:
            self.process.stdin.write(json.dumps(argv) + "\n")
            self.process.stdin.flush()
            reply = self.replies.readline()
        except OSError:
            reply = ""
        if reply.strip().lstrip("-").isdigit():
            return int(reply)
        # The build process died mid-build: this build runs as a new process, as before.
        self.stop()
        print("The build process stopped; building in a new process.", file=sys.stderr)
        return subprocess.run([self.python, "-m", "pelican", *argv], cwd=self.root).returncode


class SearchIndex:
    """Pagefind over ``output``, in the background, :attr:`delay` seconds after :meth:`start`
    (the reloaded page is served first, without Pagefind's processes competing for the CPU):
    into a folder of its own beside ``output``, which then replaces ``output/pagefind/``.
    :meth:`cancel` stops an indexing waiting or under way (before the next build swaps
    ``output``); :meth:`wait` waits for it."""

    def __init__(self, output, python: str = sys.executable, delay: float = 0.0):
        self.output = Path(output)
        self.python = python
        self.delay = delay
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen | None = None
        self._cancelled = threading.Event()
        self._finished = True  # output/pagefind/ is the index of output/
        #: Seconds the last indexing took, and whether it succeeded (for messages and tests).
        self.last: tuple[float, bool] | None = None

    def start(self) -> None:
        self.cancel()
        self._cancelled = threading.Event()
        self._finished = False
        self._thread = threading.Thread(target=self._index, args=(self._cancelled,), daemon=True)
        self._thread.start()

    def _index(self, cancelled: threading.Event) -> None:
        if cancelled.wait(self.delay):
            return
        started, folder = time.monotonic(), None
        try:
            with self._lock:
                if cancelled.is_set():
                    return
                # Named like atomic_build's staging folders: a leftover is removed by the next build.
                folder = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-new-index-", dir=self.output.parent))
                command = [
                    self.python,
                    "-m",
                    "pagefind",
                    "--site",
                    str(self.output),
                    "--output-path",
                    str(folder / "pagefind"),
                    "--silent",
                ]
                process = self._process = subprocess.Popen(command)
            code = process.wait()
            with self._lock:
                if cancelled.is_set():
                    return
                if code or not (folder / "pagefind" / "pagefind-entry.json").is_file():
                    print(
                        f"Search indexing failed (exit code {code}): the previous index was kept.",
                        file=sys.stderr,
                        flush=True,
                    )
                    self.last = (time.monotonic() - started, False)
                    return
                index = self.output / "pagefind"
                if index.exists():
                    index.rename(folder / "old")
                (folder / "pagefind").rename(index)
                self._finished = True
                self.last = (time.monotonic() - started, True)
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)

    def cancel(self) -> bool:
        """Stop the indexing waiting or under way; True if the last one did not finish
        (``output`` is left with the index of an earlier site)."""
        self._cancelled.set()
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
        self.wait()
        return not self._finished

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None


class Rebuilder:
    """``invoke build`` for the development server: :func:`mep_kit.tools.building.atomic_build`
    with Pelican run by the warm :class:`BuildWorker` and, after the first build, the search
    index deferred (:class:`SearchIndex`). ``plugin_patterns`` are the files whose change
    replaces the build process."""

    def __init__(
        self,
        root,
        settings,
        output,
        content="content",
        strict: bool = False,
        plugin_patterns: Iterable[str] = ("plugins/**/*.py",),
        python: str = sys.executable,
        index_delay: float = 0.0,
    ):
        self.root = Path(root)
        self.settings, self.output, self.content, self.strict, self.python = (
            settings,
            Path(output),
            content,
            strict,
            python,
        )
        self.plugin_patterns = tuple(plugin_patterns)
        self.worker = BuildWorker(self.root, python)
        self.index = SearchIndex(self.output, python, index_delay)
        self._defer_index = False
        #: Files saved since the build whose site is in ``output`` (the build process's session).
        self._dirty: set[str] = set()
        #: Whether ``output`` holds the site of the build process's last good build.
        self._quick_ready = False
        self._pelican_code: int | None = None
        #: What the last rebuild did: "quick" (files written again) or "whole", and why.
        self.last: tuple[str, object] | None = None

    def _run(self, command: str) -> int:
        """atomic_build's ``run``: Pelican in the warm process, Pagefind deferred (the
        previous index linked into the new site instead), anything else in a shell."""
        argv = shlex.split(command)
        if argv[1:3] == ["-m", "pelican"]:
            self._pelican_code = self.worker.build(argv[3:])
            return self._pelican_code
        if self._defer_index and argv[1:3] == ["-m", "pagefind"]:
            previous, index = self.output / "pagefind", Path(argv[argv.index("--output-path") + 1])
            if previous.is_dir():
                shutil.copytree(previous, index, copy_function=paths.link_or_copy)
            return 0
        return subprocess.run(command, shell=True, cwd=self.root).returncode

    def first_build(self) -> None:
        """Start the build process and build as ``invoke build`` does, index included;
        raises :class:`~mep_kit.tools.building.BuildFailed`."""
        self.worker.start()
        self._defer_index = False
        building.atomic_build(self._run, self.settings, self.strict, self.output, self.content, python=self.python)
        self._quick_ready, self._dirty = True, set()

    def is_plugin_code(self, path: str) -> bool:
        from fnmatch import fnmatch

        relative = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        return any(fnmatch(relative, pattern.replace("**/", "*")) for pattern in self.plugin_patterns)

    def rebuild(self, changed: Iterable[str] = ()) -> bool:
        """Rebuild after ``changed`` were saved: True if ``output`` was replaced (the browser
        should reload), False if the build failed (its problems printed, the site kept)."""
        started = time.monotonic()
        unindexed = self.index.cancel()  # never index a folder about to be swapped away
        changed = [os.path.abspath(path) for path in changed]
        self._dirty.update(changed)
        if any(self.is_plugin_code(path) for path in changed):
            print(
                "The plugin's code changed: starting a new build process (this rebuild takes longer).", file=sys.stderr
            )
            self.worker.restart()
            self._quick_ready = False
        elif self._quick_ready:
            # Only bodies changed? Then only the files that show them are written again.
            written = self.worker.quick(self._dirty, self.output)
            if isinstance(written, list):
                self.last, count = ("quick", written), len(written)
                return self._rebuilt(started, f" ({count} file{'s' * (count != 1)} written again)")
            self.last = ("whole", written)
        self._defer_index = True
        self._pelican_code = None
        try:
            building.atomic_build(self._run, self.settings, self.strict, self.output, self.content, python=self.python)
        except building.BuildFailed as error:
            print(error.message, file=sys.stderr)
            if self._pelican_code == 0:  # the build process's last build is not the site kept
                self._quick_ready = False
            if unindexed:  # the site kept is indexed after all
                self.index.start()
            return False
        self._quick_ready = True
        return self._rebuilt(started)

    def _rebuilt(self, started: float, what: str = "") -> bool:
        """``output`` holds the site of every file saved: say so, and index it for search."""
        self._dirty = set()
        print(
            f"Rebuilt in {time.monotonic() - started:.2f} s{what}; indexing for search in the background.", flush=True
        )
        self.index.start()
        return True

    def close(self) -> None:
        self.index.cancel()
        self.worker.stop()


#: Seconds between telling the browser to reload and starting Pagefind: the page comes first.
INDEX_DELAY = 0.3


def serve_site(
    root,
    settings,
    output,
    content,
    host: str,
    port: int,
    watch: Iterable[str],
    plugin_patterns: Iterable[str] = ("plugins/**/*.py",),
    strict: bool = False,
) -> None:
    """``invoke livereload``: build (raising BuildFailed if that fails), then serve ``output``
    on ``host:port`` and rebuild on every save of a file matching ``watch`` (patterns relative
    to ``root``), reloading the browser after each good rebuild."""
    rebuilder = Rebuilder(root, settings, output, content, strict, plugin_patterns, index_delay=INDEX_DELAY)
    try:
        rebuilder.first_build()
        watcher = SiteWatcher(rebuilder.rebuild)
        for pattern in (*watch, *plugin_patterns):
            watcher.watch_paths(str(Path(root) / pattern))  # wherever invoke was started
        server = DevServer(watcher=watcher)
        print(f"Serving the site at http://{host}:{port}/ with live reload (Ctrl-C to stop)", flush=True)
        server.serve(host=host, port=port, root=str(output))
    finally:
        rebuilder.close()
