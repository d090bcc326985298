"""Tasks for the MEP center site (run `invoke --list`): a command line over the plugin's modules.

Builds never write into output/ directly (mep_kit.tools.building): a failed build leaves the
previous good site exactly as it was. `invoke new` is mep_kit.tools.scaffold, `invoke check`
mep_kit.tools.check, `invoke translations` mep_kit.languages.catalogs and `invoke publish`
mep_kit.tools.publish; the modules are imported when a task needs them, so `invoke --list` does
not load Pelican.
"""

import datetime
import importlib
import os
import shutil
import sys
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "content": "content",
    "output": "output",
    "search_cache": ".cache/search",  # Pagefind indexes kept by the pages they index (mep_kit.tools.building)
    "host": os.environ.get("HOST", "127.0.0.1"),
    "port": int(os.environ.get("PORT", "8000")),
}


def kit(module):
    """mep_kit.<module>, importable as Pelican's PLUGIN_PATHS makes it."""
    if str(ROOT / "plugins") not in sys.path:
        sys.path.insert(0, str(ROOT / "plugins"))
    return importlib.import_module(f"mep_kit.{module}")


def _build(c, settings, strict):
    """Build output/ safely (mep_kit.tools.building), each command run and shown by invoke."""
    building = kit("tools.building")
    try:
        # Progress shows as a bar when this command's output is a terminal (mep_kit.core.progress).
        bar = {"MEP_KIT_PROGRESS": "bar"} if sys.stdout.isatty() and not os.environ.get("CI") else {}
        building.atomic_build(
            lambda command: c.run(command, warn=True, pty=False, env=bar).exited,
            settings,
            strict,
            ROOT / CONFIG["output"],
            CONFIG["content"],
            search_cache=ROOT / CONFIG["search_cache"],
        )
    except building.BuildFailed as error:
        raise Exit(error.message, code=error.code) from None


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(ROOT / CONFIG["output"], ignore_errors=True)


@task
def build(c):
    """Build the site with the development settings (pelicanconf.py)."""
    _build(c, CONFIG["settings_base"], strict=False)


@task
def rebuild(c):
    """Clean, then build."""
    clean(c)
    build(c)


@task
def preview(c):
    """Build exactly what would be published (publishconf.py); any warning fails it."""
    _build(c, CONFIG["settings_publish"], strict=True)


@task
def serve(c):
    """Serve output/ at http://HOST:PORT/ (127.0.0.1:8000 by default)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(CONFIG["output"], (CONFIG["host"], CONFIG["port"]), ComplexHTTPRequestHandler)
    print(f"Serving the site at http://{CONFIG['host']}:{CONFIG['port']}/ (Ctrl-C to stop)")
    server.serve_forever()


@task
def livereload(c):
    """Build, serve at http://HOST:PORT/, and rebuild and reload the browser on every change
    (the reload script is a file from the same address: the pages' policy allows it; Pelican
    stays loaded between rebuilds: mep_kit.tools.devserver)."""
    content = CONFIG["content"]
    watch = (
        CONFIG["settings_base"],
        "theme/templates/**/*.html",
        "theme/static/**/*.css",
        f"{content}/**/*.md",
        f"{content}/**/*.toml",
        f"{content}/images/**/*",
    )
    try:
        kit("tools.devserver").serve_site(
            ROOT,
            CONFIG["settings_base"],
            ROOT / CONFIG["output"],
            content,
            CONFIG["host"],
            CONFIG["port"],
            watch,
            plugin_patterns=("plugins/**/*.py",),
        )
    except kit("tools.building").BuildFailed as error:
        raise Exit(error.message, code=error.code) from None


@task(help={"fast": "only the unit tier (plain functions, no build, no browser): a few seconds"})
def test(c, fast=False):
    """Run the whole test suite (unit, build and browser tiers), or with --fast the unit tier."""
    select = ' tests/unit -m "not slow"' if fast else ""
    result = c.run(f'"{sys.executable}" -m pytest{select}', warn=True, pty=False)
    if not result.ok:
        raise Exit(code=result.exited or 1)


@task
def check(c):
    """Read and check everything as a build does (front matter, figures, links, images,
    what the browser would get), writing nothing."""
    checking = kit("tools.check")
    result = checking.run_check(CONFIG["settings_base"], root=ROOT)
    print("\n".join(checking.report(result, annotate=os.environ.get("GITHUB_ACTIONS") == "true")))
    if result.problems:
        raise Exit(code=1)


@task(
    help={"kind": "case-study (default), article, page or event", "name": "the client's name (case study) or the title"}
)
def new(c, name, kind="case-study"):
    """Start a new draft: invoke new --kind case-study "Client Name" (or --kind event "Title")."""
    if name in ("-h", "--help"):  # invoke hands a positional argument whatever comes first
        c.run(f'"{sys.executable}" -m invoke --help new', pty=False)
        return
    if name.startswith("-"):
        raise Exit(
            f"invoke new: expected the client's name or the title, got the option {name!r}; see invoke new --help",
            code=2,
        )
    scaffold = kit("tools.scaffold")
    from pelican.settings import read_settings

    try:
        settings = read_settings(str(ROOT / CONFIG["settings_base"]))
        print(scaffold.create_draft(settings, CONFIG["settings_base"], ROOT, kind, name))
    except scaffold.DraftError as error:
        raise Exit(error.message, code=error.code) from None


@task(
    iterable=["add"],
    help={"add": "also start a catalog for this language (a code such as fr); may be given more than once"},
)
def translations(c, add=None):
    """Bring the catalogs of the theme's words (plugins/mep_kit/languages/catalogs/) up to date
    with the kit's messages: new ones added untranslated, unused ones dropped."""
    catalogs = kit("languages.catalogs")
    for code, (messages, untranslated) in catalogs.update(ROOT, add=add or ()).items():
        path = catalogs.catalog_path(code).relative_to(ROOT)
        print(
            f"{path}: {messages} messages, {untranslated} to translate"
            if untranslated
            else f"{path}: {messages} messages, all translated"
        )


@task(
    auto_shortflags=False,
    help={
        "target": "rsync (any SSH host) or gh-pages (a git branch, for GitHub Pages)",
        "host": "rsync: SSH destination, such as deploy@example.org [PUBLISH_SSH_HOST]",
        "path": "rsync: absolute folder on the server; the web root is <path>/current [PUBLISH_SSH_PATH]",
        "port": "rsync: SSH port [PUBLISH_SSH_PORT]",
        "keep": "rsync: releases kept on the server (default 5) [PUBLISH_KEEP]",
        "remote": "gh-pages: git remote to push to (default origin) [PUBLISH_GH_REMOTE]",
        "branch": "gh-pages: branch to write (default gh-pages) [PUBLISH_GH_BRANCH]",
        "cname": "gh-pages: custom domain written to a CNAME file [PUBLISH_CNAME]",
        "yes": "do not ask for confirmation (never asked under CI)",
        "dry_run": "print the steps and run nothing",
        "skip_build": "publish output/ as it is instead of running `invoke preview` first",
    },
)
def publish(
    c,
    target=None,
    host=None,
    path=None,
    port=None,
    keep=None,
    remote=None,
    branch=None,
    cname=None,
    yes=False,
    dry_run=False,
    skip_build=False,
):
    """Build the production site and publish it: --target rsync or --target gh-pages."""
    publishing = kit("tools.publish")
    try:
        config = publishing.publish_config(
            target, os.environ, host=host, path=path, port=port, keep=keep, remote=remote, branch=branch, cname=cname
        )
    except publishing.PublishConfigError as error:
        raise Exit("publish: " + "\npublish: ".join(error.problems), code=2) from None

    def build_in_process():
        try:
            preview(c)
        except Exit as error:
            if error.message:
                print(error.message, file=sys.stderr)
            return error.code or 1
        return 0

    output = ROOT / CONFIG["output"]
    steps, where = publishing.publish_plan(
        config,
        output,
        publishing.git_commit(ROOT),
        datetime.datetime.now(datetime.UTC),
        build=None if skip_build else build_in_process,
    )
    if skip_build and not dry_run and not (output / "index.html").is_file():
        raise Exit(
            f"publish: --skip-build needs a built site, and {output}/index.html does not exist: "
            "run `invoke preview` first",
            code=2,
        )
    print("\n".join(publishing.plan_lines(steps, where, dry_run)))
    if dry_run:
        print("Dry run: nothing was built, uploaded or pushed.")
        return
    if not (yes or publishing.is_ci(os.environ) or publishing.confirmed(where)):
        raise Exit("Aborted: nothing was published.", code=1)
    failed = publishing.run_publish_steps(steps, lambda step: publishing.run_step(step, cwd=ROOT))
    if failed:
        code = failed[2]
        raise Exit(publishing.failure_message(config["target"], failed), code=code if 0 < code < 256 else 1)
    print(f"Published to {where}.")


@task(
    iterable=["posts"],
    help={
        "posts": "generated case studies; repeat for several sizes (default: 100, 1000 and 5000)",
        "runs": "repetitions of each build, alternating; the median is reported (default 5)",
        "scenarios": "comma-separated builds to time (default: all; see tests/benchmarks/bench.py)",
    },
)
def bench(c, posts=None, runs=5, scenarios=""):
    """Time `invoke preview` against plain Pelican and Hugo; append the figures to tests/benchmarks/RESULTS.md."""
    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    from bench import main

    code = main(
        [*(f"--posts={n}" for n in posts or []), f"--runs={runs}", *([f"--scenarios={scenarios}"] if scenarios else [])]
    )
    if code:
        raise Exit(code=code)
