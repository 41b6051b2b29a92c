"""Wagtail's interface is completely Vietnamese, placeholders intact, glossary followed."""

from pathlib import Path

import polib
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

import cms.i18n_audit as audit
from cms.catalogs import catalogue_sources, merge
from cms.i18n_audit import (
    SOURCES,
    TARGET_CATALOGUES,
    english_entries,
    file_problems,
    glossary_problems,
    glossary_terms,
    missing_translations,
    placeholder_problems,
)

CATALOGUE_FILES = sorted(SOURCES.glob("*/*.po")) + sorted((SOURCES.parent / "LC_MESSAGES").glob("*.po"))


def test_every_wagtail_message_our_users_see_has_a_vietnamese_translation():
    problems = missing_translations()
    assert problems == [], "\n".join(map(str, problems[:30]))


def test_the_audit_covers_the_apps_the_issue_names():
    packages = {package for package, _domain in TARGET_CATALOGUES}
    assert {
        "wagtail",
        "wagtail.admin",
        "wagtail.users",
        "wagtail.images",
        "wagtail.documents",
        "wagtail.snippets",
        "wagtail.sites",
        "wagtail.locales",
        "wagtail.search",
        "wagtail.embeds",
        "wagtail.contrib.settings",
        "wagtail.contrib.redirects",
        "wagtail_localize",
    } <= packages
    assert ("wagtail.admin", "djangojs") in TARGET_CATALOGUES
    assert ("wagtail_localize", "djangojs") in TARGET_CATALOGUES
    assert sum(len(english_entries(p, d)) for p, d in TARGET_CATALOGUES) > 1500


@pytest.mark.parametrize("path", CATALOGUE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_translations_keep_placeholders_and_tags_and_follow_the_glossary(path: Path):
    problems = file_problems(path)
    assert problems == [], "\n".join(map(str, problems[:30]))


def test_the_placeholder_check_catches_a_lost_placeholder_and_a_lost_tag():
    assert placeholder_problems("Delete %(title)s", "Xóa trang") == ["placeholders differ"]
    assert placeholder_problems('<a href="%(url)s">Edit</a>', "%(url)s Sửa") == ["HTML tags differ"]
    assert placeholder_problems("Delete 1 page", "Xóa %(counter)s trang", "Delete %(counter)s pages") == []


def test_the_glossary_check_catches_an_avoided_term_and_a_missing_one():
    terms = glossary_terms()
    assert "avoid 'xoá'" in glossary_problems("Delete", "Xoá", terms)
    assert any("'workflow'" in r for r in glossary_problems("Workflow", "Luồng công việc", terms))
    assert glossary_problems("Workflow", "Quy trình duyệt", terms) == []


def test_no_catalogue_contradicts_another_once_merged():
    for domain in ("django", "djangojs"):
        merged = merge(catalogue_sources(SOURCES.parent, domain))
        keys = [(e.msgctxt, e.msgid) for e in merged]
        assert len(keys) == len(set(keys))


def test_the_compiled_catalogue_is_what_django_uses():
    with translation.override("vi"):
        assert translation.gettext("Save draft") == "Lưu bản nháp"
        assert translation.gettext("Sign in to Wagtail") == "Đăng nhập hệ thống quản trị"
        assert translation.gettext("Workflows") == "Quy trình duyệt"


def test_the_translation_gaps_command_reports_success(capsys):
    call_command("translation_gaps")
    assert "Every admin message has a Vietnamese translation." in capsys.readouterr().out


def test_the_translation_gaps_command_fails_when_a_message_is_missing(monkeypatch, tmp_path):
    fake = tmp_path / "django.po"
    po = polib.POFile()
    po.append(polib.POEntry(msgid="A brand new Wagtail message", msgstr=""))
    po.save(str(fake))
    real = audit.english_entries
    monkeypatch.setattr(
        audit,
        "english_entries",
        lambda package, domain: real(package, domain) + (list(po) if package == "wagtail" else []),
    )
    monkeypatch.setattr(
        "cms.management.commands.translation_gaps.missing_translations", audit.missing_translations
    )
    with pytest.raises(CommandError, match="1 message"):
        call_command("translation_gaps")
