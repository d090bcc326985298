"""The plugin's folders and the one way their imports run (README, "How it fits together"):
a module imports only from its own folder and from folders below it, at any depth of the
code (imports inside functions count too)."""

from __future__ import annotations

import ast

from support import ROOT

PLUGIN = ROOT / "plugins" / "mep_kit"
#: From the bottom up. "(top)" is the plugin's __init__.py, plugin.py, settings.py and conventions.py.
LAYERS = ["core", "languages", "content", "events", "images", "checks", "context", "outputs", "(top)", "tools"]


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (PLUGIN / parts[1]).is_dir() and parts[1] in LAYERS else "(top)"


def imports_between_layers() -> list[tuple[str, str]]:
    found = []
    for path in sorted(PLUGIN.rglob("*.py")):
        parts = list(path.relative_to(PLUGIN.parent).with_suffix("").parts)
        package = parts[:-1]
        module = ".".join(parts if parts[-1] != "__init__" else parts[:-1])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
                for alias in node.names:
                    name = f"{target}.{alias.name}"
                    is_module = (PLUGIN.parent / (name.replace(".", "/") + ".py")).exists() or (
                        PLUGIN.parent / name.replace(".", "/")
                    ).is_dir()
                    found.append((module, name if is_module else target))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mep_kit"):
                found.append((module, node.module))
    return found


def test_every_folder_of_the_plugin_is_a_layer():
    folders = {path.parent.name for path in PLUGIN.glob("*/__init__.py")}
    assert folders == set(LAYERS) - {"(top)"}


def test_imports_run_down_the_layers_only():
    upward = [
        f"{module} imports {target}"
        for module, target in imports_between_layers()
        if LAYERS.index(layer_of(target)) > LAYERS.index(layer_of(module))
    ]
    assert upward == []
