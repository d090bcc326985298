"""mep_kit.content.reading_time: minutes to read a post's text."""

from __future__ import annotations

from mep_kit.content.reading_time import reading_minutes


def test_reading_minutes_counts_words_of_the_text_not_the_markup():
    assert reading_minutes("<p>" + "word " * 200 + "</p>") == 1
    assert reading_minutes("<p>" + "word " * 201 + "</p>") == 2
    assert reading_minutes('<a href="x" title="many words in an attribute">') == 1
    assert reading_minutes("<p>&nbsp;</p>") == 1
