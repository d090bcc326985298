"""The editor's configuration is made from the content schema and the settings alone."""

from __future__ import annotations

import re

from mep_kit.content import schema
from mep_kit.outputs import editor as admin
from mep_kit.outputs.headers import CONTENT_SECURITY_POLICY, headers_file, policy

SETTINGS = {"SERVICE_LINES": {"Lean Manufacturing": "", "Quality Systems": ""}, "SITEURL": ""}


def fields_of(config: dict, folder: str) -> dict[str, dict]:
    found = next(c for c in config["collections"] if c["name"] == folder)
    return {field["name"]: field for field in found["fields"]}


def test_every_content_folder_is_a_collection_with_every_schema_field_and_its_required_flag():
    config = admin.cms_config(SETTINGS)
    assert [c["folder"] for c in config["collections"]] == [f"content/{folder}" for folder in schema.KINDS]
    for folder, kind in schema.KINDS.items():
        fields = fields_of(config, folder)
        assert set(fields) == set(schema.SCHEMAS[kind].fields) | {"body"}
        for name, spec in schema.SCHEMAS[kind].fields.items():
            assert fields[name]["required"] is spec.required, name


def test_a_field_added_to_the_schema_appears_in_the_editor():
    schemas = dict(schema.SCHEMAS)
    case = schemas["case-study"]
    schemas["case-study"] = schema.Schema(
        case.name, {**case.fields, "plant_location": schema.Field("text", required=True)}
    )
    fields = fields_of(admin.cms_config(SETTINGS, schemas=schemas), "case-studies")
    assert fields["plant_location"]["required"] is True and fields["plant_location"]["widget"] == "string"
    assert "plant_location" not in fields_of(admin.cms_config(SETTINGS), "case-studies")


def test_services_can_only_be_the_centers_service_lines():
    services = fields_of(admin.cms_config(SETTINGS), "case-studies")["services"]
    assert services["widget"] == "select" and services["multiple"] is True
    assert services["options"] == list(SETTINGS["SERVICE_LINES"])


def test_the_summary_pattern_is_the_schemas_length():
    pattern, message = fields_of(admin.cms_config(SETTINGS), "articles")["summary"]["pattern"]
    low, high = schema.SUMMARY_LENGTH
    for length, allowed in ((low - 1, False), (low, True), (high, True), (high + 1, False)):
        assert bool(re.fullmatch(pattern, "x" * length)) is allowed, length
    assert f"{low} to {high}" in message


def test_status_is_draft_or_published_and_new_entries_are_drafts():
    status = fields_of(admin.cms_config(SETTINGS), "pages")["status"]
    assert status["options"] == [{"label": "Draft", "value": "draft"}, {"label": "Published", "value": "published"}]
    assert status["default"] == "draft"


def test_the_body_hint_names_the_figure_keys_and_images_go_to_content_images():
    config = admin.cms_config(SETTINGS, ["center-sales", "center-jobs"])
    assert "center-sales, center-jobs" in fields_of(config, "case-studies")["body"]["hint"]
    assert config["media_folder"] == "content/images" and config["public_folder"] == "/images"
    assert all(c["format"] == admin.FORMAT and c["extension"] == "md" for c in config["collections"])


def test_the_editor_writes_fields_in_the_order_invoke_new_writes_them():
    draft = schema.SCHEMAS["case-study"]
    order = admin.field_order()
    assert order[: len(admin.DRAFT_ORDER)] == list(admin.DRAFT_ORDER)
    assert set(draft.fields) <= set(order)


def test_the_editor_rule_replaces_the_policy_only_under_admin():
    public = headers_file(CONTENT_SECURITY_POLICY, {}, "/theme/assets")
    netlify = admin.headers_rule("admin", "netlify")
    assert netlify.startswith("/admin/*\n") and "! Content-Security-Policy" not in netlify
    assert "! Content-Security-Policy" in admin.headers_rule("admin", "cloudflare-pages")
    assert f"Content-Security-Policy: {policy(CONTENT_SECURITY_POLICY)}" in public
    local = admin.admin_policy({"ADMIN_LOCAL_BACKEND": "http://localhost:9000/api/v1"})
    assert (
        "http://localhost:9000" in local["connect-src"] and "'unsafe-eval'" not in CONTENT_SECURITY_POLICY["script-src"]
    )


def test_the_publish_mode_and_the_branch_drafts_are_merged_into_come_from_the_settings():
    assert "publish_mode" not in admin.cms_config(SETTINGS)
    config = admin.cms_config(
        {
            **SETTINGS,
            "ADMIN_PUBLISH_MODE": "editorial_workflow",
            "ADMIN_BACKEND": {"name": "github", "repo": "center/site", "branch": "live"},
        }
    )
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github", "repo": "center/site", "branch": "live"}


def test_the_editor_page_wraps_decap_in_a_landmark_with_a_heading_and_carries_the_preview_shells():
    page = admin.index_html(
        "Center & Co", previews={"case-studies": '<main class="site-main"><h1>mep-preview-title</h1></main>'}
    )
    assert (
        '<div class="admin" role="main">\n<h1 class="admin__title">Edit Center &amp; Co</h1>\n<div id="nc-root"></div>\n</div>'
        in page
    )
    assert '<template data-preview-collection="case-studies"><main class="site-main">' in page
    assert page.index("<template") < page.index(admin.BUNDLE) < page.index(admin.FORMAT_SCRIPT)
    assert f'<link rel="stylesheet" href="{admin.STYLESHEET}">' in page


def test_a_preview_shell_is_the_templates_main_with_tokens_and_no_search_markers():
    from bs4 import BeautifulSoup
    from jinja2 import DictLoader, Environment

    from mep_kit.outputs.editor_preview import preview_shells, token

    env = Environment(
        loader=DictLoader(
            {
                "article.html": '<body><nav>Menu</nav><main class="site-main"><article class="post" data-pagefind-body>'
                '<h1 class="post__title">{{ article.title }}</h1><time datetime="{{ article.date.strftime(\'%Y-%m-%d\') }}">'
                '{{ article.locale_date }}</time>{{ image_picture(article, "cover", "page", SITEURL, css_class="post__cover") }}'
                "<ul>{% for tag in article.tags %}<li>{{ tag.name }}</li>{% endfor %}</ul>"
                "{% if article.related_posts %}<aside>Related</aside>{% endif %}"
                '<div class="prose">{{ article.content }}</div></article></main></body>',
            }
        ),
        autoescape=True,
    )
    shells = preview_shells(env, {"SITEURL": ""})
    assert set(shells) == {"articles"}, "a theme without a kind's template leaves that kind to Decap's preview"
    shell = shells["articles"]
    assert shell.startswith(
        '<main class="site-main"><article class="post"><h1 class="post__title">mep-preview-title</h1>'
    )
    assert f'<time datetime="{token("date")}">{token("locale_date")}</time>' in shell
    img = BeautifulSoup(shell, "html.parser").find("img")
    assert img.attrs == {"alt": token("cover_alt"), "class": ["post__cover"], "src": token("cover")}
    assert shell.count(f"<li>{token('tags')}</li>") == 2 and "Related" not in shell and "Menu" not in shell
    assert f'<div class="prose">{token("body")}</div>' in shell and "pagefind" not in shell


def test_the_events_collection_picks_times_formats_and_checks_addresses_and_prices():
    fields = fields_of(admin.cms_config(SETTINGS), "events")
    for name in ("start", "end"):
        assert (
            fields[name]["widget"] == "datetime"
            and fields[name]["format"] == "YYYY-MM-DD HH:mm"
            and fields[name]["required"] is True
        )
        assert fields[name]["picker_utc"] is False, "the time as picked, in the site's zone"
    assert fields["format"]["widget"] == "select" and fields["format"]["required"] is True
    assert [option["value"] for option in fields["format"]["options"]] == ["online", "in person", "hybrid"]
    pattern, _ = fields["registration"]["pattern"]
    assert re.match(pattern, "https://example.org/register") and not re.match(pattern, "http://example.org/register")
    pattern, _ = fields["price"]["pattern"]
    assert [bool(re.match(pattern, value)) for value in ("0", "25", "149.50", "1,200", "$25", "25 dollars")] == [
        True
    ] * 4 + [False] * 2
    assert fields["services"]["options"] == list(SETTINGS["SERVICE_LINES"]) and fields["services"]["min"] == 0, (
        "optional for an event"
    )
    order = admin.field_order()
    assert (
        order.index("start") < order.index("end") < order.index("format") < order.index("price") < order.index("status")
    )


def test_the_editor_speaks_the_sites_language():
    """Decap's own interface in its Spanish, and the kit's labels, hints and choices from the
    catalog; the values written to the files stay the schema's."""
    english, spanish = admin.cms_config(SETTINGS), admin.cms_config({**SETTINGS, "DEFAULT_LANG": "es"}, ["center-jobs"])
    assert (english["locale"], spanish["locale"]) == ("en", "es")
    studies = next(c for c in spanish["collections"] if c["name"] == "case-studies")
    assert (studies["label"], studies["label_singular"]) == ("Casos de éxito", "Caso de éxito")
    fields = fields_of(spanish, "case-studies")
    assert (fields["title"]["label"], fields["client"]["label"], fields["body"]["label"]) == (
        "Título",
        "Cliente",
        "Cuerpo",
    )
    assert fields["status"]["options"] == [
        {"label": "Borrador", "value": "draft"},
        {"label": "Publicado", "value": "published"},
    ]
    assert fields["summary"]["pattern"][1].startswith("De 50 a 160 caracteres")
    assert fields["body"]["hint"].endswith("Claves: center-jobs")
    events = fields_of(spanish, "events")
    assert [option["label"] for option in events["format"]["options"]] == [
        "En línea",
        "Presencial",
        "Presencial y en línea",
    ]
    page = admin.index_html("Centro Norte", language=admin.language_of("es"))
    assert '<html lang="es">' in page and "<title>Editar Centro Norte</title>" in page and 'data-lang="es"' in page
