"""The GitHub Actions workflows: valid against GitHub's workflow schema (checked offline),
least privilege, and running the README's own commands, in the README's order, from the lock file."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
MAKE_STEPS = ["make install", "make check", "make test", "make preview"]
DEPLOY_PERMISSIONS = {"pages": "write", "id-token": "write"}
BOTH = pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])


@functools.cache
def load(name: str) -> dict:
    # YAML 1.2 safe loading: `on` stays the string "on", as GitHub reads it.
    return YAML(typ="safe", pure=True).load(WORKFLOWS / name)


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def step_using(workflow: dict, action: str, **inputs) -> dict:
    """The one step that uses `action` (any version) with these `with:` inputs."""
    found = [
        step
        for step in steps(workflow)
        if step.get("uses", "").partition("@")[0] == action
        and all(step.get("with", {}).get(key) == value for key, value in inputs.items())
    ]
    assert len(found) == 1, f"expected one step using {action} with {inputs}, found {len(found)}"
    return found[0]


def commands(script: str) -> list[str]:
    """The commands of a shell script, without blank lines, comments or a `$ ` prompt."""
    lines = (line.partition("#")[0].strip().removeprefix("$ ") for line in script.splitlines())
    return [line for line in lines if line]


def run_commands(workflow: dict) -> list[str]:
    return [command for step in steps(workflow) for command in commands(step.get("run", ""))]


def write_scopes(permissions: dict | str | None) -> dict:
    if isinstance(permissions, str):
        return {"*": permissions} if permissions == "write-all" else {}
    return {scope: level for scope, level in (permissions or {}).items() if level == "write"}


def validate(*files: Path) -> subprocess.CompletedProcess:
    # A dead proxy makes any attempt to download a schema fail: the schema must be the vendored one.
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "http_proxy": dead, "https_proxy": dead}
    cmd = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, files)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def readme_test_command() -> str:
    """The command the README gives, in a shell code block, for running the tests."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```(?:sh|bash|shell|console)\n(.*?)^```", readme, re.MULTILINE | re.DOTALL)
    found = [command for block in blocks for command in commands(block) if re.search(r"\b(py)?test\b", command)]
    assert len(found) == 1, f"expected one test command in the README's shell blocks, found {found}"
    return found[0]


def test_every_workflow_matches_the_github_schema():
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert {"ci.yml", "deploy.yml"} <= {file.name for file in files}
    result = validate(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_job_without_runs_on(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: make test\n", encoding="utf-8")
    result = validate(broken)
    assert result.returncode != 0
    assert "'runs-on' is a required property" in result.stdout, result.stdout + result.stderr


@BOTH
def test_permissions_are_least_privilege(name):
    workflow = load(name)
    assert "permissions" in workflow, "without top-level permissions a job may get a write token"
    assert write_scopes(workflow["permissions"]) == {}
    for job_name, job in workflow["jobs"].items():
        if (name, job_name) == ("deploy.yml", "deploy"):
            assert job["permissions"] == DEPLOY_PERMISSIONS
        else:
            assert write_scopes(job.get("permissions")) == {}, f"{name}: job {job_name} can write"


def test_ci_runs_on_pull_requests_and_deploy_on_push_to_main():
    assert "pull_request" in load("ci.yml")["on"]
    deploy_on = load("deploy.yml")["on"]
    assert deploy_on["push"]["branches"] == ["main"]
    assert "pull_request" not in deploy_on and "pull_request_target" not in deploy_on


def test_concurrency():
    ci = load("ci.yml")["concurrency"]
    assert ci["cancel-in-progress"] is True and "pull_request.number" in ci["group"]
    # Deployments queue instead: cancelling one could leave an older build published last.
    assert load("deploy.yml")["concurrency"] == {"group": "pages", "cancel-in-progress": False}


@BOTH
def test_make_steps_run_in_order(name):
    assert [command for command in run_commands(load(name)) if command.startswith("make ")] == MAKE_STEPS


@BOTH
def test_ci_runs_the_readme_test_command(name):
    command = readme_test_command()
    assert command in run_commands(load(name))
    assert command in commands((ROOT / ".ci" / "run").read_text(encoding="utf-8"))


@BOTH
def test_pip_cache_is_keyed_on_the_lock_file(name):
    settings = step_using(load(name), "actions/setup-python")["with"]
    assert settings == {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements/dev.lock"}


def test_ci_uploads_the_built_site_for_review():
    upload = step_using(load("ci.yml"), "actions/upload-artifact", name="site-preview")["with"]
    assert upload["path"] == "output" and upload["retention-days"] > 0


def test_ci_keeps_the_browser_tests_screenshots_even_when_a_test_fails():
    from support import SCREENSHOTS

    workflow = load("ci.yml")
    upload = step_using(workflow, "actions/upload-artifact", name="browser-screenshots")
    assert upload["with"]["path"] == SCREENSHOTS.relative_to(ROOT).as_posix()
    assert upload["with"]["if-no-files-found"] == "error" and upload["with"]["retention-days"] > 0
    assert upload["if"] == "${{ !cancelled() }}"
    order = steps(workflow)
    assert order.index(upload) > next(i for i, step in enumerate(order) if step.get("run") == "make test")


def test_deploy_publishes_the_site_at_the_pages_address():
    workflow = load("deploy.yml")
    assert step_using(workflow, "actions/configure-pages")["id"] == "pages"
    preview = next(step for step in steps(workflow) if step.get("run") == "make preview")
    assert preview["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert step_using(workflow, "actions/upload-pages-artifact")["with"]["path"] == "output"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert [step["id"] for step in deploy["steps"] if step["uses"].startswith("actions/deploy-pages@")] == [
        "deployment"
    ]


@BOTH
def test_builds_keep_their_cache_between_runs(name):
    """.cache/ (read files, images, share cards) is restored from the newest run with the
    same lock file, plugin, theme and settings, else from any earlier run: its entries are
    keyed on all they depend on, so an older one is never served stale."""
    cache = step_using(load(name), "actions/cache")["with"]
    assert cache["path"] == ".cache"
    inputs = "hashFiles('requirements/dev.lock', 'requirements/package-lock.json', 'plugins/**', 'theme/**', '*.py')"
    assert inputs in cache["key"] and cache["key"].endswith("${{ github.run_id }}")
    same_inputs = cache["key"][: -len("${{ github.run_id }}")]
    assert cache["restore-keys"].splitlines() == [same_inputs, "site-cache-v1-${{ runner.os }}-"]
    names = [step.get("name") or step.get("uses", "") for step in steps(load(name))]
    assert names.index(next(n for n in names if n.startswith("actions/cache"))) < names.index("Test")


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    """zizmor, the GitHub Actions security linter (pinned in the lock file), offline, with
    every audit it has (the pedantic persona)."""
    command = [
        str(Path(sys.executable).with_name("zizmor")),
        "--offline",
        "--persona",
        "pedantic",
        "--no-progress",
        *map(str, paths),
    ]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


def test_zizmor_finds_nothing_in_the_workflows():
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@BOTH
def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(name):
    for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines():
        if "uses:" in line:
            assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_zizmor_fails_on_an_action_used_by_its_tag(tmp_path):
    folder = tmp_path / "workflows"
    folder.mkdir()
    text = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    (folder / "ci.yml").write_text(
        re.sub(r"actions/checkout@[0-9a-f]{40} # (v\d+)\.\d+\.\d+", r"actions/checkout@\1", text), encoding="utf-8"
    )
    result = zizmor(folder / "ci.yml")
    assert result.returncode != 0 and "unpinned-uses" in result.stdout + result.stderr, result.stdout + result.stderr
