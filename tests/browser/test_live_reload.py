"""`make serve` (`invoke livereload`) in a real browser: saving a Markdown file reloads the
open page by itself, under the page's own Content-Security-Policy, with no violation; a save
that breaks the build leaves the page as it was, and the next good one reloads it; and the
published pages keep the strict policy (no inline script, nothing from another site).

The seconds from a save to the reloaded page are printed and recorded (``record_property``),
not asserted: timing goals belong to tests/benchmarks/live_reload.py."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from mep_kit.outputs.headers import CONTENT_SECURITY_POLICY, policy
from support import copy_project, free_port, stop_group, wait_for_url

pytestmark = pytest.mark.browser


def poll(page, expression: str, seconds: float) -> float:
    """Wait until `expression` is true in the page (evaluated from outside, as string
    predicates would need the eval the policy forbids); the seconds it took."""
    start = time.monotonic()
    while not evaluate(page, expression):
        assert time.monotonic() - start < seconds, f"not true within {seconds} s: {expression}"
        time.sleep(0.05)
    return time.monotonic() - start


def evaluate(page, expression: str):
    """`expression` in the page; None while the page is being replaced by a reload."""
    try:
        return page.evaluate(expression)
    except PlaywrightError as error:
        if "context was destroyed" in str(error) or "navigation" in str(error):
            return None
        raise


@pytest.fixture
def dev_server(tmp_path):
    """`invoke livereload` in a copy of the project, on a free port: (project, base URL)."""
    project = copy_project(tmp_path / "site")
    port = free_port()
    log = tmp_path / "livereload.log"
    with open(log, "w") as handle:
        server = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload"],
            cwd=project,
            stdout=handle,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HOST": "127.0.0.1", "PORT": str(port)},
            start_new_session=True,
        )
    try:
        wait_for_url(f"http://127.0.0.1:{port}/", server, log, seconds=90)
        yield project, f"http://127.0.0.1:{port}", log
    finally:
        stop_group(server)


def test_saving_a_markdown_file_reloads_the_open_page_under_its_own_policy(dev_server, browser, record_property):
    project, base, log = dev_server
    source = project / "content" / "articles" / "news.md"  # the fixture's explainer, linked from the home page
    marker = f"Generated-marker-{os.getpid()}-{time.monotonic_ns()}"  # one word: typography leaves it as it is
    context = browser.new_context()
    try:
        page = context.new_page()
        problems, violations = [], []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        # Every violation of the page's policy, reported by the page itself after each load.
        page.expose_function("reportViolation", lambda text: violations.append(text))
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "window.reportViolation(e.violatedDirective + ' ' + e.blockedURI))"
        )
        page.goto(f"{base}/")
        page.locator("main a[href$='/news/']").first.click()
        page.wait_for_load_state()
        article_url = page.url
        meta = page.locator("meta[http-equiv='Content-Security-Policy']")
        assert meta.get_attribute("content") == policy(CONTENT_SECURITY_POLICY, for_meta=True)
        # The reload client is a file, connected over its websocket before the edit.
        assert page.locator("script[src^='/livereload.js']").count() == 1
        assert not page.evaluate(
            "[...document.scripts].some(s => !s.src && s.type !== 'application/ld+json' && s.textContent.trim())"
        )
        poll(page, "!!(window.LiveReload && window.LiveReload.connector.protocol > 0)", 10)
        page.evaluate("window.notReloaded = true")
        assert marker not in page.inner_text("body")

        source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        took = poll(page, f"document.body.innerText.includes({marker!r})", 15)
        print(f"save to reloaded page: {took:.2f} s")
        record_property("save_to_reloaded_s", round(took, 3))

        assert page.url == article_url
        assert page.evaluate("window.notReloaded === undefined"), "the page changed without a reload"

        # A save that breaks the build: the problem is printed with its file and line, the
        # page stays as it was (no reload); fixing it reloads the page again.
        poll(page, "!!(window.LiveReload && window.LiveReload.connector.protocol > 0)", 10)
        page.evaluate("window.notReloaded = true")
        good = source.read_text(encoding="utf-8")
        source.write_text(good + "\n[[callout: no-such-figure]]\n", encoding="utf-8")
        deadline = time.monotonic() + 15
        while "no-such-figure" not in log.read_text():
            assert time.monotonic() < deadline, f"the failed rebuild was not reported:\n{log.read_text()}"
            time.sleep(0.05)
        time.sleep(1)
        assert page.evaluate("window.notReloaded === true"), "a failed rebuild reloaded the page"
        assert marker in page.inner_text("body")
        fixed = f"Fixed-marker-{time.monotonic_ns()}"
        source.write_text(good + f"\n{fixed}\n", encoding="utf-8")
        took = poll(page, f"document.body.innerText.includes({fixed!r})", 15)
        print(f"save after a failed one to reloaded page: {took:.2f} s")
        record_property("save_after_failure_to_reloaded_s", round(took, 3))
        assert violations == [], violations
        assert not [p for p in problems if "Content Security Policy" in p or "Content-Security-Policy" in p], problems
    finally:
        context.close()
    text = log.read_text()
    assert "Traceback" not in text
    assert "content/articles/news.md:" in text and "no-such-figure" in text


def test_published_pages_keep_the_strict_policy_and_no_reload_script(fixture_prod):
    strict = policy(CONTENT_SECURITY_POLICY, for_meta=True)
    for relative, soup in fixture_prod.pages().items():
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None and meta["content"] == strict, relative
        assert "'unsafe-inline'" not in meta["content"] and "ws:" not in meta["content"]
        assert not soup.find("script", src=lambda src: src and "livereload" in src), relative
        assert not [
            s
            for s in soup.find_all("script")
            if not s.get("src") and s.get("type") != "application/ld+json" and s.string and s.string.strip()
        ], relative
