"""mep_kit.tools.publish: the steps of a publish as data, and the remote commands run for real in a local shell."""

from __future__ import annotations

import datetime
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from mep_kit.tools import publish
from support import HOST, RELEASE, git, local_sh_runner, steps_by_name


def test_rsync_steps_order_and_names():
    steps = publish.rsync_steps(HOST, "/srv/site", RELEASE, 5, None, source="/build/output")
    assert [step.name for step in steps] == ["mkdir", "upload", "switch", "prune"]
    assert all(step.argv[:2] == ["ssh", HOST] for step in steps if step.name != "upload")
    assert steps[0].argv[2:] == ["mkdir -p /srv/site/releases"]


def test_rsync_uploads_into_a_new_release_folder_linking_to_current():
    upload = steps_by_name(publish.rsync_steps(HOST, "/srv/site/", RELEASE, source="/build/output"))["upload"]
    assert upload[0] == "rsync"
    for option in ("-az", "--delete", "--checksum", "--link-dest=/srv/site/current/"):
        assert option in upload
    assert upload[-2:] == ["/build/output/", f"{HOST}:/srv/site/releases/{RELEASE}/"]


def test_rsync_port_goes_to_every_ssh_call_and_to_rsync():
    steps = publish.rsync_steps(HOST, "/srv/site", RELEASE, port="2222")
    for step in steps:
        if step.name == "upload":
            assert step.argv[step.argv.index("-e") + 1] == "ssh -p 2222"
        else:
            assert step.argv[:4] == ["ssh", "-p", "2222", HOST]
    assert "-e" not in steps_by_name(publish.rsync_steps(HOST, "/srv/site", RELEASE))["upload"]


def test_switch_makes_a_temporary_link_and_renames_it_over_current():
    switch = steps_by_name(publish.rsync_steps(HOST, "/srv/site", RELEASE))["switch"][-1]
    assert switch == (
        f"ln -sfn releases/{RELEASE} /srv/site/current.new && mv -T /srv/site/current.new /srv/site/current"
    )
    # never `ln -sfn` straight onto current: unlink then create leaves a moment with no site
    assert not any(
        part.strip().startswith("ln") and part.strip().endswith("/srv/site/current") for part in switch.split("&&")
    )


def test_paths_with_spaces_and_quotes_are_quoted_for_the_remote_shell():
    path = "/srv/it's a $site"
    steps = steps_by_name(publish.rsync_steps(HOST, path, RELEASE))
    assert shlex.split(steps["mkdir"][-1]) == ["mkdir", "-p", f"{path}/releases"]
    assert shlex.split(steps["switch"][-1]) == [
        "ln",
        "-sfn",
        f"releases/{RELEASE}",
        f"{path}/current.new",
        "&&",
        "mv",
        "-T",
        f"{path}/current.new",
        f"{path}/current",
    ]
    assert steps["prune"][-1].startswith(f"cd {shlex.quote(path + '/releases')} && ")
    assert f"readlink {shlex.quote(path + '/current')}" in steps["prune"][-1]
    # rsync gets -s: it sends paths through its own protocol, so they are passed unquoted
    upload = steps["upload"]
    assert "-s" in upload and upload[-1] == f"{HOST}:{path}/releases/{RELEASE}/"
    assert f"--link-dest={path}/current/" in upload


def test_remote_commands_with_awkward_paths_really_run(tmp_path):
    """The quoted commands, run by a real shell, act on exactly the awkward folder."""
    path = tmp_path / "it's a $site"
    source = tmp_path / "output"
    source.mkdir()
    (source / "index.html").write_text("<p>v1</p>")
    calls = []
    assert (
        publish.run_publish_steps(publish.rsync_steps(HOST, str(path), RELEASE, 5), local_sh_runner(source, calls))
        is None
    )
    assert (path / "current" / "index.html").read_text() == "<p>v1</p>"
    assert os.readlink(path / "current") == f"releases/{RELEASE}"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["it's a $site", "output"])


def test_release_id_is_utc_timestamp_and_short_commit():
    eastern = datetime.timezone(datetime.timedelta(hours=-5))
    now = datetime.datetime(2026, 11, 26, 5, 15, 0, tzinfo=eastern)
    assert publish.release_id(now, "abc1234def5678" + "0" * 26) == "20261126T101500Z-abc1234"
    assert publish.release_id(now) == "20261126T101500Z"
    later = publish.release_id(now + datetime.timedelta(seconds=1), "0000000")
    assert sorted([later, publish.release_id(now, "fffffff")]) == [publish.release_id(now, "fffffff"), later]


def release_names(count):
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    return [publish.release_id(start + datetime.timedelta(hours=n), f"{n:07x}") for n in range(count)]


def test_switch_moves_current_to_the_new_release_by_rename(tmp_path):
    site = tmp_path / "site"
    old, new = release_names(2)
    for release in (old, new):
        (site / "releases" / release).mkdir(parents=True)
        (site / "releases" / release / "index.html").write_text(release)
    (site / "current").symlink_to(f"releases/{old}")
    # a logging `mv` in front of the real one: proves the switch is a rename of current.new
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "mv.log"
    real_mv = shutil.which("mv")
    (bin_dir / "mv").write_text(f'#!/bin/sh\necho "$*" >> {shlex.quote(str(log))}\nexec {real_mv} "$@"\n')
    (bin_dir / "mv").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}

    subprocess.run(["sh", "-c", publish.switch_command(str(site), new)], env=env, check=True)

    assert os.readlink(site / "current") == f"releases/{new}"
    assert (site / "current" / "index.html").read_text() == new
    assert not os.path.lexists(site / "current.new")
    assert log.read_text().split() == ["-T", f"{site}/current.new", f"{site}/current"]
    # switching again (a re-publish of the same release) works too
    subprocess.run(["sh", "-c", publish.switch_command(str(site), old)], check=True)
    assert os.readlink(site / "current") == f"releases/{old}"


def test_switch_refuses_to_replace_a_real_folder(tmp_path):
    """A `current` that is a real folder (a hand-made site) is left alone, not moved into."""
    site = tmp_path / "site"
    (site / "current").mkdir(parents=True)
    (site / "current" / "index.html").write_text("hand made")
    result = subprocess.run(["sh", "-c", publish.switch_command(str(site), RELEASE)], capture_output=True)
    assert result.returncode != 0
    assert (site / "current" / "index.html").read_text() == "hand made"


def make_releases(site: Path, names):
    for name in names:
        (site / "releases" / name).mkdir(parents=True)


def remaining(site: Path):
    return sorted(p.name for p in (site / "releases").iterdir())


def test_prune_keeps_the_newest_releases(tmp_path):
    site = tmp_path / "site"
    names = release_names(8)
    make_releases(site, reversed(names))
    (site / "current").symlink_to(f"releases/{names[-1]}")
    subprocess.run(["sh", "-c", publish.prune_command(str(site), 3)], check=True)
    assert remaining(site) == names[-3:]


def test_prune_never_removes_current_even_when_it_is_old(tmp_path):
    site = tmp_path / "site"
    names = release_names(6)
    make_releases(site, names)
    (site / "current").symlink_to(f"releases/{names[0]}")  # rolled back to the oldest
    subprocess.run(["sh", "-c", publish.prune_command(str(site), 1)], check=True)
    assert remaining(site) == [names[0], names[-1]]
    assert (site / "current").is_dir()


def test_prune_leaves_folders_that_are_not_releases(tmp_path):
    site = tmp_path / "site"
    names = release_names(4)
    make_releases(site, [*names, "zz-notes", "keep me"])
    (site / "current").symlink_to(f"releases/{names[-1]}")
    subprocess.run(["sh", "-c", publish.prune_command(str(site), 2)], check=True)
    assert remaining(site) == sorted([*names[-2:], "zz-notes", "keep me"])


def test_three_publishes_through_the_step_list(tmp_path):
    """The whole rsync step list, three times, with the remote commands run by sh -c."""
    site = tmp_path / "srv" / "web site"
    source = tmp_path / "output"
    source.mkdir()
    calls = []
    for number, release in enumerate(release_names(3), 1):
        (source / "index.html").write_text(f"version {number}")
        steps = publish.rsync_steps(HOST, str(site), release, keep=2, source=str(source))
        assert publish.run_publish_steps(steps, local_sh_runner(source, calls)) is None
        assert (site / "current" / "index.html").read_text() == f"version {number}"
    assert remaining(site) == release_names(3)[1:]
    assert [call.name for call in calls] == ["mkdir", "upload", "switch", "prune"] * 3


def test_a_failed_upload_never_switches_current(tmp_path):
    site = tmp_path / "site"
    old, new = release_names(2)
    make_releases(site, [old])
    (site / "current").symlink_to(f"releases/{old}")
    ran = []

    def runner(step):
        ran.append(step.name)
        if step.name == "upload":
            return 23  # rsync: partial transfer
        return subprocess.run(["sh", "-c", step.argv[-1]]).returncode

    failed = publish.run_publish_steps(publish.rsync_steps(HOST, str(site), new), runner)
    assert failed is not None
    number, step, code = failed
    assert (number, step.name, code) == (2, "upload", 23)
    assert ran == ["mkdir", "upload"]
    assert os.readlink(site / "current") == f"releases/{old}"


def test_ghpages_steps_use_ghp_import_with_the_expected_options():
    commit = "f" * 40
    (step,) = publish.ghpages_steps("origin", "gh-pages", commit, None, source="/build/output", python="/venv/python")
    assert step.argv[:3] == ["/venv/python", "-m", "ghp_import"]
    for option in ("--no-jekyll", "--push", "--force"):
        assert option in step.argv
    argv = step.argv
    assert argv[argv.index("--branch") + 1] == "gh-pages"
    assert argv[argv.index("--remote") + 1] == "origin"
    assert commit in argv[argv.index("--message") + 1]
    assert "--cname" not in argv and argv[-1] == "/build/output"
    (step,) = publish.ghpages_steps("upstream", "site", None, "www.example.org", source="/o")
    assert step.argv[step.argv.index("--cname") + 1] == "www.example.org"
    assert step.argv[step.argv.index("--remote") + 1] == "upstream"


def test_config_from_environment_with_options_overriding():
    env = {
        "PUBLISH_SSH_HOST": "a@env.example",
        "PUBLISH_SSH_PATH": "/srv/env/",
        "PUBLISH_KEEP": "3",
        "PUBLISH_SSH_PORT": "2200",
    }
    assert publish.publish_config("rsync", env) == {
        "target": "rsync",
        "host": "a@env.example",
        "path": "/srv/env",
        "port": "2200",
        "keep": 3,
    }
    config = publish.publish_config("rsync", env, host="b@cli.example", keep="7", path="")
    assert (config["host"], config["keep"], config["path"]) == ("b@cli.example", 7, "/srv/env")
    assert publish.publish_config("rsync", {"PUBLISH_SSH_HOST": "h", "PUBLISH_SSH_PATH": "/p"})["keep"] == 5
    assert publish.publish_config("gh-pages", {}) == {
        "target": "gh-pages",
        "remote": "origin",
        "branch": "gh-pages",
        "cname": None,
    }
    gh = publish.publish_config(
        "gh-pages",
        {"PUBLISH_GH_REMOTE": "up", "PUBLISH_GH_BRANCH": "pages", "PUBLISH_CNAME": "www.x.org"},
        branch="site",
    )
    assert gh == {"target": "gh-pages", "remote": "up", "branch": "site", "cname": "www.x.org"}


@pytest.mark.parametrize(
    "target, env, expected",
    [
        ("rsync", {}, ["PUBLISH_SSH_HOST", "PUBLISH_SSH_PATH"]),
        ("rsync", {"PUBLISH_SSH_HOST": "h"}, ["PUBLISH_SSH_PATH"]),
        ("rsync", {"PUBLISH_SSH_HOST": "h", "PUBLISH_SSH_PATH": "srv/site"}, ["PUBLISH_SSH_PATH", "absolute"]),
        ("rsync", {"PUBLISH_SSH_HOST": "h", "PUBLISH_SSH_PATH": "/"}, ["PUBLISH_SSH_PATH"]),
        ("rsync", {"PUBLISH_SSH_HOST": "-oProxyCommand=x", "PUBLISH_SSH_PATH": "/s"}, ["PUBLISH_SSH_HOST"]),
        ("rsync", {"PUBLISH_SSH_HOST": "h", "PUBLISH_SSH_PATH": "/s", "PUBLISH_KEEP": "0"}, ["PUBLISH_KEEP"]),
        ("rsync", {"PUBLISH_SSH_HOST": "h", "PUBLISH_SSH_PATH": "/s", "PUBLISH_SSH_PORT": "ssh"}, ["PUBLISH_SSH_PORT"]),
        ("gh-pages", {"PUBLISH_GH_BRANCH": "--delete"}, ["PUBLISH_GH_BRANCH"]),
        ("ftp", {}, ["rsync", "gh-pages"]),
        (None, {}, ["rsync", "gh-pages"]),
    ],
)
def test_config_problems_are_named(target, env, expected):
    with pytest.raises(publish.PublishConfigError) as error:
        publish.publish_config(target, env)
    for word in expected:
        assert word in str(error.value)


@pytest.mark.parametrize(
    "value, expected",
    [("true", True), ("1", True), ("TRUE", True), ("yes", True), ("", False), ("false", False), ("0", False)],
)
def test_is_ci(value, expected):
    assert publish.is_ci({"CI": value}) is expected
    assert publish.is_ci({}) is False


def test_the_build_step_is_shown_as_invoke_preview_and_runs_its_action():
    ran = []
    config = publish.publish_config("gh-pages", {})
    steps, where = publish.publish_plan(config, "/build/output", "f" * 40, build=lambda: ran.append("built") or 0)
    assert [step.name for step in steps] == ["build", "ghp-import"]
    assert steps[0].argv == ["invoke", "preview"] and where == "the gh-pages branch of git remote origin"
    assert publish.run_step(steps[0]) == 0 and ran == ["built"]
    failing = publish.build_step(lambda: 3)
    assert publish.run_publish_steps([failing, *steps[1:]], publish.run_step) == (1, failing, 3)
    steps, _ = publish.publish_plan(config, "/build/output")
    assert [step.name for step in steps] == ["ghp-import"] and steps[0].action is None


def test_rsync_plan_names_the_release_from_the_time_and_commit():
    config = publish.publish_config("rsync", {"PUBLISH_SSH_HOST": HOST, "PUBLISH_SSH_PATH": "/srv/site"})
    now = datetime.datetime(2026, 11, 26, 10, 15, tzinfo=datetime.UTC)
    steps, where = publish.publish_plan(config, "/build/output", "abc1234" + "0" * 33, now)
    assert where == f"{HOST}:/srv/site (release {RELEASE})"
    assert [step.name for step in steps] == ["mkdir", "upload", "switch", "prune"]
    assert steps_by_name(steps)["upload"][-2:] == ["/build/output/", f"{HOST}:/srv/site/releases/{RELEASE}/"]


def test_git_commit_reads_head_loose_packed_and_detached(tmp_path, git_env):
    repo = tmp_path / "repo"
    repo.mkdir()
    assert publish.git_commit(repo) is None  # no repository
    git("init", "-q", "-b", "main", cwd=repo, env=git_env)
    assert publish.git_commit(repo) is None  # no commit yet
    (repo / "a.txt").write_text("a")
    git("add", "a.txt", cwd=repo, env=git_env)
    git("commit", "-q", "-m", "first", cwd=repo, env=git_env)
    head = git("rev-parse", "HEAD", cwd=repo, env=git_env).strip()
    (repo / "sub").mkdir()
    assert publish.git_commit(repo) == head
    assert publish.git_commit(repo / "sub") == head
    git("pack-refs", "--all", cwd=repo, env=git_env)
    assert not (repo / ".git" / "refs" / "heads" / "main").exists()
    assert publish.git_commit(repo) == head
    git("checkout", "-q", "--detach", cwd=repo, env=git_env)
    assert publish.git_commit(repo) == head
    assert publish.git_commit(tmp_path / "missing") is None


def test_rsync_upload_sets_web_readable_permissions():
    """Pelican's staging folder (so output/ itself) is 0700; the upload must not copy that."""
    upload = steps_by_name(publish.rsync_steps(HOST, "/srv/site", RELEASE))["upload"]
    chmod = [arg for arg in upload if arg.startswith("--chmod=")]
    assert chmod == ["--chmod=D755,F644"]
