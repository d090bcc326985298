"""mep_kit.outputs.assets: fingerprinted asset URLs, worked out once per build."""

from __future__ import annotations

from mep_kit.outputs.assets import AssetUrls


def test_asset_urls_are_resolved_once_per_build():
    urls = AssetUrls(None)
    assert urls("css/site.css") == "theme/css/site.css" == urls("css/site.css")
    resolved = []
    urls._resolve = lambda source: resolved.append(source) or f"theme/assets/{source}"
    urls._urls.clear()
    for _ in range(3):
        urls("js/search.js")
    assert resolved == ["js/search.js"]


def test_every_asset_the_templates_name_can_be_resolved_before_pages_are_written():
    from support import theme_env

    urls = AssetUrls(None)
    resolved = []
    urls._resolve = lambda source: resolved.append(source) or f"theme/assets/{source}"
    urls.prepare(theme_env())
    assert sorted(resolved) == ["css/site.css", "js/search.js"], "each once, from base.html and search.html"


def test_the_templates_are_read_once_per_environment():
    from support import theme_env

    env, read = theme_env(), []
    get_source = env.loader.get_source
    env.loader.get_source = lambda environment, name: read.append(name) or get_source(environment, name)
    urls = AssetUrls(None)
    urls.prepare(env)
    assert read, "the templates are read for the assets they name"
    read.clear()
    urls.prepare(env)
    assert read == [], "a second writer of the same build reads nothing again"
