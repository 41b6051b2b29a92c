"""
Every package the code imports is declared: the apps' imports in pyproject.toml's
dependencies (what a host site installs with the wheel), the reference settings' in the
`deploy` extra, the tests' in `dev`; and the locks pin every declared package with hashes.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
APPS = [
    "cms",
    "exemplar_pages",
    "media",
    "workflows",
    "emulation",
    "content_api",
    "partners",
    "translations",
    "public_site",
    "engagement",
    "vksnd",
]
LOCAL = {*APPS, "settings", "tests", "bench", "manage"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(*extras: str) -> set[str]:
    requirements = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        requirements += PYPROJECT["project"]["optional-dependencies"][extra]
    return {normalise(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0]) for requirement in requirements}


def optional_imports(tree: ast.AST) -> set[int]:
    """Imports inside `try: … except ImportError:` — used when present, never required."""
    guarded = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
            isinstance(handler.type, ast.Name) and handler.type.id in ("ImportError", "ModuleNotFoundError")
            for handler in node.handlers
        ):
            guarded |= {id(inner) for statement in node.body for inner in ast.walk(statement)}
    return guarded


def imported_distributions(folders: list[str]) -> dict[str, set[str]]:
    """Distribution -> the files that import it (standard library and the project left out)."""
    owners = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            optional = optional_imports(tree)
            for node in ast.walk(tree):
                if id(node) in optional:
                    continue
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split(".")[0]
                    if top in sys.stdlib_module_names or top in LOCAL or top == "__future__":
                        continue
                    for distribution in owners.get(top, [f"<no distribution provides {top}>"]):
                        found.setdefault(normalise(distribution), set()).add(str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize(
    ("folders", "extras"),
    [(APPS, ()), (["settings"], ("deploy",)), (["tests", "bench"], ("deploy", "dev"))],
    ids=["the apps", "the reference settings", "the tests and the benchmark"],
)
def test_every_imported_package_is_declared(folders, extras):
    undeclared = {
        distribution: sorted(files)
        for distribution, files in imported_distributions(folders).items()
        if distribution not in declared(*extras)
    }
    assert undeclared == {}


def locked(path: Path) -> dict[str, bool]:
    """Package -> whether every pin of the lock file carries hashes."""
    text = path.read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==\S+((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})*)", text, re.M)
    return {normalise(name): bool(hashes) for name, hashes in pins}


@pytest.mark.parametrize(
    ("lock", "extras"), [("requirements.txt", ("deploy",)), ("requirements-dev.txt", ("deploy", "dev"))]
)
def test_the_locks_pin_every_declared_package_with_hashes(lock, extras):
    pins = locked(ROOT / lock)
    assert declared(*extras) <= set(pins)
    assert all(pins.values()), [name for name, hashed in pins.items() if not hashed]
