"""The compiled catalogues in the repository are those their .po sources compile to."""

from __future__ import annotations

import pytest

from cms.catalogs import DOMAINS, LOCALE_DIR, catalogue_sources, merge

COMPILED = [
    (lang_dir, domain)
    for lang_dir in sorted(p for p in LOCALE_DIR.iterdir() if p.is_dir())
    for domain in DOMAINS
    if catalogue_sources(lang_dir, domain)
]


def test_every_language_has_its_compiled_catalogues():
    assert {(d.name, domain) for d, domain in COMPILED} >= {
        ("vi", "django"),
        ("vi", "djangojs"),
        ("en", "django"),
        ("en", "djangojs"),
    }


@pytest.mark.parametrize(("lang_dir", "domain"), COMPILED, ids=lambda v: getattr(v, "name", v))
def test_the_committed_mo_file_matches_its_sources(lang_dir, domain, tmp_path):
    compiled = lang_dir / "LC_MESSAGES" / f"{domain}.mo"
    fresh = tmp_path / "fresh.mo"
    merge(catalogue_sources(lang_dir, domain)).save_as_mofile(str(fresh))
    assert compiled.exists(), f"{compiled} is missing: run `make catalogs` and commit it"
    assert compiled.read_bytes() == fresh.read_bytes(), (
        f"{compiled} is stale: run `make catalogs` and commit it"
    )
