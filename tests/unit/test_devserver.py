"""mep_kit.tools.devserver's template cache: compiled templates are reused only when compiling them
again would give the same code."""

from __future__ import annotations

from functools import partial

import jinja2

from mep_kit.tools import devserver


def environment(**options):
    return jinja2.Environment(loader=jinja2.DictLoader({"page.html": "{{ 'x'|shout }}"}), **options)


def shout(text):
    return text.upper()


def test_the_same_setup_gives_the_same_key_in_every_build(monkeypatch):
    first = devserver.environment_key(environment(trim_blocks=True))
    monkeypatch.setattr(devserver, "_build_number", devserver._build_number + 1)
    devserver._identities.clear()
    assert devserver.environment_key(environment(trim_blocks=True)) == first
    assert devserver.environment_key(environment(trim_blocks=False)) != first


def test_a_filter_from_outside_jinja_and_pelican_is_trusted_for_one_build_only(monkeypatch):
    """Jinja folds `'x'|shout` into the compiled code: a filter of a settings file may read a
    file or the clock, so its templates are compiled again in the next build."""
    env = environment()
    env.filters["shout"] = shout
    key = devserver.environment_key(env)
    assert devserver.environment_key(environment()) != key
    monkeypatch.setattr(devserver, "_build_number", devserver._build_number + 1)
    devserver._identities.clear()
    assert devserver.environment_key(env) != key


def test_a_partial_is_known_by_its_arguments():
    def enabled(name, plugin_list=None):
        return name in plugin_list

    one, other = environment(), environment()
    one.tests["plugin_enabled"] = partial(enabled, plugin_list=["a"])
    other.tests["plugin_enabled"] = partial(enabled, plugin_list=["b"])
    assert devserver.environment_key(one) != devserver.environment_key(other)


def test_the_cache_compiles_an_edited_template_again():
    cache = devserver._template_cache_class()()
    sources = {"page.html": "one"}
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (sources[name], None, lambda: False)), bytecode_cache=cache
    )
    assert env.get_template("page.html").render() == "one"
    assert len(cache.store) == 1
    sources["page.html"] = "two"
    env.cache.clear()
    assert env.get_template("page.html").render() == "two"
    again = jinja2.Environment(loader=env.loader, bytecode_cache=cache)
    assert again.get_template("page.html").render() == "two"


def test_only_pelican_s_own_code_and_the_plugins_read_are_trusted():
    assert (
        devserver._trusted("jinja2.filters") and devserver._trusted("pelican.utils") and devserver._trusted("builtins")
    )
    assert devserver._trusted("pelican.plugins._utils") and devserver._trusted(
        "pelican.plugins.webassets.vendor.webassets.ext.jinja2"
    )
    assert not devserver._trusted("pelican.plugins.jinja_filters") and not devserver._trusted("pelicanconf")
    assert not devserver._trusted("mep_kit.content.render")
