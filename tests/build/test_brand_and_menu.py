"""A center's brand and menu come from its settings: the palette, favicon, share cards and
logo from BRAND, checked for contrast; the menu from NAVIGATION, checked like a link."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image

from support import invoke

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40"><title>Pine State MEP</title>'
    '<rect width="40" height="40" rx="8" fill="#0b6e4f"/><rect x="50" y="14" width="64" height="12" fill="#0b6e4f"/></svg>'
)


def settings(project: Path, text: str) -> None:
    """Add ``text`` at the end of the project's development settings."""
    conf = project / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def line_of(project: Path, name: str) -> int:
    lines = (project / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    return max(number for number, line in enumerate(lines, 1) if line.startswith(f"{name} ="))


def test_a_brand_colour_with_too_little_contrast_is_refused_by_the_check_and_the_build(project):
    settings(project, 'BRAND = {"primary": "#ffd200"}')
    before = set(project.iterdir())
    for task in ("check", "preview"):
        result = invoke(project, task)
        log = result.stdout + result.stderr
        assert result.returncode != 0
        assert (
            f"pelicanconf.py:{line_of(project, 'BRAND')}: BRAND: 'primary' #ffd200: links: #ffd200 on #ffffff in the light scheme "
            "has a contrast of 1.45:1; expected at least 4.5:1 (WCAG AA)"
        ) in log, log
    assert not (project / "output").exists() and set(project.iterdir()) <= before | {project / ".cache"}


def test_the_brand_gives_the_palette_favicon_share_cards_and_header_logo(project):
    (project / "content" / "images").mkdir(exist_ok=True)
    (project / "content" / "images" / "pine-state-logo.svg").write_text(LOGO, encoding="utf-8")
    settings(project, 'BRAND = {"primary": "#0b6e4f", "accent": "#ffd27a", "logo": "images/pine-state-logo.svg"}')
    result = invoke(project, "preview")
    assert result.returncode == 0, result.stdout + result.stderr
    output = project / "output"
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    stylesheet = output / home.find("link", rel="stylesheet")["href"].split("/", 3)[-1]
    css = stylesheet.read_text(encoding="utf-8")
    assert css.index("--color-primary: #0b6e4f;") < css.index(".site-header"), (
        "the palette comes first, in the one stylesheet"
    )
    darker = re.search(r"--color-primary-darker: (#[0-9a-f]{6});", css).group(1)
    assert "--color-focus: #ffd27a;" in css
    assert f'fill="{darker}"' in (output / "favicon.svg").read_text(encoding="utf-8")
    with Image.open(output / "favicon.ico") as icon:
        assert icon.format == "ICO"
    logo = home.select_one(".site-header__name img.site-header__logo")
    assert logo is not None and logo["alt"] == "Fixture MEP" and logo["src"].endswith("/images/pine-state-logo.svg")
    card = home.find("meta", property="og:image")["content"].split("/", 3)[-1]
    with Image.open(output / card) as image:
        assert image.convert("RGB").getpixel((image.width - 5, 5)) == tuple(
            int(darker[i : i + 2], 16) for i in (1, 3, 5)
        ), "the card is drawn on the brand's deep colour"


def test_the_menu_follows_the_explainer_wherever_its_slug_puts_it(project):
    explainer = project / "content" / "articles" / "news.md"  # the fixture's EXPLAINER, its menu entry "News"
    text = explainer.read_text(encoding="utf-8")
    explainer.unlink()
    explainer.write_text(re.sub(r"^Slug: .*$", "Slug: how-the-mep-works", text, flags=re.M), encoding="utf-8")
    check = invoke(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    result = invoke(project, "preview")
    assert result.returncode == 0, result.stdout + result.stderr
    menu = BeautifulSoup((project / "output" / "index.html").read_text(encoding="utf-8"), "html.parser").select(
        ".site-nav__link"
    )
    explained = next(link for link in menu if link.get_text() == "News")
    assert (
        explained["href"].endswith("/how-the-mep-works/")
        and (project / "output" / "how-the-mep-works" / "index.html").is_file()
    )


def test_a_menu_entry_that_leads_nowhere_fails_the_check(project):
    settings(project, 'NAVIGATION = NAVIGATION + [("Old brochure", "brochure/"), ("Run", "javascript:alert(1)")]')
    result = invoke(project, "check")
    line = line_of(project, "NAVIGATION")
    assert result.returncode == 1
    assert f"pelicanconf.py:{line}: NAVIGATION: 'Old brochure': nothing on the site at '/brochure/'" in result.stdout
    assert f"pelicanconf.py:{line}: NAVIGATION: 'Run': a 'javascript:' address is not allowed" in result.stdout
