"""
Every label, help text, message, e-mail and error of the project's own code exists in English.

The project's msgids are Vietnamese (the source language); cms/locale/en/LC_MESSAGES/django.po
translates them. Django's `makemessages` (with the project's defaults, cms/management/commands)
extracts them in a copy of the project, so a new string without its English translation fails
here. To fix such a failure: `make messages` adds the new msgids to the catalogue, then
translate them and `make catalogs`.
"""

from __future__ import annotations

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from cms.i18n_audit import placeholder_problems
from tests.factories import UnitFactory, UserFactory, prefer_language
from tests.helpers.makemessages import committed, is_translated, keys


def english_catalogue() -> polib.POFile:
    return committed("django")


# The catalogue is complete -------------------------------------------------------------------------


def test_every_message_of_the_project_has_an_english_translation(regenerated_catalogues):
    missing = [e for e in regenerated_catalogues["django"] if e.msgid and not is_translated(e)]
    listing = "\n".join(f"  {e.msgid!r}  ({', '.join(p for p, _ in e.occurrences)})" for e in missing[:50])
    assert missing == [], (
        f"{len(missing)} message(s) without an English translation; "
        f"run `make messages`, translate them and `make catalogs`:\n{listing}"
    )


def test_the_catalogue_holds_no_message_the_code_no_longer_uses(regenerated_catalogues):
    stale = keys(english_catalogue()) - keys(regenerated_catalogues["django"])
    assert stale == set(), "run `make messages` to drop:\n" + "\n".join(map(repr, sorted(stale, key=str)))


def test_the_project_has_hundreds_of_messages_in_python_and_in_templates(regenerated_catalogues):
    messages = [e for e in regenerated_catalogues["django"] if e.msgid]
    assert len(messages) > 500
    places = {path for e in messages for path, _line in e.occurrences}
    assert any(p.endswith(".py") for p in places)
    assert any("/templates/" in p and p.endswith(".txt") for p in places)  # the e-mails
    assert any("/templates/" in p and p.endswith(".html") for p in places)
    apps = {p.split("/")[0] for p in places}
    assert apps >= {"cms", "exemplar_pages", "workflows", "media", "content_api", "partners", "translations"}
    assert any(e.msgid_plural for e in messages)


def test_tests_migrations_and_the_virtualenv_hold_no_message_of_the_product(regenerated_catalogues):
    places = {path for e in regenerated_catalogues["django"] for path, _line in e.occurrences}
    assert not {part for place in places for part in place.split("/")} & {
        ".venv",
        "tests",
        "migrations",
        "bench",
        "docs",
    }


def test_the_catalogue_header_declares_english_plurals_in_utf8():
    metadata = english_catalogue().metadata
    assert metadata["Language"] == "en"
    assert metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert "charset=UTF-8" in metadata["Content-Type"]


def test_translations_keep_their_placeholders_and_tags():
    problems = []
    for entry in english_catalogue():
        if entry.obsolete or not is_translated(entry):
            continue
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for msgstr in forms:
            for reason in placeholder_problems(entry.msgid, msgstr, entry.msgid_plural):
                problems.append(f"{reason}: {entry.msgid!r} -> {msgstr!r}")
    assert problems == [], "\n".join(problems)


def test_the_placeholder_check_catches_a_lost_placeholder():
    assert placeholder_problems("Đã xóa webhook tới %(url)s.", "The webhook has been deleted.") == [
        "placeholders differ"
    ]
    assert placeholder_problems("Xóa %s", "Delete {name}") == ["placeholders differ"]


def test_the_compiled_english_catalogue_is_what_django_uses():
    with translation.override("en"):
        assert translation.gettext("Đơn vị đề xuất") == "Proposing unit"
        assert translation.gettext("Gương điển hình") == "Exemplars"
        assert translation.gettext("Save draft") == "Save draft"  # Wagtail's own English
    with translation.override("vi"):
        assert translation.gettext("Đơn vị đề xuất") == "Đơn vị đề xuất"


def test_counts_take_the_english_plural_and_stay_invariable_in_vietnamese():
    message = "Đã nhập %d bản dịch từ tệp PO."
    with translation.override("en"):
        assert translation.ngettext(message, message, 1) % 1 == "Imported 1 translation from the PO file."
        assert translation.ngettext(message, message, 3) % 3 == "Imported 3 translations from the PO file."
    with translation.override("vi"):
        assert translation.ngettext(message, message, 3) % 3 == "Đã nhập 3 bản dịch từ tệp PO."


# What an English-speaking editor sees ----------------------------------------------------------


@pytest.mark.django_db
def test_an_editor_who_chose_english_sees_the_units_listing_in_english(client):
    UnitFactory(code="VKS-BINHTHUAN", short_name="VKSND tỉnh Bình Thuận", is_contributing=True)
    client.force_login(prefer_language(UserFactory(username="english", is_superuser=True), "en"))

    # The directory has more than a page of units: look Bình Thuận up.
    html = client.get(reverse("wagtailsnippets_cms_unit:list"), {"q": "Bình Thuận"}).content.decode()

    assert 'lang="en"' in html
    assert "Proposing unit" in html  # a column of the project's own listing
    assert "Add unit" in html  # Wagtail's own string around the project's verbose name
    assert "VKSND tỉnh Bình Thuận" in html  # content stays as entered
    assert "Đơn vị đề xuất" not in html
    for label in ("Units", "Coordinating roles", "Video clips"):  # menu items name collections
        assert f'"label": "{label}"' in html


@pytest.mark.django_db
def test_an_editor_without_a_language_choice_sees_the_units_listing_in_vietnamese(client):
    UnitFactory(code="VKS-BINHTHUAN", short_name="VKSND tỉnh Bình Thuận", is_contributing=True)
    client.force_login(UserFactory(username="mac-dinh", is_superuser=True))

    # The directory has more than a page of units: look Bình Thuận up.
    html = client.get(reverse("wagtailsnippets_cms_unit:list"), {"q": "Bình Thuận"}).content.decode()

    assert 'lang="vi"' in html
    assert "Đơn vị đề xuất" in html
    assert "Proposing unit" not in html


@pytest.mark.django_db
def test_a_workflow_e_mail_speaks_each_recipients_language(mailoutbox):
    from workflows import notifications

    english = prefer_language(UserFactory(username="english-head"), "en")
    vietnamese = UserFactory(username="vi-head")
    context = {
        "title": "Nguyễn Văn Mẫu",
        "unit": "VKSND tỉnh Bình Thuận",
        "stage": "Xác nhận của thủ trưởng đơn vị",  # a task's name: data, not translated
        "comment": "",
        "actor_name": "bt-editor",
        "proposer_name": "bt-editor",
        "edit_url": "http://testserver/admin/pages/3/edit/",
        "preferences_url": "http://testserver/admin/account/#tab-notifications",
        "request": notifications.STAGE_REQUESTS[0][1],
        "due": None,
    }

    assert notifications.send(notifications.Kind.SUBMITTED, [english, vietnamese], context) == 2

    by_recipient = {message.to[0]: message for message in mailoutbox}
    in_english = by_recipient[english.email]
    assert in_english.subject == "[Exemplars] Confirmation requested: Nguyễn Văn Mẫu"
    assert in_english.body.startswith("Dear english-head,")
    assert "The page “Nguyễn Văn Mẫu” is awaiting action at the “Xác nhận của thủ trưởng đơn vị” stage." in (
        in_english.body
    )
    assert "Proposing unit: VKSND tỉnh Bình Thuận" in in_english.body
    assert "please do not reply" in in_english.body
    in_vietnamese = by_recipient[vietnamese.email]
    assert in_vietnamese.subject == "[Gương điển hình] Đề nghị xác nhận: Nguyễn Văn Mẫu"
    assert in_vietnamese.body.startswith("Kính gửi vi-head,")
