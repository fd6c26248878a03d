"""The web package's layout rules: the shared data layer knows nothing of Flask, blueprint code
does not reach up into the app factory, and no module grows past 450 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "translator" / "web"
MODULES = sorted(WEB.rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module name ``path`` imports (at the top or inside functions)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def name(path: Path) -> str:
    return path.relative_to(WEB.parent.parent).as_posix()


@pytest.mark.parametrize("path", sorted((WEB / "data").glob("*.py")), ids=name)
def test_the_data_layer_imports_no_flask(path):
    flask = {n for n in imported(path) if n.split(".")[0] in ("flask", "flask_login", "flask_wtf")}
    web = {n for n in imported(path) if n.startswith("translator.web.")}
    assert flask == set(), f"{name(path)} imports {sorted(flask)}"
    assert all(n.startswith("translator.web.data") for n in web), f"{name(path)}: {sorted(web)}"


@pytest.mark.parametrize("path", MODULES, ids=name)
def test_nothing_below_the_factory_imports_it(path):
    if path == WEB / "__init__.py":
        return
    assert "translator.web.create_app" not in imported(path)
    assert not {n for n in imported(path) if n == "translator.web"}, name(path)


def test_no_module_is_over_450_lines():
    sizes = {name(path): len(path.read_text(encoding="utf-8").splitlines()) for path in MODULES}
    assert {module: size for module, size in sizes.items() if size > 450} == {}
    assert len(sizes) > 20  # the rule looked at the package, not at nothing
