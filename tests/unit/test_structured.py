"""mep_kit.outputs.structured: JSON-LD that cannot break out of its element."""

from __future__ import annotations

import json

from mep_kit.outputs.structured import breadcrumb_list, to_json


def test_json_ld_cannot_close_its_script_element():
    text = to_json({"name": "</script><script>alert(1)</script> & co"})
    assert "</script" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & co"


def test_breadcrumbs_are_numbered_absolute_and_plain_text():
    data = breadcrumb_list(
        [("Home", ""), ("Lean &amp; Quality", "services/lean/"), ("Big&nbsp;<span>Win</span>", "win/")], "https://x.org"
    )
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "Home", "https://x.org/"),
        (2, "Lean & Quality", "https://x.org/services/lean/"),
        (3, "Big Win", "https://x.org/win/"),
    ]
