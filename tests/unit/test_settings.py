"""mep_kit.settings: defaults and the one check of every plugin setting (unit tests)."""

from __future__ import annotations

from pathlib import Path

from mep_kit.settings import DEFAULTS, apply, settings_origin, validate

GOOD = {"CENTER": {"name": "X MEP", "state": "X"}, "SERVICE_LINES": {"Lean": "Less waste."}}


def test_defaults_fill_in_and_autoescape_is_on():
    settings = dict(GOOD)
    assert apply(settings) == []
    assert settings["RECENT_POSTS_COUNT"] == DEFAULTS["RECENT_POSTS_COUNT"]
    assert settings["JINJA_ENVIRONMENT"]["autoescape"] is True
    assert settings["READERS"]["html"] is None


def test_the_settings_the_kit_relies_on_are_the_centers_yet_turning_them_off_is_an_error():
    settings = {
        **GOOD,
        "TYPOGRIFY": True,
        "JINJA_ENVIRONMENT": {"autoescape": False, "trim_blocks": True},
        "READERS": {"rst": object, "txt": None},
    }
    problems = [str(problem) for problem in apply(settings, lambda key: ("pelicanconf.py", 7))]
    assert problems == [
        "pelicanconf.py:7: JINJA_ENVIRONMENT: autoescape: must stay True; the theme escapes every value but the bodies and "
        "titles the build has checked (remove 'autoescape')",
        "pelicanconf.py:7: READERS: 'rst': only Markdown is read (the schema and the checks are the Markdown reader's); remove 'rst'",
    ]
    assert settings["TYPOGRIFY"] is True, "the kit does typogrify's work, and the setting says what the center wrote"
    assert settings["JINJA_ENVIRONMENT"] == {"autoescape": True, "trim_blocks": True}
    assert settings["READERS"]["txt"] is None and settings["READERS"]["rst"] is None


def test_every_wrong_value_is_one_problem_naming_where_it_is_set():
    settings = {
        **GOOD,
        "RECENT_POSTS_COUNT": True,
        "HEADERS_HOST": "vercel",
        "BANNER": {"text": "Hi", "ends": "soon"},
        "HOME_FIGURES": "center-sales",
    }
    problems = validate(settings, lambda key: ("pelicanconf.py", 3))
    assert [str(p).split(":")[2].strip() for p in problems] == [
        "RECENT_POSTS_COUNT",
        "HEADERS_HOST",
        "BANNER",
        "HOME_FIGURES",
    ]
    assert all(str(p).startswith("pelicanconf.py:3: ") for p in problems)


def test_settings_origin_finds_the_file_and_line(tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text("from pelicanconf import *\n\nBANNER = None\n")
    assert settings_origin("BANNER", argv=["pelican", "-s", str(conf)], folder=tmp_path)[1] == 3
    assert Path(settings_origin("NOWHERE", argv=[], folder=tmp_path)[0]).name == "pelicanconf.py"


def test_static_file_settings_name_what_is_expected():
    settings = {**GOOD, "STATIC_MAX_BYTES": "10 MB", "STATIC_EXTRA_KINDS": ["video", "exe"]}
    problems = [p.message for p in validate(settings)]
    assert problems == [
        "STATIC_MAX_BYTES: expected a whole number of at least 1, got '10 MB'",
        "STATIC_EXTRA_KINDS: unknown kind 'exe'; expected one of: font, video, audio, archive, document",
    ]
    assert validate({**GOOD, "STATIC_EXTRA_KINDS": "video"})[0].message.startswith(
        "STATIC_EXTRA_KINDS: expected a list of kinds"
    )
    assert validate({**GOOD, "STATIC_EXTRA_KINDS": ["font", "video"]}) == []
