"""Pelican's settings mean what the center wrote, for everything that reads them: the kit does
typogrify's work while reading (cached with each body), yet ``TYPOGRIFY`` stays as set for
every template and plugin, and turning it off turns the typography off."""

from __future__ import annotations

import json
import shutil

import pytest

from support import FIXTURE, build, derived_settings

#: Another plugin, as a center might add one: it writes down the settings it is given.
RECORDER = """
import json, os
from pelican import signals

def seen(pelican):
    with open(os.path.join(os.path.dirname(__file__), "seen.json"), "w") as out:
        json.dump({name: pelican.settings[name] for name in ("TYPOGRIFY", "TYPOGRIFY_DASHES")}, out)


def register():
    signals.finalized.connect(seen)
"""
PAGE = 'Title: Typography\n\nShe said "ready" -- twice.\n'


@pytest.mark.parametrize("typogrify", [True, False])
def test_typogrify_is_the_centers_to_turn_off_and_stays_as_written(tmp_path, typogrify):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    (content / "pages" / "typography.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "extra_plugins").mkdir()
    (tmp_path / "extra_plugins" / "recorder.py").write_text(RECORDER, encoding="utf-8")
    settings = derived_settings(
        tmp_path / "settings.py",
        f"TYPOGRIFY = {typogrify}\nPATH = {str(content)!r}\n"
        f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(tmp_path / 'extra_plugins')!r}]\nPLUGINS = [*PLUGINS, 'recorder']",
    )
    site = build(settings, tmp_path / "output", content=content)
    assert (tmp_path / "extra_plugins" / "seen.json").exists(), site.log
    assert json.loads((tmp_path / "extra_plugins" / "seen.json").read_text()) == {
        "TYPOGRIFY": typogrify,
        "TYPOGRIFY_DASHES": "oldschool",
    }
    body = site.soup("typography/").select_one("main .prose, main article").get_text()
    if typogrify:
        assert "\u201cready\u201d \u2013 twice" in body.replace("\xa0", " "), "curly quotes and an en dash, once"
    else:
        assert 'She said "ready" -- twice.' in body
