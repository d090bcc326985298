"""Tasks for the MEP center site (run `invoke --list`).

Builds never write into output/ directly (mep_kit.building): a failed build leaves the
previous good site exactly as it was.
"""

import datetime
import importlib
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

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


def kit(module):
    """mep_kit.<module>, importable as Pelican's PLUGIN_PATHS makes it."""
    if str(ROOT / "plugins") not in sys.path:
        sys.path.insert(0, str(ROOT / "plugins"))
    return importlib.import_module(f"mep_kit.{module}")


def _build(c, settings, strict):
    """Build output/ safely (mep_kit.building), each command run and shown by invoke."""
    building = kit("building")
    try:
        building.atomic_build(lambda command: c.run(command, warn=True, pty=False).exited,
                              settings, strict, ROOT / CONFIG["output"], CONFIG["content"])
    except building.BuildFailed as error:
        raise Exit(error.message, code=error.code)


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


@task(iterable=["posts"], help={
    "posts": "generated case studies; repeat for several sizes (default: 100, 1000 and 5000)",
    "runs": "repetitions of each build, alternating; the median is reported (default 5)",
    "scenarios": "comma-separated builds to time (default: all; see tests/benchmarks/bench.py)",
})
def bench(c, posts=None, runs=5, scenarios=""):
    """Time `invoke preview` against plain Pelican and Hugo; append the figures to tests/benchmarks/RESULTS.md."""
    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    from bench import main

    code = main([*(f"--posts={n}" for n in posts or []), f"--runs={runs}", *([f"--scenarios={scenarios}"] if scenarios else [])])
    if code:
        raise Exit(code=code)


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
    """Read and check everything as a build does (front matter, figures, links, images,
    what the browser would get), writing nothing."""
    _site_settings()
    from mep_kit.check import github_annotation, run_check

    result = run_check(CONFIG["settings_base"], root=ROOT)
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

    problems = [p for p in run_check(CONFIG["settings_base"], root=ROOT).problems if p.path == str(shown)]
    if problems:
        path.unlink()
        raise Exit("\n".join([f"{shown} was not created:", *(str(p) for p in problems)]), code=1)
    print(shown)


# ---------------------------------------------------------------------------
# Publishing: invoke publish
# ---------------------------------------------------------------------------
# Two targets: `rsync` (any host with SSH: upload a new release folder, then switch a
# `current` symlink atomically) and `gh-pages` (ghp-import commits output/ to a branch and
# pushes it). The logic is plain functions from data to data (settings -> steps, each an
# argv list); the task only prints the steps, asks, and runs them in order.
PUBLISH_TARGETS = ("rsync", "gh-pages")
PUBLISH_KEEP_DEFAULT = 5
BUILD_STEP_ARGV = ["invoke", "preview"]  # shown as this; run in-process as preview(c)
# Releases are named <UTC timestamp>[-<commit>]: name order is time order, and pruning
# only ever counts or deletes names of this shape (extended regular expression).
RELEASE_PATTERN = "[0-9]{8}T[0-9]{6}Z(-[0-9a-f]+)?"


class PublishConfigError(ValueError):
    """Missing or invalid publish settings: one message per problem."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class PublishStep(NamedTuple):
    """One step of a publish, such as ("upload", ["rsync", ...])."""

    name: str
    argv: list


def is_ci(env):
    """True when the environment says this is CI (CI=true, 1, yes or on)."""
    return env.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def publish_config(target, env, **options):
    """Settings for `target` from the environment `env`, each overridden by a non-empty option.

    Returns a dict; raises PublishConfigError naming every missing or invalid setting."""
    if target not in PUBLISH_TARGETS:
        shown = f"unknown target {target!r}" if target else "no target given"
        raise PublishConfigError([f"{shown}: use --target with one of: {', '.join(PUBLISH_TARGETS)}"])

    def pick(option, variable, default=None):
        value = options.get(option)
        if value is None or str(value).strip() == "":
            value = env.get(variable, "")
        value = str(value).strip()
        return value if value else default

    problems = []
    if target == "rsync":
        host = pick("host", "PUBLISH_SSH_HOST")
        path = pick("path", "PUBLISH_SSH_PATH")
        port = pick("port", "PUBLISH_SSH_PORT")
        keep = pick("keep", "PUBLISH_KEEP", str(PUBLISH_KEEP_DEFAULT))
        if not host:
            problems.append("PUBLISH_SSH_HOST (or --host) is not set: the SSH destination, such as deploy@example.org")
        elif host.startswith("-") or any(ch.isspace() for ch in host):
            problems.append(f"PUBLISH_SSH_HOST (or --host) {host!r} is not an SSH destination such as deploy@example.org")
        if not path:
            problems.append("PUBLISH_SSH_PATH (or --path) is not set: the absolute folder on the server, such as /srv/www/mep-site")
        elif not path.startswith("/"):
            problems.append(f"PUBLISH_SSH_PATH (or --path) {path!r} is not absolute: it must start with /")
        elif path.rstrip("/") == "":
            problems.append("PUBLISH_SSH_PATH (or --path) cannot be / itself: use a folder for the site")
        if port is not None and not (port.isdigit() and 1 <= int(port) <= 65535):
            problems.append(f"PUBLISH_SSH_PORT (or --port) {port!r} is not a port number (1 to 65535)")
        if not (keep.isdigit() and int(keep) >= 1):
            problems.append(f"PUBLISH_KEEP (or --keep) {keep!r} is not a whole number of releases to keep (1 or more)")
        if problems:
            raise PublishConfigError(problems)
        return {"target": target, "host": host, "path": path.rstrip("/"), "port": port, "keep": int(keep)}

    remote = pick("remote", "PUBLISH_GH_REMOTE", "origin")
    branch = pick("branch", "PUBLISH_GH_BRANCH", "gh-pages")
    cname = pick("cname", "PUBLISH_CNAME")
    for label, value in (("PUBLISH_GH_REMOTE (or --remote)", remote), ("PUBLISH_GH_BRANCH (or --branch)", branch)):
        if value.startswith("-") or any(ch.isspace() for ch in value):
            problems.append(f"{label} {value!r} is not a git remote or branch name")
    if cname is not None and (cname.startswith("-") or "/" in cname or any(ch.isspace() for ch in cname)):
        problems.append(f"PUBLISH_CNAME (or --cname) {cname!r} is not a host name such as www.example.org")
    if problems:
        raise PublishConfigError(problems)
    return {"target": target, "remote": remote, "branch": branch, "cname": cname}


def git_commit(start):
    """The commit checked out at `start`, or None (not a repository, no commit, no git).
    A local read only: a dry run may call it."""
    try:
        result = subprocess.run(["git", "-C", str(start), "rev-parse", "--verify", "--quiet", "HEAD"],
                                capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def release_id(now, commit=None):
    """`20261126T101500Z-abc1234`: the UTC time, then the short commit when there is one."""
    stamp = now.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{commit[:7]}" if commit else stamp


def _ssh(host, port, command):
    """argv for running the shell `command` (already quoted) on `host`."""
    return ["ssh", *(["-p", str(port)] if port else []), host, command]


def prune_command(path, keep):
    """Shell command that deletes all but the newest `keep` releases, never the current one."""
    releases = shlex.quote(f"{path}/releases")
    current = shlex.quote(f"{path}/current")
    return (
        f"cd {releases} && current=$(basename \"$(readlink {current})\") && "
        f"ls -1 | grep -E -x {shlex.quote(RELEASE_PATTERN)} | LC_ALL=C sort -r | tail -n +{int(keep) + 1} | "
        f"while IFS= read -r release; do [ \"$release\" = \"$current\" ] || rm -rf -- \"$release\"; done"
    )


def switch_command(path, release):
    """Shell command that points `<path>/current` at releases/<release> atomically.

    `ln -sfn` onto `current` itself unlinks it and then creates it: a reader can fall
    between the two. A new link under a temporary name renamed over `current` (rename(2),
    `mv -T` so it is not moved *into* the old target) is one atomic step."""
    temporary = shlex.quote(f"{path}/current.new")
    return f"ln -sfn {shlex.quote(f'releases/{release}')} {temporary} && mv -T {temporary} {shlex.quote(f'{path}/current')}"


def rsync_steps(host, path, release, keep=PUBLISH_KEEP_DEFAULT, port=None, source=None):
    """The steps of an rsync publish, in order: [(name, argv), ...]."""
    path = path.rstrip("/")
    source = f"{str(source or ROOT / CONFIG['output']).rstrip('/')}/"
    rsync = [
        "rsync", "-az", "--delete", "--checksum",
        # Files as the web server can read them, whatever the umask of the machine that built them.
        "--chmod=D755,F644",
        # -s sends paths to the remote rsync through its protocol, never through the remote
        # shell, so they need (and must have) no shell quoting: spaces arrive as they are.
        "-s",
        *(["-e", f"ssh -p {port}"] if port else []),
        f"--link-dest={path}/current/",
        source,
        f"{host}:{path}/releases/{release}/",
    ]
    return [
        PublishStep("mkdir", _ssh(host, port, f"mkdir -p {shlex.quote(path + '/releases')}")),
        PublishStep("upload", rsync),
        PublishStep("switch", _ssh(host, port, switch_command(path, release))),
        PublishStep("prune", _ssh(host, port, prune_command(path, keep))),
    ]


def ghpages_steps(remote="origin", branch="gh-pages", commit=None, cname=None, source=None, python=None):
    """The steps of a GitHub Pages publish: ghp-import commits output/ to `branch` and pushes it."""
    source = str(source or ROOT / CONFIG["output"])
    message = f"Publish the site built from {commit}" if commit else "Publish the site (source commit unknown)"
    argv = [
        python or sys.executable, "-m", "ghp_import",
        "--no-jekyll", "--push", "--force",
        "--remote", remote, "--branch", branch,
        "--message", message,
        *(["--cname", cname] if cname else []),
        source,
    ]
    return [PublishStep("ghp-import", argv)]


def run_publish_steps(steps, runner):
    """Run `steps` in order with `runner(step) -> exit code`; stop at the first failure.

    Returns None when all succeeded, else (number, step, code) of the step that failed."""
    for number, step in enumerate(steps, 1):
        code = runner(step)
        if code:
            return number, step, code
    return None


def _publish_runner(c):
    def run(step):
        if step.argv == BUILD_STEP_ARGV:
            try:
                preview(c)
            except Exit as error:
                if error.message:
                    print(error.message, file=sys.stderr)
                return error.code or 1
            return 0
        try:
            return subprocess.run(step.argv, cwd=ROOT).returncode
        except OSError as error:  # not installed
            print(f"{step.argv[0]}: {error.strerror}", file=sys.stderr)
            return 127

    return run


@task(
    auto_shortflags=False,
    help={
        "target": "rsync (any SSH host) or gh-pages (a git branch, for GitHub Pages)",
        "host": "rsync: SSH destination, such as deploy@example.org [PUBLISH_SSH_HOST]",
        "path": "rsync: absolute folder on the server; the web root is <path>/current [PUBLISH_SSH_PATH]",
        "port": "rsync: SSH port [PUBLISH_SSH_PORT]",
        "keep": f"rsync: releases kept on the server (default {PUBLISH_KEEP_DEFAULT}) [PUBLISH_KEEP]",
        "remote": "gh-pages: git remote to push to (default origin) [PUBLISH_GH_REMOTE]",
        "branch": "gh-pages: branch to write (default gh-pages) [PUBLISH_GH_BRANCH]",
        "cname": "gh-pages: custom domain written to a CNAME file [PUBLISH_CNAME]",
        "yes": "do not ask for confirmation (never asked under CI)",
        "dry_run": "print the steps and run nothing",
        "skip_build": "publish output/ as it is instead of running `invoke preview` first",
    },
)
def publish(c, target=None, host=None, path=None, port=None, keep=None, remote=None, branch=None, cname=None,
            yes=False, dry_run=False, skip_build=False):
    """Build the production site and publish it: --target rsync or --target gh-pages."""
    env = os.environ
    try:
        config = publish_config(target, env, host=host, path=path, port=port, keep=keep,
                                remote=remote, branch=branch, cname=cname)
    except PublishConfigError as error:
        raise Exit("publish: " + "\npublish: ".join(error.problems), code=2)

    output = ROOT / CONFIG["output"]
    commit = git_commit(ROOT)
    if config["target"] == "rsync":
        release = release_id(datetime.datetime.now(datetime.timezone.utc), commit)
        steps = rsync_steps(config["host"], config["path"], release, config["keep"], config["port"], output)
        where = f"{config['host']}:{config['path']} (release {release})"
    else:
        steps = ghpages_steps(config["remote"], config["branch"], commit, config["cname"], output)
        where = f"the {config['branch']} branch of git remote {config['remote']}"
    if not skip_build:
        steps.insert(0, PublishStep("build", BUILD_STEP_ARGV))
    elif not dry_run and not (output / "index.html").is_file():
        raise Exit(f"publish: --skip-build needs a built site, and {output}/index.html does not exist: "
                   "run `invoke preview` first", code=2)

    print(f"{'Dry run: would publish' if dry_run else 'Publishing'} to {where}:")
    for number, step in enumerate(steps, 1):
        print(f"  {number}. {step.name}: {shlex.join(step.argv)}")
    if dry_run:
        print("Dry run: nothing was built, uploaded or pushed.")
        return
    if not (yes or is_ci(env)):
        try:
            answer = input(f"Publish to {where}? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in {"y", "yes"}:
            raise Exit("Aborted: nothing was published.", code=1)

    failed = run_publish_steps(steps, _publish_runner(c))
    if failed:
        number, step, code = failed
        after = ""
        if config["target"] == "rsync" and step.name in {"build", "mkdir", "upload", "switch"}:
            after = " The live site was not switched: readers still get the previous release."
        elif config["target"] == "rsync" and step.name == "prune":
            after = " The new release is live; only removing old releases failed."
        raise Exit(f"publish: step {number} ({step.name}) failed with exit code {code}: {shlex.join(step.argv)}.{after}",
                   code=code if 0 < code < 256 else 1)
    print(f"Published to {where}.")
