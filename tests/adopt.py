"""Another center adopts the kit, as the README's "Adopt the kit" says: a copy of the project
with the identity block of pelicanconf.py replaced, every content file replaced by the new
center's own (its explainer, about, contact and 404 pages, its figures, its logo, and two
case studies started with `invoke new`), and one service line renamed. Everything here is
invented for the tests: "Pine State MEP" is no real center, and its figure no real figure.

`adopt(project)` does it in place; `python tests/adopt.py FOLDER` copies this project's files
(as git would check them out) into FOLDER and adopts it there."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "Pine State MEP"
IDENTITY = """# ---------------------------------------------------------------------------
# Center identity: the one block another MEP center edits to adopt the kit.
# Templates read every name, number, colour and address from here.
# ---------------------------------------------------------------------------
CENTER = {
    "name": "Pine State MEP",
    "long_name": "Pine State MEP, an invented Maine center",
    "state": "Maine",
    "phone": "207-555-0142",
    "url": "https://pine-state-mep.example",
    "tagline": "Helping Maine's manufacturers grow",
    "network": "MEP National Network",
}
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
BRAND = {"primary": "#1f5f3f", "accent": "#f0c14b", "logo": "images/pine-state-logo.svg"}
BANNER = None
SERVICE_LINES = {
    "Lean Manufacturing": "Less waste and shorter lead times on the shop floor.",
    "Workforce Development": "Training for operators, supervisors and leaders.",
    "Business Growth": "New markets and new products.",
}
HOME_FIGURES = ["pine-state-clients"]
EXPLAINER = "articles/what-the-mep-does.md"
NAVIGATION = [
    ("Home", ""),
    ("What the MEP does", "{filename}/" + EXPLAINER),
    ("Services", "services/"),
    ("Case Studies", "posts/"),
    ("About", "{filename}/pages/about.md"),
    ("Contact", "{filename}/pages/contact.md"),
    ("Search", "search/"),
]
ADMIN_SAVE_AS = ""

"""
SUMMARY = "An invented {what}: the kit's adoption test writes it for a center that does not exist."
CONTENT = {
    "articles/what-the-mep-does.md": "Title: What the MEP Does\nDate: 2026-03-02\nSummary: "
    + SUMMARY.format(what="explainer")
    + "\n\nThe MEP helps small and medium-sized manufacturers. Pine State MEP served [[figure: pine-state-clients]] of them.\n\n"
    "[[callout: pine-state-clients]]\n",
    "pages/about.md": "Title: About Pine State MEP\nSlug: about\nSummary: "
    + SUMMARY.format(what="about page")
    + "\n\nAn invented center.\n",
    "pages/contact.md": "Title: Contact Pine State MEP\nSlug: contact\nTemplate: contact\nSummary: "
    + SUMMARY.format(what="contact page")
    + "\n\nCall or write to the invented team.\n",
    "pages/404.md": "Title: Page not found\nSlug: 404\nSave_as: 404.html\nStatus: hidden\nTemplate: 404\nSummary: "
    + SUMMARY.format(what="page for addresses that lead nowhere")
    + "\n\nThis page is not here. Try the home page.\n",
    "data/figures.toml": '[sources.pine-state]\npublisher = "Pine State MEP"\ntitle = "Client survey (invented for the kit\'s adoption test)"\n\n'
    '[figures.pine-state-clients]\nvalue = 85\nunit = "manufacturers"\nlabel = "manufacturers served"\nfiscal_year = 2025\n'
    'scope = "center"\nsource = "pine-state"\n',
    "images/pine-state-logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">'
    '<title>Pine State MEP</title><path d="M20 4 8 36h24z" fill="#1f5f3f"/><rect x="44" y="14" width="70" height="12" fill="#1f5f3f"/></svg>\n',
}
CASE_STUDIES = {
    "Harbor Gearworks": (
        "Lean Manufacturing",
        "Harbor Gearworks Shortens Its Lead Times",
        "A shop of the invented center moved its first inspection forward.",
    ),
    "Kennebec Composites": (
        "Workforce Development",
        "Kennebec Composites Trains Its Supervisors",
        "Supervisors of an invented shop learned to coach.",
    ),
}


def invoke(project: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "invoke", *args], cwd=project, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"invoke {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


def adopt(project: Path) -> None:
    """Adopt the kit in ``project`` for Pine State MEP (see the module)."""
    conf = project / "pelicanconf.py"
    text = conf.read_text(encoding="utf-8")
    start = text.index(
        "# ---------------------------------------------------------------------------\n# Center identity"
    )
    end = text.index(
        "# ---------------------------------------------------------------------------\n# End of the center identity"
    )
    conf.write_text(text[:start] + IDENTITY + text[end:], encoding="utf-8")
    shutil.rmtree(project / "content")
    for relative, body in CONTENT.items():
        path = project / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    for client, (service, title, story) in CASE_STUDIES.items():
        created = Path(
            invoke(project, "new", "--kind", "case-study", client).stdout.strip().splitlines()[-1].split()[0]
        )
        path = project / created if not created.is_absolute() else created
        draft = path.read_text(encoding="utf-8")
        head, _ = draft.split("\n\n", 1)
        head = re.sub(r"^Title: .*$", f"Title: {title}", head, flags=re.M)
        head = re.sub(r"^Services: .*$", f"Services: {service}", head, flags=re.M)
        head = re.sub(r"^Summary: .*$", "Summary: " + SUMMARY.format(what="case study"), head, flags=re.M)
        head = re.sub(r"^Status: draft\n?", "", head, flags=re.M)
        path.write_text(head.rstrip("\n") + "\n\n" + story + "\n", encoding="utf-8")


def checkout(folder: Path) -> Path:
    """This project's files as a clone of it holds them (git's tracked files, as they are now)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    return folder


if __name__ == "__main__":
    target = Path(sys.argv[1]).resolve()
    adopt(checkout(target))
    print(f"adopted for {NAME} in {target}")
