"""Tasks for the MEP center site (run `invoke --list`).

Builds never write into output/ directly: Pelican writes a fresh site into a temporary
folder beside it, and only a build that succeeded replaces output/. A failed build leaves
the previous good site exactly as it was.
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


def atomic_build(c, settings, strict, output=None, extra=""):
    """Build into a temporary folder and swap it in for `output` only on success."""
    output = Path(output or ROOT / CONFIG["output"])
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        result = _pelican(c, settings, staging, strict, extra)
        if not result.ok:
            raise Exit(f"Build failed: {output}/ was left as it was.", code=result.exited or 1)
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
