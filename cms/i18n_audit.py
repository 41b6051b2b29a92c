"""
Audit of the admin's Vietnamese: which Wagtail and wagtail-localize messages lack a
translation, whether translations keep their placeholders, and glossary consistency.

Used by `manage.py translation_gaps` (after a Wagtail upgrade) and by the i18n tests.
Run directly on files while translating: `python -m cms.i18n_audit cms/locale/vi/sources/...po`.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

from cms.catalogs import catalogue_sources

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "locale" / "vi" / "sources"
GLOSSARY = ROOT / "docs" / "glossary-vi.md"

# (package, domain): the catalogues of every interface our users see.
TARGET_CATALOGUES = [
    ("wagtail", "django"),
    ("wagtail.admin", "django"),
    ("wagtail.admin", "djangojs"),
    ("wagtail.users", "django"),
    ("wagtail.images", "django"),
    ("wagtail.documents", "django"),
    ("wagtail.snippets", "django"),
    ("wagtail.sites", "django"),
    ("wagtail.locales", "django"),
    ("wagtail.search", "django"),
    ("wagtail.embeds", "django"),
    ("wagtail.contrib.settings", "django"),
    ("wagtail.contrib.redirects", "django"),
    ("wagtail_localize", "django"),
    ("wagtail_localize", "djangojs"),
    ("wagtail_localize.locales", "django"),
]

PLACEHOLDER_RE = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-zA-Z_][a-zA-Z0-9_]*\}|\{\d*\}")
TAG_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")

Key = tuple[str | None, str]


def package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    assert spec and spec.submodule_search_locations, package
    return Path(next(iter(spec.submodule_search_locations)))


def english_entries(package: str, domain: str) -> list[polib.POEntry]:
    path = package_dir(package) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    return [e for e in polib.pofile(str(path)) if not e.obsolete and e.msgid]


def _translation(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, "") if entry.msgstr_plural else ""
    return entry.msgstr


def _translated(entries) -> dict[Key, str]:
    return {
        (e.msgctxt, e.msgid): _translation(e)
        for e in entries
        if not e.obsolete and "fuzzy" not in e.flags and _translation(e)
    }


def package_translations(package: str, domain: str) -> dict[Key, str]:
    path = package_dir(package) / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"
    return _translated(polib.pofile(str(path))) if path.exists() else {}


def project_translations(domain: str) -> dict[Key, str]:
    result: dict[Key, str] = {}
    for path in catalogue_sources(SOURCES.parent, domain):
        result.update(_translated(polib.pofile(str(path))))
    return result


def effective_translation(package: str, domain: str) -> dict[Key, str]:
    """What users see: the project's catalogue wins over the package's."""
    return {**package_translations(package, domain), **project_translations(domain)}


@dataclass
class Problem:
    """One message that is missing, breaks a placeholder or the glossary."""

    where: str
    msgid: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}: {self.msgid[:90]!r}"


def missing_translations() -> list[Problem]:
    problems = []
    for package, domain in TARGET_CATALOGUES:
        done = effective_translation(package, domain)
        for entry in english_entries(package, domain):
            if (entry.msgctxt, entry.msgid) not in done:
                problems.append(Problem(f"{package} ({domain})", entry.msgid, "no Vietnamese translation"))
    return problems


def placeholder_problems(msgid: str, msgstr: str, msgid_plural: str = "") -> list[str]:
    """
    Placeholders and tags a translation lost or invented. Vietnamese has one plural form,
    shown for every count, so a plural entry's translation may follow either English form
    ("Delete 1 page" / "Delete %(counter)s pages" -> "Xóa %(counter)s trang").
    """
    sources = [msgid, msgid_plural] if msgid_plural else [msgid]
    reasons = []
    if all(sorted(PLACEHOLDER_RE.findall(s)) != sorted(PLACEHOLDER_RE.findall(msgstr)) for s in sources):
        reasons.append("placeholders differ")
    if all(sorted(TAG_RE.findall(s)) != sorted(TAG_RE.findall(msgstr)) for s in sources):
        reasons.append("HTML tags differ")
    return reasons


@dataclass
class GlossaryTerm:
    english: list[str]
    vietnamese: list[str]
    avoid: list[str]


def glossary_terms(path: Path = GLOSSARY) -> list[GlossaryTerm]:
    """The first table of the glossary: | English | Vietnamese | avoid | notes |."""
    terms = []
    in_table = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("| English |"):
            in_table = True
            continue
        if in_table and not line.startswith("|"):
            break
        if in_table and not line.startswith("| ---"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            terms.append(
                GlossaryTerm(
                    english=[w.strip().lower() for w in cells[0].split(",") if w.strip()],
                    vietnamese=[w.strip().lower() for w in cells[1].split(" / ") if w.strip()],
                    avoid=[w.strip().lower() for w in cells[2].split(",") if w.strip()],
                )
            )
    return terms


def glossary_problems(msgid: str, msgstr: str, terms: list[GlossaryTerm]) -> list[str]:
    reasons = []
    # Placeholder names ("{locale}", "%(page_title)s") are not words of the message.
    source = PLACEHOLDER_RE.sub(" ", msgid).lower()
    target = PLACEHOLDER_RE.sub(" ", msgstr).lower()
    for term in terms:
        for avoided in term.avoid:
            if avoided in target:
                reasons.append(f"avoid {avoided!r}")
        if any(re.search(rf"\b{re.escape(word)}\b", source) for word in term.english) and not any(
            vi in target for vi in term.vietnamese
        ):
            reasons.append(f"{term.english[0]!r} should read {' / '.join(term.vietnamese)!r}")
    return reasons


def file_problems(path: Path, terms: list[GlossaryTerm] | None = None) -> list[Problem]:
    """Placeholder, tag and glossary problems of the translated entries of one .po file."""
    terms = glossary_terms() if terms is None else terms
    problems = []
    for entry in polib.pofile(str(path)):
        msgstr = _translation(entry)
        if entry.obsolete or not msgstr:
            continue
        reasons = placeholder_problems(entry.msgid, msgstr, entry.msgid_plural)
        reasons += glossary_problems(entry.msgid, msgstr, terms)
        problems.extend(Problem(path.name, entry.msgid, reason) for reason in reasons)
    return problems


if __name__ == "__main__":
    glossary = glossary_terms()
    total = 0
    for name in sys.argv[1:]:
        untranslated = [e.msgid for e in polib.pofile(name) if not e.obsolete and not _translation(e)]
        found = file_problems(Path(name), glossary)
        total += len(found) + len(untranslated)
        for problem in found:
            print(problem)
        for msgid in untranslated:
            print(f"{Path(name).name}: untranslated: {msgid[:90]!r}")
    print(f"{total} problem(s)")
    sys.exit(1 if total else 0)
