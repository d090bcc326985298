"""Publishing the built site: plain functions from settings to steps, and a runner for them.

Two targets: ``rsync`` (any host with SSH: upload a new release folder, then switch a
``current`` symlink atomically, then prune old releases) and ``gh-pages`` (ghp-import
commits the built site to a branch and pushes it). :func:`publish_config` reads and checks
the settings (environment variables, each overridden by a non-empty option);
:func:`publish_plan` turns them into :class:`PublishStep` s, each an argv list, or, for the
build that comes first, a Python callable; :func:`run_publish_steps` runs them in order and
stops at the first failure, which :func:`failure_message` explains. ``invoke publish`` only
prints the steps, asks, and runs them.
"""

from __future__ import annotations

import datetime
import shlex
import subprocess
import sys
from collections.abc import Callable
from typing import NamedTuple

PUBLISH_TARGETS = ("rsync", "gh-pages")
PUBLISH_KEEP_DEFAULT = 5
#: How the build step is shown; it runs in-process through its ``action``.
BUILD_ARGV = ["invoke", "preview"]
# Releases are named <UTC timestamp>[-<commit>]: name order is time order, and pruning
# only ever counts or deletes names of this shape (extended regular expression).
RELEASE_PATTERN = "[0-9]{8}T[0-9]{6}Z(-[0-9a-f]+)?"


class PublishConfigError(ValueError):
    """Missing or invalid publish settings: one message per problem."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class PublishStep(NamedTuple):
    """One step of a publish, such as ("upload", ["rsync", ...]).

    A step with an ``action`` (a callable returning an exit code) runs that in-process
    instead of its argv, which then only says what it does."""

    name: str
    argv: list
    action: Callable[[], int] | None = None


def build_step(action: Callable[[], int]) -> PublishStep:
    """The build that comes first: shown as `invoke preview`, run as `action()`."""
    return PublishStep("build", list(BUILD_ARGV), action)


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
            problems.append(
                f"PUBLISH_SSH_HOST (or --host) {host!r} is not an SSH destination such as deploy@example.org"
            )
        if not path:
            problems.append(
                "PUBLISH_SSH_PATH (or --path) is not set: the absolute folder on the server, such as /srv/www/mep-site"
            )
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
        result = subprocess.run(
            ["git", "-C", str(start), "rev-parse", "--verify", "--quiet", "HEAD"], capture_output=True, text=True
        )
    except OSError:
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def release_id(now, commit=None):
    """`20261126T101500Z-abc1234`: the UTC time, then the short commit when there is one."""
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{commit[:7]}" if commit else stamp


def _ssh(host, port, command):
    """argv for running the shell `command` (already quoted) on `host`."""
    return ["ssh", *(["-p", str(port)] if port else []), host, command]


def prune_command(path, keep):
    """Shell command that deletes all but the newest `keep` releases, never the current one."""
    releases = shlex.quote(f"{path}/releases")
    current = shlex.quote(f"{path}/current")
    return (
        f'cd {releases} && current=$(basename "$(readlink {current})") && '
        f"ls -1 | grep -E -x {shlex.quote(RELEASE_PATTERN)} | LC_ALL=C sort -r | tail -n +{int(keep) + 1} | "
        f'while IFS= read -r release; do [ "$release" = "$current" ] || rm -rf -- "$release"; done'
    )


def switch_command(path, release):
    """Shell command that points `<path>/current` at releases/<release> atomically.

    `ln -sfn` onto `current` itself unlinks it and then creates it: a reader can fall
    between the two. A new link under a temporary name renamed over `current` (rename(2),
    `mv -T` so it is not moved *into* the old target) is one atomic step."""
    temporary = shlex.quote(f"{path}/current.new")
    return f"ln -sfn {shlex.quote(f'releases/{release}')} {temporary} && mv -T {temporary} {shlex.quote(f'{path}/current')}"


def rsync_steps(host, path, release, keep=PUBLISH_KEEP_DEFAULT, port=None, source="output"):
    """The steps of an rsync publish, in order: [(name, argv), ...], uploading the folder `source`."""
    path = path.rstrip("/")
    source = f"{str(source).rstrip('/')}/"
    rsync = [
        "rsync",
        "-az",
        "--delete",
        "--checksum",
        # Compare on content alone: --link-dest hard-links only files identical in every
        # preserved attribute, and each build gives every file a new time, so with times kept
        # every release was a full copy. A linked file keeps the time of its first upload.
        "--no-times",
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


def ghpages_steps(remote="origin", branch="gh-pages", commit=None, cname=None, source="output", python=None):
    """The steps of a GitHub Pages publish: ghp-import commits output/ to `branch` and pushes it."""
    source = str(source)
    message = f"Publish the site built from {commit}" if commit else "Publish the site (source commit unknown)"
    argv = [
        python or sys.executable,
        "-m",
        "ghp_import",
        "--no-jekyll",
        "--push",
        "--force",
        "--remote",
        remote,
        "--branch",
        branch,
        "--message",
        message,
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


def publish_plan(config, source, commit=None, now=None, build=None):
    """The steps for the checked settings `config` (from publish_config), publishing the
    folder `source` built from `commit`, and where they publish to: (steps, where).

    With `build` (a callable returning an exit code) the first step builds the site."""
    if config["target"] == "rsync":
        release = release_id(now or datetime.datetime.now(datetime.UTC), commit)
        steps = rsync_steps(config["host"], config["path"], release, config["keep"], config["port"], source)
        where = f"{config['host']}:{config['path']} (release {release})"
    else:
        steps = ghpages_steps(config["remote"], config["branch"], commit, config["cname"], source)
        where = f"the {config['branch']} branch of git remote {config['remote']}"
    if build is not None:
        steps.insert(0, build_step(build))
    return steps, where


def run_step(step, cwd=None):
    """Run one step: its action, or its argv in `cwd`. Returns the exit code (127: not installed)."""
    if step.action is not None:
        return step.action()
    try:
        return subprocess.run(step.argv, cwd=cwd).returncode
    except OSError as error:  # not installed
        print(f"{step.argv[0]}: {error.strerror}", file=sys.stderr)
        return 127


def plan_lines(steps, where, dry_run=False):
    """What a publish will do, step by step, as printed before it starts."""
    return [
        f"{'Dry run: would publish' if dry_run else 'Publishing'} to {where}:",
        *(f"  {number}. {step.name}: {shlex.join(step.argv)}" for number, step in enumerate(steps, 1)),
    ]


def confirmed(where, ask=input):
    """Ask once whether to publish to `where`; only y or yes (any case) is a yes."""
    try:
        answer = ask(f"Publish to {where}? [y/N] ")
    except EOFError:
        answer = ""
    return answer.strip().lower() in {"y", "yes"}


def failure_message(target, failed):
    """What `failed` (number, step, code from run_publish_steps) means for the live site."""
    number, step, code = failed
    after = ""
    if target == "rsync" and step.name in {"build", "mkdir", "upload", "switch"}:
        after = " The live site was not switched: readers still get the previous release."
    elif target == "rsync" and step.name == "prune":
        after = " The new release is live; only removing old releases failed."
    return f"publish: step {number} ({step.name}) failed with exit code {code}: {shlex.join(step.argv)}.{after}"
