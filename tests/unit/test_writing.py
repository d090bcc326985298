"""mep_kit.outputs.writer: Pelican's writer, rendering through the build's page cache, and writing
feeds of the site's language."""

from __future__ import annotations

import pytest
from jinja2 import Template

from mep_kit.core import state
from mep_kit.outputs.writer import SiteWriter, site_language_only

SETTINGS = {
    "RELATIVE_URLS": False,
    "SITEURL": "",
    "PAGINATED_TEMPLATES": {},
    "FEED_DOMAIN": "",
    "FEED_MAX_ITEMS": None,
    "SITENAME": "Site",
    "SITESUBTITLE": None,
}
NAMES = [f"post-{number}.html" for number in range(30)] + [
    "index.html",
    "posts/page/2/index.html",
    "category/lean/index.html",
]


class CountingCache:
    """Stands in for mep_kit.outputs.render_cache.RenderCache: every page 'kept' reads 'kept'."""

    def __init__(self):
        self.wrapped = []

    def wrap(self, template):
        self.wrapped.append(template)
        return Template("kept")


@pytest.fixture
def build(tmp_path, monkeypatch):
    made = state.Build(settings={}, output_path=str(tmp_path))
    monkeypatch.setattr(state, "_current", made)
    return made


def written(writer, tmp_path):
    template = Template("{{ output_file }}")
    for name in NAMES:
        writer.write_file(name, template, {"localsiteurl": ""})
    return {path.relative_to(tmp_path).as_posix(): path.read_text() for path in tmp_path.rglob("*.html")}


def test_every_file_is_written_with_its_template(build, tmp_path):
    writer = SiteWriter(str(tmp_path), settings={**SETTINGS, "OUTPUT_PATH": str(tmp_path)})
    assert build.writer is writer, "the build knows its writer: addresses are settled from then on"
    assert written(writer, tmp_path) == {name: name for name in NAMES}


def test_pages_are_rendered_through_the_builds_page_cache(build, tmp_path):
    build.render_cache = CountingCache()
    writer = SiteWriter(str(tmp_path), settings={**SETTINGS, "OUTPUT_PATH": str(tmp_path)})
    assert set(written(writer, tmp_path).values()) == {"kept"}
    assert len(build.render_cache.wrapped) == len(NAMES)


def test_without_a_build_it_is_pelicans_writer(tmp_path, monkeypatch):
    monkeypatch.setattr(state, "_current", None)
    writer = SiteWriter(str(tmp_path), settings={**SETTINGS, "OUTPUT_PATH": str(tmp_path)})
    assert written(writer, tmp_path) == {name: name for name in NAMES}


def test_a_feed_lists_the_sites_language_only_unless_it_is_a_feed_of_another():
    from types import SimpleNamespace

    english, spanish = SimpleNamespace(in_default_lang=True), SimpleNamespace(in_default_lang=False)
    assert site_language_only([english, spanish]) == [english], "Pelican's feed of all posts holds every translation"
    assert site_language_only([spanish]) == [spanish], "a feed of a translation's language (TRANSLATION_FEED_ATOM)"
