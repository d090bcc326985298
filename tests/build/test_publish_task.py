"""`invoke publish` run as a writer or CI runs it: dry runs, settings, confirmation, failures, a real gh-pages push."""

from __future__ import annotations

from pathlib import Path

import pytest

from mep_kit.tools import publish
from support import HOST, calls, fake_tools, git, publish_env, run_publish


def test_rsync_dry_run_prints_every_step_and_runs_nothing(project, tmp_path):
    log = tmp_path / "calls.log"
    env = publish_env(
        PATH=str(fake_tools(tmp_path / "bin", log)),
        PUBLISH_SSH_HOST=HOST,
        PUBLISH_SSH_PATH="/srv/web site",
        PUBLISH_SSH_PORT="2222",
        PUBLISH_KEEP="4",
    )
    result = run_publish(project, "--target", "rsync", "--dry-run", env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1. build: invoke preview" in out
    assert "2. mkdir: ssh -p 2222 deploy@example.org" in out
    assert "rsync -az --delete --checksum" in out and "'--link-dest=/srv/web site/current/'" in out
    assert "mv -T" in out and "current.new" in out and "tail -n +5" in out
    assert "Dry run" in out and "nothing was built" in out
    assert "[y/N]" not in out
    assert calls(log) == []
    assert not (project / "output").exists()


def test_ghpages_dry_run_prints_every_step_and_runs_nothing(project, tmp_path):
    log = tmp_path / "calls.log"
    env = publish_env(PATH=str(fake_tools(tmp_path / "bin", log)), PUBLISH_CNAME="www.example.org")
    result = run_publish(project, "--target", "gh-pages", "--dry-run", env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1. build: invoke preview" in out
    assert "2. ghp-import: " in out
    assert "-m ghp_import --no-jekyll --push --force --remote origin --branch gh-pages" in out
    assert "--cname www.example.org" in out
    assert "Dry run" in out
    assert calls(log) == []
    assert not (project / "output").exists()


def test_dry_run_with_no_tools_on_path_at_all(project, tmp_path):
    """With an empty PATH, ssh, rsync and git could not even be found: a dry run still works."""
    empty = tmp_path / "empty"
    empty.mkdir()
    env = publish_env(PATH=str(empty), PUBLISH_SSH_HOST=HOST, PUBLISH_SSH_PATH="/srv/site")
    for target in ("rsync", "gh-pages"):
        result = run_publish(project, "--target", target, "--dry-run", env=env)
        assert result.returncode == 0, result.stderr
        assert "Dry run" in result.stdout
    assert not (project / "output").exists()


def test_missing_rsync_settings_exit_2_naming_them_and_run_nothing(project, tmp_path):
    log = tmp_path / "calls.log"
    env = publish_env(PATH=str(fake_tools(tmp_path / "bin", log)), CI="true")
    result = run_publish(project, "--target", "rsync", env=env)
    assert result.returncode == 2
    assert "PUBLISH_SSH_HOST" in result.stderr and "--host" in result.stderr
    assert "PUBLISH_SSH_PATH" in result.stderr and "absolute" in result.stderr
    assert calls(log) == []
    assert not (project / "output").exists()
    # an option fills the gap it names
    result = run_publish(project, "--target", "rsync", "--host", HOST, env=env)
    assert result.returncode == 2
    assert "PUBLISH_SSH_HOST" not in result.stderr and "PUBLISH_SSH_PATH" in result.stderr


def test_unknown_target_lists_the_valid_ones(project, tmp_path):
    env = publish_env(PATH=str(fake_tools(tmp_path / "bin", tmp_path / "calls.log")))
    result = run_publish(project, "--target", "ftp", "--dry-run", env=env)
    assert result.returncode == 2
    assert "'ftp'" in result.stderr and "rsync, gh-pages" in result.stderr


def test_skip_build_needs_a_built_site(project, tmp_path):
    log = tmp_path / "calls.log"
    env = publish_env(
        PATH=str(fake_tools(tmp_path / "bin", log)), CI="true", PUBLISH_SSH_HOST=HOST, PUBLISH_SSH_PATH="/srv/site"
    )
    result = run_publish(project, "--target", "rsync", "--skip-build", env=env)
    assert result.returncode == 2
    assert "invoke preview" in result.stderr
    assert calls(log) == []


def built_output(project: Path):
    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("<!doctype html><title>Site</title>")


@pytest.mark.parametrize("answer", ["n\n", "\n", "maybe\n", ""])
def test_without_ci_it_asks_once_and_aborts_unless_yes(project, tmp_path, answer):
    log = tmp_path / "calls.log"
    built_output(project)
    env = publish_env(
        PATH=str(fake_tools(tmp_path / "bin", log)), CI="false", PUBLISH_SSH_HOST=HOST, PUBLISH_SSH_PATH="/srv/site"
    )
    result = run_publish(project, "--target", "rsync", "--skip-build", env=env, stdin=answer)
    assert result.stdout.count("[y/N]") == 1
    assert "Publish to deploy@example.org:/srv/site" in result.stdout
    assert result.returncode == 1
    assert "Aborted" in result.stderr
    assert calls(log) == []


@pytest.mark.parametrize("how", ["answer y", "answer yes", "--yes", "CI=true", "CI=1"])
def test_proceeds_on_yes_or_under_ci_and_reports_the_failed_step(project, tmp_path, how):
    """The fake ssh fails: the first step runs, is reported as failed, and nothing after it runs."""
    log = tmp_path / "calls.log"
    built_output(project)
    env = publish_env(PATH=str(fake_tools(tmp_path / "bin", log)), PUBLISH_SSH_HOST=HOST, PUBLISH_SSH_PATH="/srv/site")
    args, stdin = ["--target", "rsync", "--skip-build"], None
    if how.startswith("answer"):
        stdin = how.split()[1] + "\n"
    elif how == "--yes":
        args.append("--yes")
    else:
        env["CI"] = how.split("=")[1]
    result = run_publish(project, *args, env=env, stdin=stdin)
    assert (result.stdout.count("[y/N]") == 1) is how.startswith("answer")
    assert result.returncode == 1
    assert "step 1 (mkdir) failed" in result.stderr
    assert "previous release" in result.stderr
    assert calls(log) == ["ssh deploy@example.org mkdir -p /srv/site/releases"]


def test_a_failed_rsync_is_reported_and_current_is_never_switched(project, tmp_path):
    """ssh succeeds (recording), rsync fails: the task stops before the switch and says so."""
    log = tmp_path / "calls.log"
    bin_dir = fake_tools(tmp_path / "bin", log, exit_code=0, names=("ssh",))
    fake_tools(bin_dir, log, exit_code=12, names=("rsync",))
    built_output(project)
    env = publish_env(PATH=str(bin_dir), CI="true", PUBLISH_SSH_HOST=HOST, PUBLISH_SSH_PATH="/srv/site")
    result = run_publish(project, "--target", "rsync", "--skip-build", env=env)
    assert result.returncode == 12
    assert "step 2 (upload) failed with exit code 12" in result.stderr
    assert "readers still get the previous release" in result.stderr
    calls = log.read_text().splitlines()
    assert [call.split()[0] for call in calls] == ["ssh", "rsync"]
    assert not any("current.new" in call for call in calls)


def test_ghpages_publish_to_a_bare_repository(project, tmp_path, git_env):
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp_path, env=git_env)
    git("init", "-q", "-b", "main", cwd=project, env=git_env)
    (project / ".gitignore").write_text("output/\n")
    git("add", ".gitignore", "pelicanconf.py", cwd=project, env=git_env)
    git("commit", "-q", "-m", "source", cwd=project, env=git_env)
    git("remote", "add", "origin", str(remote), cwd=project, env=git_env)
    source = git("rev-parse", "HEAD", cwd=project, env=git_env).strip()
    built_output(project)
    (project / "output" / "css").mkdir()
    (project / "output" / "css" / "site.css").write_text("body{}")

    env = {**git_env, "CI": "true", "PUBLISH_CNAME": "www.example.org"}
    result = run_publish(project, "--target", "gh-pages", "--skip-build", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[y/N]" not in result.stdout
    assert "Published to the gh-pages branch of git remote origin" in result.stdout

    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote, env=git_env).split()
    assert sorted(files) == [".nojekyll", "CNAME", "css/site.css", "index.html"]
    assert git("show", "gh-pages:CNAME", cwd=remote, env=git_env).strip() == "www.example.org"
    assert source in git("log", "-1", "--format=%B", "gh-pages", cwd=remote, env=git_env)
    # the source branch is untouched, and a second publish replaces the branch contents
    assert git("rev-parse", "main", cwd=project, env=git_env).strip() == source
    (project / "output" / "css" / "site.css").unlink()
    result = run_publish(project, "--target", "gh-pages", "--skip-build", env={**env, "PUBLISH_CNAME": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote, env=git_env).split()
    assert sorted(files) == [".nojekyll", "index.html"]


def test_ghpages_publish_fails_clearly_without_a_remote(project, tmp_path, git_env):
    git("init", "-q", "-b", "main", cwd=project, env=git_env)
    built_output(project)
    result = run_publish(project, "--target", "gh-pages", "--skip-build", env={**git_env, "CI": "true"})
    assert result.returncode != 0
    assert "step 1 (ghp-import) failed" in result.stderr


def test_the_help_states_the_modules_defaults(project):
    """tasks.py does not import the module to word its help (that would load Pelican for
    `invoke --list`), so the help's defaults are checked against the module's here."""
    result = run_publish(project, "--help", env=publish_env())
    assert result.returncode == 0, result.stderr
    help_text = " ".join(result.stdout.split())
    assert f"releases kept on the server (default {publish.PUBLISH_KEEP_DEFAULT})" in help_text
    assert all(f"{target} (" in help_text for target in publish.PUBLISH_TARGETS)
