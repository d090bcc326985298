"""The built site's /admin/: the editor's files, never indexed, searched or in the sitemap,
its own header rule, and the public pages' policy unchanged."""

from __future__ import annotations

import json

import pytest

from mep_kit.outputs import editor as admin
from mep_kit.outputs.headers import CONTENT_SECURITY_POLICY, policy

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory):
    """The shipped site built for production with the editor turned on (it is off until a
    center sets it up)."""
    from support import PRODUCTION_URL, build, copy_project

    project = copy_project(tmp_path_factory.mktemp("admin") / "site")
    with open(project / "publishconf.py", "a") as conf:  # the settings file the build reads
        conf.write('\nADMIN_SAVE_AS = "admin"\n')
    return build(project / "publishconf.py", project / "output", content=project / "content", siteurl=PRODUCTION_URL)


def test_the_editor_is_off_until_the_center_turns_it_on(fixture_prod):
    assert not (fixture_prod.output / "admin").exists()
    assert "/admin/*" not in (fixture_prod.output / "_headers").read_text()


def test_the_editor_is_served_from_the_site_and_kept_out_of_search_and_the_sitemap(admin_site):
    page = admin_site.soup("admin/index.html")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert page.find(attrs={"data-pagefind-body": True}) is None
    scripts = page.find_all("script")
    assert [s["src"] for s in scripts] == [admin.BUNDLE, admin.FORMAT_SCRIPT]
    assert all(not s.string for s in scripts), "no inline script"
    for name in scripts:
        assert (admin_site.output / "admin" / name["src"]).stat().st_size > 0
    assert (admin_site.output / "admin" / admin.BUNDLE).read_bytes() == (admin.VENDORED / admin.BUNDLE).read_bytes()
    # Its own stylesheet, and the landmark and heading Decap's login screen lacks.
    assert (
        page.find("link", rel="stylesheet")["href"] == admin.STYLESHEET
        and (admin_site.output / "admin" / admin.STYLESHEET).is_file()
    )
    assert (
        page.find(attrs={"role": "main"}).find(id="nc-root") is not None
        and page.find("h1").get_text() == "Edit Fixture MEP"
    )
    config = json.loads((admin_site.output / "admin" / "config.yml").read_text())
    assert {c["name"] for c in config["collections"]} == {"case-studies", "articles", "pages", "events"}
    assert "/admin" not in (admin_site.output / "sitemap.xml").read_text()
    # Pagefind indexes only pages marked data-pagefind-body once the site marks any.
    assert any(p.find(attrs={"data-pagefind-body": True}) for p in admin_site.pages().values())


def test_the_public_policy_is_unchanged_and_admin_has_its_own_rule(admin_site):
    headers = (admin_site.output / "_headers").read_text()
    public, _, rule = headers.partition("/admin/*\n")
    assert f"Content-Security-Policy: {policy(CONTENT_SECURITY_POLICY)}" in public
    assert "'unsafe-eval'" in rule and "'unsafe-eval'" not in public
    home = admin_site.soup("index.html")
    assert "'unsafe-eval'" not in home.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def test_the_editor_previews_in_the_sites_stylesheet_and_no_page_may_take_its_address(tmp_path):
    from bs4 import BeautifulSoup

    from mep_kit.tools.check import run_check
    from support import copy_project, run_pelican

    project = copy_project(tmp_path / "site")
    for settings in ("publishconf.py", "pelicanconf.py"):  # what the build and the check read
        with open(project / settings, "a") as conf:
            conf.write('\nADMIN_SAVE_AS = "admin"\n')
    result = run_pelican(project / "publishconf.py", tmp_path / "out", content=project / "content")
    assert result.returncode == 0, result.stderr
    script = BeautifulSoup((tmp_path / "out" / "admin" / "index.html").read_text(), "html.parser").find(
        "script", attrs={"data-preview-style": True}
    )
    stylesheet = script["data-preview-style"]
    assert stylesheet.endswith(".css") and (tmp_path / "out" / stylesheet.split("/", 3)[3]).is_file()
    (project / "content" / "pages" / "admin.md").write_text("Title: Admin\nSlug: admin\n\nText.\n")
    problems = run_check(project / "pelicanconf.py", root=project).problems
    assert [(p.path, p.message.split(" collides")[0]) for p in problems] == [
        ("content/pages/admin.md", "output path 'admin/index.html'")
    ]


def test_the_preview_shells_are_the_themes_own_markup_around_placeholder_fields(admin_site):
    """admin/index.html holds, per collection, the <main> of the page template that kind is
    built with, rendered around tokens (mep_kit.outputs.editor_preview): the preview's markup is the theme's."""
    from bs4 import BeautifulSoup

    from mep_kit.outputs.editor_preview import token

    page = admin_site.soup("admin/index.html")
    # (a template's own parse: BeautifulSoup leaves the text inside <template> out of get_text)
    shells = {
        t["data-preview-collection"]: BeautifulSoup(t.decode_contents(), "html.parser")
        for t in page.find_all("template")
    }
    assert set(shells) == {"case-studies", "articles", "pages"}
    case = shells["case-studies"]
    article = case.select_one("main.site-main > article.post.post--case-study")
    assert article.select_one("h1.post__title").get_text() == token("title")
    assert article.select_one(".post__lead p").get_text() == token("summary")
    assert article.select_one(".post__body.prose").get_text().strip() == token("body")
    assert article.select_one("img.post__logo")["src"] == token("logo")
    assert [li.get_text() for li in article.select(".post__facts .inline-list li")] == [token("services")] * 2 + [
        token("tags")
    ] * 2
    # A built case study has the same structure around its fields.
    built = admin_site.soup("alpha/index.html").select_one("main.site-main > article.post.post--case-study")
    for selector in (
        "header.post__header > h1.post__title",
        "dl.post__facts",
        ".post__lead > p",
        ".post__body.prose",
        ".contact-block",
    ):
        assert article.select_one(selector) is not None and built.select_one(selector) is not None, selector
    assert shells["articles"].select_one("article.post h1.post__title").get_text() == token("title")
    assert shells["pages"].select_one("article.page h1.page-title").get_text() == token("title")
    assert not page.select("template script"), "no script in the shells"
    assert "data-pagefind" not in str(page), "nothing in the shells marks the editor's page for search"
