"""mep_kit.checks.safety: a rendered body read as a browser reads it (unit tests, no build)."""

from __future__ import annotations

import pytest

from mep_kit.checks.safety import browser_url, findings, scheme_of


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("  JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("\x01\x02 javascript:x", "javascript"),
        ("jav\nascript:x", "javascript"),
        ("java\x00script:x", None),  # not a scheme for a browser either: a relative path
        ("https://example.org", "https"),
        ("/about/", None),
        ("about/#team", None),
        ("#top", None),
        ("{filename}/pages/a.md", None),
    ],
)
def test_scheme_as_a_browser_reads_it(url, scheme):
    assert scheme_of(url) == scheme


def test_browser_url_strips_ends_and_removes_tabs_and_newlines():
    assert browser_url(" \t/a\nb\r/c \x00") == "/ab/c"


def test_code_is_text_and_never_a_finding():
    html = '<pre><code>&lt;script&gt;alert(1)&lt;/script&gt; &lt;a href="javascript:x"&gt;</code></pre><p><code>onclick=</code></p>'
    assert findings(html) == ([], [])


def test_each_finding_says_what_and_where_to_look():
    found, links = findings('<p onclick="x()" style="a">t</p><a href="jav&#x61;script:1">j</a><img src="/i.png">')
    messages = [f.message for f in found]
    assert messages[0].startswith("raw HTML: event handler 'onclick=' on <p>")
    assert messages[1].startswith("raw HTML: a 'style' attribute on <p>")
    assert messages[2].startswith("a 'javascript:' URL is not allowed")
    assert messages[3].startswith("image '/i.png': alt text is missing")
    assert "javascript:1" in found[2].needles
    assert [(link.tag, link.url) for link in links] == [("img", "/i.png")]


def test_images_of_other_sites_are_findings_but_the_sites_own_are_links():
    found, links = findings(
        '<img alt="a" src="https://example.org/a.png"><img alt="b" src="https://site.example/b.png">',
        "https://site.example",
    )
    assert [f.message.split(":")[0] for f in found] == ["image 'https"]
    assert [link.url for link in links] == ["https://site.example/b.png"]
