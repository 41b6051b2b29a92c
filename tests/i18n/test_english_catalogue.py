"""
Every label, help text, message, e-mail and error of the project's own code exists in English.

The project's msgids are Vietnamese (the source language); locale/en/LC_MESSAGES/django.po
translates them. cms.i18n_extract finds the msgids in pure Python, as makemessages does, so a new
string without its English translation fails here, on any machine. To fix such a failure:
`python manage.py extract_messages` adds the new msgids to the catalogue, then translate them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import templatize

from cms.i18n_audit import placeholder_problems
from cms.i18n_extract import (
    KEYWORDS,
    ROOT,
    Message,
    catalogue_path,
    extract,
    extract_python,
    extract_template,
    is_translated,
    missing_translations,
    source_files,
    updated_catalogue,
)
from tests.factories import UnitFactory, UserFactory, prefer_language

CATALOGUE = catalogue_path("en")


def english_catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


# The catalogue is complete -------------------------------------------------------------------------


def test_every_message_of_the_project_has_an_english_translation():
    missing = missing_translations("en")
    listing = "\n".join(f"  {m.msgid!r}  ({m.where()})" for m in missing[:50])
    assert missing == [], (
        f"{len(missing)} message(s) without an English translation in {CATALOGUE.relative_to(ROOT)}; "
        f"run `python manage.py extract_messages` and translate them:\n{listing}"
    )


def test_the_catalogue_holds_no_message_the_code_no_longer_uses():
    messages = extract()
    stale = [e.msgid for e in english_catalogue() if not e.obsolete and (e.msgctxt, e.msgid) not in messages]
    assert stale == [], "run `python manage.py extract_messages` to drop:\n" + "\n".join(map(repr, stale))


def test_the_project_has_hundreds_of_messages_in_python_and_in_templates():
    messages = extract()
    assert len(messages) > 500
    places = {path for m in messages.values() for path, _line in m.locations}
    assert any(p.endswith(".py") for p in places)
    assert any("/templates/" in p and p.endswith(".txt") for p in places)  # the e-mails
    assert any("/templates/" in p and p.endswith(".html") for p in places)
    assert {p.split("/")[0] for p in places} >= {"cms", "exemplar_pages", "workflows", "media", "content_api"}
    assert any(m.msgid_plural for m in messages.values())


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


# The extractor finds what makemessages finds -----------------------------------------------------


def test_the_extractor_reads_every_gettext_function_of_python_code():
    source = """
from django.utils.translation import gettext_lazy as _, ngettext, pgettext_lazy, npgettext
from django.utils import translation
LABEL = _("Đơn vị")
HELP = _("Mã ổn định, "
         "không đổi.")
COUNT = ngettext("%(n)s trang", "%(n)s trang", n)
MONTH = pgettext_lazy("tháng", "Tháng %(m)s")
BOTH = npgettext("lượt", "%d lần gửi", "%d lần gửi", n)
DIRECT = translation.gettext("Đã lưu.")
NOT_A_LITERAL = _(variable)
"""
    found = {(f.msgctxt, f.msgid, f.msgid_plural) for f in extract_python(source)}
    assert found == {
        (None, "Đơn vị", None),
        (None, "Mã ổn định, không đổi.", None),
        (None, "%(n)s trang", "%(n)s trang"),
        ("tháng", "Tháng %(m)s", None),
        ("lượt", "%d lần gửi", "%d lần gửi"),
        (None, "Đã lưu.", None),
    }


def test_the_extractor_reads_templates_as_django_does():
    source = """{% load i18n %}
<h1>{% translate "Khóa API" %}</h1>
<p title="{% translate 'Sửa' context 'nút' %}">{{ value|default:_("Chưa có") }}</p>
{% blocktranslate trimmed with url=u count counter=n %}
    Xóa {{ url }} và {{ counter }} lần gửi.
{% plural %}
    Xóa {{ url }} và {{ counter }} lần gửi.
{% endblocktranslate %}
{% blocktranslate context "thư" %}Kính gửi {{ name }}, 100%{% endblocktranslate %}
"""
    found = {(f.msgctxt, f.msgid, f.msgid_plural) for f in extract_template(source)}
    assert found == {
        (None, "Khóa API", None),
        ("nút", "Sửa", None),
        (None, "Chưa có", None),
        (None, "Xóa %(url)s và %(counter)s lần gửi.", "Xóa %(url)s và %(counter)s lần gửi."),
        ("thư", "Kính gửi %(name)s, 100%%", None),
    }


def test_the_extractor_leaves_out_tests_migrations_and_the_virtualenv():
    parts = {part for path in source_files() for part in path.relative_to(ROOT).parts}
    assert not parts & {".venv", "tests", "migrations", "locale", "bench"}


def test_the_extractor_finds_exactly_what_xgettext_finds(tmp_path: Path):
    """
    The cross-check against GNU gettext, as makemessages runs it (templates through
    templatize, the same keywords). CI machines lack xgettext: there the pure-Python tests
    above stand alone.
    """
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext's xgettext is not installed")
    inputs = []
    for path in source_files():
        relative = path.relative_to(ROOT)
        if path.suffix == ".py":
            inputs.append(str(relative))
        else:  # as makemessages does: the templatized template, named <template>.py
            target = tmp_path / f"{relative}.py"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(templatize(path.read_text(encoding="utf-8"), origin=str(relative)))
            inputs.append(str(target))
    keywords = [f"--keyword={k}" for k in ("gettext_noop", "gettext_lazy", "ngettext_lazy:1,2")]
    keywords += ["--keyword=pgettext:1c,2", "--keyword=npgettext:1c,2,3"]
    keywords += ["--keyword=pgettext_lazy:1c,2", "--keyword=npgettext_lazy:1c,2,3"]
    result = subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", *keywords, "--output=-", *inputs],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = {(e.msgctxt, e.msgid): e.msgid_plural or None for e in polib.pofile(result.stdout) if e.msgid}
    ours = {key: message.msgid_plural for key, message in extract().items()}
    assert sorted(ours.items(), key=str) == sorted(theirs.items(), key=str)
    assert set(KEYWORDS) >= {"_", "gettext", "ngettext", "pgettext", "npgettext", "gettext_lazy"}


def test_updating_the_catalogue_keeps_translations_adds_new_msgids_and_drops_gone_ones():
    existing = polib.POFile()
    existing.append(polib.POEntry(msgid="Đơn vị", msgstr="Unit"))
    existing.append(polib.POEntry(msgid="Chuỗi cũ", msgstr="Old string"))
    existing.append(polib.POEntry(msgid="Đang dịch", msgstr="Translating", flags=["fuzzy"]))
    messages = {
        key: message
        for key, message in extract().items()
        if key in {(None, "Đơn vị"), (None, "Đơn vị đề xuất")}
    }
    messages[(None, "Đang dịch")] = Message("Đang dịch", locations=[("x.py", 1)])
    updated = {e.msgid: e for e in updated_catalogue(messages, existing)}
    assert updated["Đơn vị"].msgstr == "Unit"
    assert updated["Đơn vị"].occurrences  # where the code uses it
    assert updated["Đơn vị đề xuất"].msgstr == ""
    assert "Chuỗi cũ" not in updated
    assert not is_translated(updated["Đang dịch"])  # still fuzzy: not counted as translated


# What an English-speaking editor sees ----------------------------------------------------------


@pytest.mark.django_db
def test_an_editor_who_chose_english_sees_the_units_listing_in_english(client):
    UnitFactory(code="VKS-BINHTHUAN", short_name="VKSND tỉnh Bình Thuận", is_contributing=True)
    client.force_login(prefer_language(UserFactory(username="english", is_superuser=True), "en"))

    html = client.get(reverse("wagtailsnippets_cms_unit:list")).content.decode()

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

    html = client.get(reverse("wagtailsnippets_cms_unit:list")).content.decode()

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
