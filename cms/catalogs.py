"""
Compile the project's message catalogues to .mo files in pure Python.

For each language in cms/locale/ and each gettext domain (django, djangojs), the catalogues in
`locale/<lang>/sources/<domain>/*.po` (one per Wagtail package, completing the package's
own translations) and then `locale/<lang>/LC_MESSAGES/<domain>.po` (the project's own
overrides, which win) are merged into `locale/<lang>/LC_MESSAGES/<domain>.mo`.

Django's compilemessages needs GNU gettext's msgfmt, which a fresh machine lacks; polib (a
dependency of wagtail-localize) writes the same files.
"""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAINS = ("django", "djangojs")


def catalogue_sources(lang_dir: Path, domain: str) -> list[Path]:
    """The .po files merged into one domain's .mo, lowest precedence first."""
    sources = sorted((lang_dir / "sources" / domain).glob("*.po"))
    override = lang_dir / "LC_MESSAGES" / f"{domain}.po"
    return [*sources, override] if override.exists() else sources


def merge(sources: list[Path]) -> polib.POFile:
    merged = polib.POFile()
    index: dict[tuple[str | None, str], polib.POEntry] = {}
    for path in sources:
        catalogue = polib.pofile(str(path))
        merged.metadata = merged.metadata or catalogue.metadata
        for entry in catalogue.translated_entries():
            if "fuzzy" in entry.flags:
                continue
            key = (entry.msgctxt, entry.msgid)
            if key in index:
                merged.remove(index[key])
            index[key] = entry
            merged.append(entry)
    return merged


def compile_catalogues(locale_dir: Path = LOCALE_DIR, *, force: bool = False) -> list[Path]:
    """Write every .mo whose sources changed; returns the files written."""
    written = []
    for lang_dir in sorted(p for p in locale_dir.iterdir() if p.is_dir()):
        for domain in DOMAINS:
            sources = catalogue_sources(lang_dir, domain)
            if not sources:
                continue
            target = lang_dir / "LC_MESSAGES" / f"{domain}.mo"
            newest = max(p.stat().st_mtime for p in sources)
            if not force and target.exists() and target.stat().st_mtime >= newest:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            merge(sources).save_as_mofile(str(target))
            written.append(target)
    return written


if __name__ == "__main__":
    for path in compile_catalogues():
        print(f"compiled {path.relative_to(LOCALE_DIR.parent)}")
