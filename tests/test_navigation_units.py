"""Unit tests of the plugin's plain functions for navigation, structured data, the banner,
headers and assets: data in, data out, no build."""

from __future__ import annotations

import datetime
import json
from types import SimpleNamespace as Post

import pytest
from mep_kit.assets import AssetUrls
from mep_kit.banner import active_banner, build_date
from mep_kit.errors import ContentError
from mep_kit.settings import validate
from mep_kit.headers import headers_file, policy
from mep_kit.reading_time import reading_minutes
from mep_kit.related import related_by_service
from mep_kit.structured import breadcrumb_list, to_json

TZ = datetime.timezone.utc


def post(slug, day, *services):
    return Post(slug=slug, date=datetime.datetime(2026, 1, day, tzinfo=TZ), services=[Post(name=s) for s in services])


def test_related_ranks_by_shared_service_lines_then_newest_then_slug():
    a = post("a", 1, "Lean", "Quality")
    b = post("b", 2, "Lean")
    c = post("c", 3, "Lean", "Quality")
    d = post("d", 3, "Lean")
    e = post("e", 9, "Workforce")
    article = Post(slug="news", date=a.date, services=[])
    related = related_by_service([a, b, c, d, e, article], count=3)
    assert [p.slug for p in related[id(a)]] == ["c", "d", "b"]
    assert [p.slug for p in related[id(b)]] == ["c", "d", "a"]
    assert related[id(e)] == [] and id(article) not in related


def test_reading_minutes_counts_words_of_the_text_not_the_markup():
    assert reading_minutes("<p>" + "word " * 200 + "</p>") == 1
    assert reading_minutes("<p>" + "word " * 201 + "</p>") == 2
    assert reading_minutes('<a href="x" title="many words in an attribute">') == 1
    assert reading_minutes("<p>&nbsp;</p>") == 1


def test_json_ld_cannot_close_its_script_element():
    text = to_json({"name": "</script><script>alert(1)</script> & co"})
    assert "</script" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & co"


def test_breadcrumbs_are_numbered_absolute_and_plain_text():
    data = breadcrumb_list([("Home", ""), ("Lean &amp; Quality", "services/lean/"), ("Big&nbsp;<span>Win</span>", "win/")], "https://x.org")
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "Home", "https://x.org/"), (2, "Lean & Quality", "https://x.org/services/lean/"), (3, "Big Win", "https://x.org/win/")]


@pytest.mark.parametrize("today, shown", [("2026-12-30", True), ("2026-12-31", True), ("2027-01-01", False)])
def test_banner_is_shown_through_its_end_date(today, shown):
    banner = active_banner({"text": "Webinar", "ends": "2026-12-31"}, datetime.date.fromisoformat(today))
    assert (banner is not None) is shown


def test_banner_errors_name_every_wrong_key():
    problems = validate({"BANNER": {"txt": "x", "ends": "31/12/2026"}}, lambda key: ("pelicanconf.py", 7))
    message = "\n".join(map(str, problems))
    assert "pelicanconf.py:7: BANNER: unknown key 'txt'" in message
    assert "BANNER: 'text': required" in message and "'ends': expected a date as YYYY-MM-DD, got '31/12/2026'" in message
    assert active_banner(None, datetime.date(2026, 1, 1)) is None


def test_build_date_follows_source_date_epoch_in_the_site_time_zone():
    # 2027-01-01 03:00 UTC is still December 31 in New York.
    epoch = str(int(datetime.datetime(2027, 1, 1, 3, tzinfo=TZ).timestamp()))
    assert build_date("America/New_York", {"SOURCE_DATE_EPOCH": epoch}) == datetime.date(2026, 12, 31)


def test_headers_file_per_host_and_meta_policy_without_header_only_directives():
    csp = {"default-src": "'self'", "frame-ancestors": "'none'"}
    netlify = headers_file(csp, {"X-Content-Type-Options": "nosniff"}, "/theme/assets")
    cloudflare = headers_file(csp, {}, "/theme/assets", host="cloudflare-pages")
    assert "/theme/assets/*\n  Cache-Control: public, max-age=31536000, immutable" in netlify
    assert "! Cache-Control" not in netlify and "/theme/assets/*\n  ! Cache-Control\n" in cloudflare
    assert policy(csp, for_meta=True) == "default-src 'self'"
    with pytest.raises(ContentError, match="HEADERS_HOST: unknown host 'vercel'"):
        headers_file(csp, {}, "/theme/assets", host="vercel")


def test_asset_urls_are_resolved_once_per_build():
    urls = AssetUrls(None)
    assert urls("css/site.css") == "theme/css/site.css" == urls("css/site.css")
    resolved = []
    urls._resolve = lambda source: resolved.append(source) or f"theme/assets/{source}"
    urls._urls.clear()
    for _ in range(3):
        urls("js/search.js")
    assert resolved == ["js/search.js"]
