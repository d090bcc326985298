"""mep_kit.content.markup: which values of a post are HTML, and which are text."""

from __future__ import annotations

import json

from markupsafe import Markup
from pelican import contents
from pelican.settings import DEFAULT_CONFIG

from mep_kit.content.markup import Article, Page, escape_text, json_text, mark_rendered


def test_front_matter_text_is_escaped_but_apostrophes_are_left_for_typogrify():
    assert escape_text('<script>"x" & it\'s') == "&lt;script&gt;&quot;x&quot; &amp; it's"


def test_json_text_cannot_close_a_script_element_and_parses_to_the_same_data():
    data = {"title": "</script><img src=x onerror=alert(1)> & more"}
    text = json_text(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_rendered_content_title_and_summary_are_markup_and_keep_pelicans_class_names():
    settings = dict(DEFAULT_CONFIG)
    page = contents.Page("<p>Body</p>", {"title": "A &amp; B", "summary": "Sum &lt;x&gt;"}, settings=settings)
    mark_rendered(page)
    assert type(page) is Page and type(page).__name__ == "Page"
    assert isinstance(page.content, Markup) and isinstance(page.summary, Markup) and isinstance(page.title, Markup)
    assert str(page.title) == "A &amp; B"
    assert page.save_as  # Pelican still finds PAGE_SAVE_AS by the class name
    assert Article.__name__ == "Article"
