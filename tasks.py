"""Tasks for the MEP center site (run `invoke --list`).

Builds never write into output/ directly: Pelican writes a fresh site into a temporary
folder beside it, Pagefind indexes it for search, and only a build that succeeded in both
replaces output/. A failed build leaves the previous good site exactly as it was.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "content": "content",
    "output": "output",
    "host": os.environ.get("HOST", "127.0.0.1"),
    "port": int(os.environ.get("PORT", "8000")),
}


def _pelican(c, settings, output, strict, extra=""):
    """Run Pelican; strict builds fail on any warning, others on any error."""
    fatal = "warnings" if strict else "errors"
    cmd = f'"{sys.executable}" -m pelican {CONFIG["content"]} -s {settings} -o "{output}" --fatal {fatal} {extra}'
    return c.run(cmd, warn=True, pty=False)


def index_search(c, site):
    """Index the built site with Pagefind (the `pagefind` package's own binary): it writes
    site/pagefind/, which the search page loads. Only pages marked data-pagefind-body."""
    return c.run(f'"{sys.executable}" -m pagefind --site "{site}" --silent', warn=True, pty=False)


def atomic_build(c, settings, strict, output=None, extra=""):
    """Build and index into a temporary folder; swap it in for `output` only on success."""
    output = Path(output or ROOT / CONFIG["output"])
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the published site must be readable
    try:
        for step, run in (("Build", lambda: _pelican(c, settings, staging, strict, extra)),
                          ("Search indexing", lambda: index_search(c, staging))):
            result = run()
            if not result.ok:
                raise Exit(f"{step} failed: {output}/ was left as it was.", code=result.exited or 1)
        old = None
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
            old.rmdir()
            output.rename(old)
        staging.rename(output)
        if old is not None:
            shutil.rmtree(old)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return output


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(ROOT / CONFIG["output"], ignore_errors=True)


@task
def build(c):
    """Build the site with the development settings (pelicanconf.py)."""
    atomic_build(c, CONFIG["settings_base"], strict=False)


@task
def rebuild(c):
    """Clean, then build."""
    clean(c)
    build(c)


@task
def preview(c):
    """Build exactly what would be published (publishconf.py); any warning fails it."""
    atomic_build(c, CONFIG["settings_publish"], strict=True)


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
    """Build, serve at http://HOST:PORT/, and rebuild and reload the browser on every change."""
    from livereload import Server

    def rebuild_quietly():
        try:
            build(c)
        except Exit as error:
            print(error.message, file=sys.stderr)

    build(c)
    server = Server()
    theme = "theme"
    for pattern in (
        CONFIG["settings_base"],
        f"{theme}/templates/**/*.html",
        f"{theme}/static/**/*.css",
        f"{CONFIG['content']}/**/*.md",
        f"{CONFIG['content']}/**/*.toml",
        f"{CONFIG['content']}/images/**/*",
        "plugins/**/*.py",
    ):
        server.watch(pattern, rebuild_quietly)
    print(f"Serving the site at http://{CONFIG['host']}:{CONFIG['port']}/ with live reload (Ctrl-C to stop)")
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["output"])


@task
def test(c):
    """Run the whole test suite."""
    result = c.run(f'"{sys.executable}" -m pytest', warn=True, pty=False)
    if not result.ok:
        raise Exit(code=result.exited or 1)


# ---------------------------------------------------------------------------
# Writer tooling: `invoke check` and `invoke new`
# ---------------------------------------------------------------------------
NEW_KINDS = {"case-study": "case-studies", "article": "articles", "page": "pages"}


def _site_settings():
    """The development settings, with the plugin importable (as Pelican's PLUGIN_PATHS does)."""
    plugins = str(ROOT / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)
    from pelican.settings import read_settings

    return read_settings(str(ROOT / CONFIG["settings_base"]))


@task
def check(c):
    """Check all content (front matter, figures, links, images, raw HTML) without a build."""
    settings = _site_settings()
    from mep_kit.check import github_annotation, run_check

    result = run_check(Path(settings["PATH"]), settings, root=ROOT)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for notice in result.notices:
        where = f"{notice.path}:{notice.line}" if notice.line else notice.path
        print(f"{where}: note: {notice.message}")
        if annotate:
            print(github_annotation(notice, "notice"))
    for problem in result.problems:
        print(problem)
        if annotate:
            print(github_annotation(problem))
    if result.problems:
        count = len(result.problems)
        files = len({problem.path for problem in result.problems})
        print(f"checked {len(result.files)} files: {count} problem{'s' * (count != 1)} in {files} file{'s' * (files != 1)}")
        raise Exit(code=1)
    print(f"checked {len(result.files)} files: no problems")


@task(help={"kind": "case-study (default), article or page", "name": "the client's name (case study) or the title"})
def new(c, name, kind="case-study"):
    """Start a new draft: invoke new --kind case-study "Client Name"."""
    import datetime
    from zoneinfo import ZoneInfo

    if kind not in NEW_KINDS:
        raise Exit(f"unknown kind '{kind}'; expected one of: {', '.join(NEW_KINDS)}", code=2)
    settings = _site_settings()
    from mep_kit.check import run_check
    from pelican.utils import slugify

    name = " ".join(name.split())
    slug = slugify(name, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    if not slug:
        raise Exit(f"cannot make a file name from {name!r}; use letters or digits", code=2)
    content = Path(settings["PATH"])
    path = content / NEW_KINDS[kind] / f"{slug}.md"
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    if path.exists():
        raise Exit(f"{shown} already exists; edit it, or choose another name", code=1)

    today = datetime.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date().isoformat()
    center = settings.get("CENTER", {}).get("name", settings["SITENAME"])
    summary = "Placeholder: replace with one or two sentences (50 to 160 characters) for cards and search results."
    services = list(settings.get("SERVICE_LINES", {}))
    if kind == "case-study":
        if not services:
            raise Exit("SERVICE_LINES in pelicanconf.py is empty: a case study needs a service line", code=2)
        head = [f"Title: {name}: headline to come", f"Date: {today}", f"Slug: {slug}", f"Client: {name}",
                f"Services: {services[0]}", f"Summary: {summary}"]
        body = [
            "<!-- A draft: not published until you delete the 'Status: draft' line above.",
            "     Title: write the headline. Summary: one or two sentences, 50 to 160 characters.",
            f"     Services: {services[0]} is a placeholder: pick one or more of, separated by commas:",
            *(f"       {line}" for line in services),
            "     Optional: Tags, Logo and Logo_alt, and the impact numbers New_sales, Cost_savings,",
            "     New_investment and Jobs (plain numbers such as 1200000). -->",
            "",
            f"What {name} set out to do, and how {center} helped.",
        ]
    elif kind == "article":
        head = [f"Title: {name}", f"Date: {today}", f"Slug: {slug}", f"Summary: {summary}"]
        body = ["<!-- A draft: not published until you delete the 'Status: draft' line above. -->", "", "Write the article here."]
    else:
        head = [f"Title: {name}", f"Slug: {slug}", f"Summary: {summary}"]
        body = ["<!-- A draft: not published until you delete the 'Status: draft' line above. -->", "", "Write the page here."]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write("\n".join([*head, "Status: draft", "", *body]) + "\n")

    problems = [p for p in run_check(content, settings, root=ROOT).problems if p.path == str(shown)]
    if problems:
        path.unlink()
        raise Exit("\n".join([f"{shown} was not created:", *(str(p) for p in problems)]), code=1)
    print(shown)
