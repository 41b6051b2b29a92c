"""
The English catalogues as Django's `makemessages` would make them now, in a copy of the
project (so the committed catalogues are never touched by a test run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

from tests.helpers.services import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = Path("cms") / "locale" / "en" / "LC_MESSAGES"
# Not needed to extract messages, and large or private.
NOT_COPIED = (
    ".venv",
    ".git",
    "var",
    "node_modules",
    "__pycache__",
    ".hypothesis",
    ".pytest_cache",
    ".ruff_cache",
)


def is_translated(entry: polib.POEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def project_copy(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*NOT_COPIED))
    return target


def makemessages(project: Path, domains: tuple[str, ...] = ("django", "djangojs")) -> dict[str, polib.POFile]:
    """Run `manage.py makemessages -l en` in `project` for `domains`; the catalogues it leaves."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        skip_or_fail("needs GNU gettext (xgettext, msgmerge): apt-get install gettext")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings.dev"}
    env.pop("DATABASE_URL", None)
    for domain in domains:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "en", "-d", domain],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return {
        domain: polib.pofile(str(project / CATALOGUES / f"{domain}.po")) for domain in ("django", "djangojs")
    }


def committed(domain: str) -> polib.POFile:
    return polib.pofile(str(ROOT / CATALOGUES / f"{domain}.po"))


def keys(catalogue: polib.POFile) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in catalogue if not e.obsolete and e.msgid}
