"""
The apps form layers that point one way (docs/architecture.md): each imports only the apps
below it, and no import hides inside a function to dodge a cycle.

The one exception: a few heavy third-party libraries that only rare exports, commands and the
S3 probe use are imported where they are used, so that app servers start without them (issue 20;
tests/vksnd/test_startup_imports.py checks that they do). Never the project's own apps.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest
from importlinter.api import read_configuration
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parent.parent
CONFIG = read_configuration(str(ROOT / "pyproject.toml"))
PACKAGES = CONFIG["session_options"]["root_packages"]


def layers_contract() -> LayersContract:
    [options] = [c for c in CONFIG["contracts_options"] if c["type"] == "layers"]
    return LayersContract(
        name=options["name"], session_options=CONFIG["session_options"], contract_options=options
    )


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES)


def broken_imports(check) -> list[str]:
    return [
        f"{route['chain'][0]['importer']} -> {route['chain'][-1]['imported']}"
        for dependency in check.metadata.get("invalid_dependencies", [])
        for route in dependency["routes"]
    ]


def test_every_app_imports_only_the_layers_below_it(graph):
    check = layers_contract().check(graph, verbose=False)
    assert check.kept, broken_imports(check)


def test_the_layer_check_fails_on_a_deliberate_upward_import():
    upward = grimp.build_graph(*PACKAGES)
    upward.add_import(
        importer="cms.text", imported="vksnd.setup", line_number=1, line_contents="from vksnd import setup"
    )
    check = layers_contract().check(upward, verbose=False)
    assert not check.kept
    assert "cms.text -> vksnd.setup" in broken_imports(check)


DEFERRED_LIBRARIES = {"openpyxl", "docx", "holidays", "icalendar", "mammoth", "botocore"}


def deferred(node: ast.Import | ast.ImportFrom) -> bool:
    """An absolute import of nothing but the deferred libraries."""
    if isinstance(node, ast.ImportFrom):
        if node.level or not node.module:
            return False
        names = [node.module]
    else:
        names = [alias.name for alias in node.names]
    return all(name.split(".")[0] in DEFERRED_LIBRARIES for name in names)


def imports_in_functions(path: Path) -> list[str]:
    """Imports inside functions, except in an AppConfig's ready() (where models may be imported)
    and of the deferred heavy libraries."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if path.name == "apps.py" and node.name == "ready":
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import | ast.ImportFrom) and not deferred(inner):
                found.append(f"{path.relative_to(ROOT)}:{inner.lineno} in {node.name}()")
    return found


def test_no_import_hides_inside_a_function():
    sources = [
        p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts
    ]
    assert [hit for path in sources for hit in imports_in_functions(path)] == []


def test_only_third_party_libraries_may_be_deferred():
    assert not DEFERRED_LIBRARIES & {*PACKAGES, "settings", "tests", "bench"}
