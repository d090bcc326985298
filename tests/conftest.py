"""Fixtures: real Pelican builds of the tests' fixture site (an invented center with settings
of its own, tests/fixture_site) and of the site the center ships, each run once per test
session into a temporary folder with the same command a writer or CI runs (`python -m pelican
... --fatal warnings`), and copies of a project a test may change. Helpers are in support.py;
the tier of a test (unit, build, browser, site) is its folder.

The kit's behaviour is tested on the fixture site only. The site the center ships is read only
by the site tier (tests/site): what every center's content must satisfy, so the tests pass for
any center that adopts the kit."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import (
    AFTER,
    BEFORE,
    BROWSER_EVENTS,
    FIXTURE,
    GENERATED_EVENTS,
    PRODUCTION_URL,
    ROOT,
    Site,
    build,
    build_on,
    copy_project,
    epoch,
    events_content,
    invoke,
    launch_chromium,
    publish_env,
    write_events,
    write_posts,
)

TIERS = ("unit", "build", "browser", "site")


def pytest_collection_modifyitems(items):
    """Mark each test with its tier, from the folder it is in (`pytest -m unit` is the fast
    tier), and every test that drives Chromium (the `browser` fixture) as a browser test."""
    for item in items:
        tier = Path(str(item.fspath)).parent.name
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))
        if "browser" in getattr(item, "fixturenames", ()) and tier != "browser":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def dev_site(tmp_path_factory) -> Site:
    """The shipped site, development settings (relative URLs, future posts shown)."""
    return build(ROOT / "pelicanconf.py", tmp_path_factory.mktemp("dev") / "output")


@pytest.fixture(scope="session")
def prod_site(tmp_path_factory) -> Site:
    """The shipped site exactly as published (publishconf.py, absolute URLs, feeds)."""
    return build(ROOT / "publishconf.py", tmp_path_factory.mktemp("prod") / "output", siteurl=PRODUCTION_URL)


@pytest.fixture(scope="session")
def fixture_dev(tmp_path_factory) -> Site:
    return build(
        FIXTURE / "pelicanconf.py", tmp_path_factory.mktemp("fixture-dev") / "output", content=FIXTURE / "content"
    )


@pytest.fixture(scope="session")
def fixture_prod(tmp_path_factory) -> Site:
    """The fixture site with production behaviour: future-dated posts left out."""
    return build(
        FIXTURE / "publishconf.py",
        tmp_path_factory.mktemp("fixture-prod") / "output",
        content=FIXTURE / "content",
        siteurl=PRODUCTION_URL,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A checkout of the kit with the fixture site and a good production build in output/
    (`invoke preview`), made once: tests copy it (support.copy_built) and add what they try."""
    project = copy_project(tmp_path_factory.mktemp("built") / "site")
    result = invoke(project, "preview")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def events_source(tmp_path_factory) -> Path:
    """The fixture site's content with the generated events (support.GENERATED_EVENTS)."""
    return events_content(tmp_path_factory.mktemp("events") / "content")


@pytest.fixture(scope="session")
def events_before(tmp_path_factory, events_source) -> Site:
    """The fixture site with the generated events, for production, as on support.BEFORE: the
    webinar is the next event, the roundtable is past."""
    return build_on(
        BEFORE, FIXTURE / "publishconf.py", events_source, tmp_path_factory.mktemp("events-before") / "output"
    )


@pytest.fixture(scope="session")
def events_after(tmp_path_factory, events_source) -> Site:
    """The same, as on support.AFTER: the webinar is past too."""
    return build_on(
        AFTER, FIXTURE / "publishconf.py", events_source, tmp_path_factory.mktemp("events-after") / "output"
    )


@pytest.fixture
def project(tmp_path) -> Path:
    """A checkout of the kit with the fixture site (support.copy_project), that a test may change."""
    return copy_project(tmp_path / "site")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (support.launch_chromium) for the whole run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def serve(project: Path, **env: str):
    """``project`` built by `invoke preview` (Pelican, then the Pagefind index) for its own local
    address, and served there with its _headers applied, as a static host would."""
    from hosting import Host

    host = Host(project / "output")
    result = invoke(project, "preview", SITEURL=host.url, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    with host:
        yield Site(project / "output", result.stdout + result.stderr, result.returncode, host.url)


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The fixture site, published and served (:func:`serve`), with generated events
    (support.BROWSER_EVENTS) and posts (support.BROWSER_POSTS), built as on support.BEFORE: the
    browser tests see every kind of page, a second page of posts, upcoming events of each
    format, a past one, /events/ and the event banner."""
    project = copy_project(tmp_path_factory.mktemp("published") / "site")
    write_events(project / "content", {name: GENERATED_EVENTS[name] for name in BROWSER_EVENTS})
    write_posts(project / "content")
    yield from serve(project, SOURCE_DATE_EPOCH=epoch(BEFORE))


@pytest.fixture(scope="session")
def published_shipped(tmp_path_factory):
    """The site the center ships, as it is, published and served (the site tier)."""
    yield from serve(copy_project(tmp_path_factory.mktemp("shipped") / "site", site=ROOT))


@pytest.fixture(scope="session")
def published_second(tmp_path_factory):
    """Another invented center (tests/second_center: its own brand and logo), published and served."""
    yield from serve(copy_project(tmp_path_factory.mktemp("second") / "site", site=ROOT / "tests" / "second_center"))


@pytest.fixture(scope="session")
def published_spanish(tmp_path_factory):
    """An invented center that writes in Spanish (tests/spanish_center: DEFAULT_LANG = "es", a
    case study with an English translation, an event to come and one past), published and
    served, as on support.BEFORE."""
    yield from serve(
        copy_project(tmp_path_factory.mktemp("spanish") / "site", site=ROOT / "tests" / "spanish_center"),
        SOURCE_DATE_EPOCH=epoch(BEFORE),
    )


@pytest.fixture
def git_env(tmp_path) -> dict:
    """An environment in which git ignores the machine's own configuration."""
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    return publish_env(
        GIT_CONFIG_GLOBAL=str(empty),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
    )


@pytest.fixture(scope="module")
def reading(tmp_path_factory):
    """For the reader's tests: a content folder with the figures registry, and
    (settings, content, registry, renderer) as a build has them (support.reading_setup)."""
    import shutil

    from support import reading_setup

    content = tmp_path_factory.mktemp("content")
    shutil.copytree(FIXTURE / "content" / "data", content / "data")
    (content / "case-studies").mkdir()
    settings, registry, renderer = reading_setup(content)
    return settings, content, registry, renderer
