"""
The admin scripts of the project's own apps speak the editor's language too.

Their strings go through gettext() (msgids in Vietnamese, the source language), Django's
JavaScript catalogue of vksnd/urls.py serves the translations in the editor's language, and
cms/locale/en/LC_MESSAGES/djangojs.po holds the English, kept by `make messages` (Django's
makemessages -d djangojs). A script string without its English fails here: translate it.
"""

from __future__ import annotations

import ast
import json
import re

import pytest
from django.urls import reverse
from django.utils.translation.trans_real import DjangoTranslation

from cms.catalogs import LOCALE_DIR, catalogue_sources
from cms.i18n_audit import placeholder_problems
from tests.factories import UserFactory, prefer_language
from tests.helpers.makemessages import ROOT, committed, is_translated, keys, makemessages, project_copy
from vksnd.urls import JAVASCRIPT_CATALOGUE_PACKAGES

CATALOGUE = LOCALE_DIR / "en" / "LC_MESSAGES" / "djangojs.po"
UPLOAD_SCRIPT = ROOT / "media" / "static" / "media" / "js" / "video-upload.js"
UPLOAD_TEXTS = {
    "Đang tải video lên kho lưu trữ…": "Uploading the video to storage…",
    "Đã tải lên xong. Bấm Lưu để hoàn tất.": "Upload complete. Click Save to finish.",
    "Tải lên không thành công: ": "Upload failed: ",
    "mất kết nối tới kho lưu trữ.": "lost the connection to storage.",
}
# String literals of a script (to find Vietnamese left outside gettext()).
_STRING = r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""


def untranslated(catalogue) -> list[str]:
    return [e.msgid for e in catalogue if e.msgid and not is_translated(e)]


# The catalogue is complete ----------------------------------------------------------------------


def test_every_message_of_the_scripts_has_an_english_translation(regenerated_catalogues):
    missing = untranslated(regenerated_catalogues["djangojs"])
    assert missing == [], (
        f"{len(missing)} script message(s) without an English translation in "
        f"{CATALOGUE.relative_to(ROOT)}:\n" + "\n".join(f"  {msgid!r}" for msgid in missing)
    )


def test_a_script_message_without_english_is_reported(tmp_path):
    project = project_copy(tmp_path / "project")
    script = project / "media" / "static" / "media" / "js" / "new-feature.js"
    script.write_text('el.textContent = gettext("Chuỗi mới chưa dịch");\n', encoding="utf-8")
    assert untranslated(makemessages(project, domains=("djangojs",))["djangojs"]) == ["Chuỗi mới chưa dịch"]


def test_the_catalogue_holds_no_message_the_scripts_no_longer_use(regenerated_catalogues):
    stale = keys(committed("djangojs")) - keys(regenerated_catalogues["djangojs"])
    assert stale == set(), "drop from the catalogue (make messages):\n" + "\n".join(map(repr, stale))


def test_script_translations_keep_their_placeholders_and_tags():
    problems = [
        f"{reason}: {e.msgid!r} -> {e.msgstr!r}"
        for e in committed("djangojs")
        if is_translated(e) and not e.msgid_plural
        for reason in placeholder_problems(e.msgid, e.msgstr)
    ]
    assert problems == [], "\n".join(problems)


def test_the_upload_script_says_everything_through_gettext(regenerated_catalogues):
    upload = str(UPLOAD_SCRIPT.relative_to(ROOT))
    found = {
        e.msgid for e in regenerated_catalogues["djangojs"] if any(p == upload for p, _ in e.occurrences)
    }
    assert found == set(UPLOAD_TEXTS)
    # No Vietnamese left outside gettext(): every non-ASCII string literal is a msgid.
    source = UPLOAD_SCRIPT.read_text(encoding="utf-8")
    literals = {ast.literal_eval(m.group(0)) for m in re.finditer(_STRING, source)}
    assert {text for text in literals if not text.isascii()} == set(UPLOAD_TEXTS)


def test_the_apps_whose_scripts_have_strings_are_the_catalogues_packages(regenerated_catalogues):
    places = {path for e in regenerated_catalogues["djangojs"] for path, _line in e.occurrences}
    assert {place.split("/")[0] for place in places} == set(JAVASCRIPT_CATALOGUE_PACKAGES)


def test_the_english_script_catalogue_is_compiled_and_the_vietnamese_one_still_is():
    assert CATALOGUE in catalogue_sources(LOCALE_DIR / "en", "djangojs")
    assert LOCALE_DIR / "vi" / "LC_MESSAGES" / "djangojs.po" in catalogue_sources(
        LOCALE_DIR / "vi", "djangojs"
    )
    english = DjangoTranslation("en", domain="djangojs")
    for msgid, text in UPLOAD_TEXTS.items():
        assert english.gettext(msgid) == text
    vietnamese = DjangoTranslation("vi", domain="djangojs")
    assert vietnamese.gettext("Edit") == "Sửa"  # the project's override of Wagtail's admin scripts
    assert vietnamese.gettext("Tải lên không thành công: ") == "Tải lên không thành công: "


# The catalogue URL ---------------------------------------------------------------------------


def served_catalogue(response) -> dict[str, str | list[str]]:
    """The `newcatalog` object of Django's JavaScript catalogue."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    text = response.content.decode()
    match = re.search(r"const newcatalog = (\{.*?\n  \});", text, re.S)
    return json.loads(match.group(1)) if match else {}


def as_script_sees_it(catalogue: dict, msgid: str) -> str:
    """What django.gettext() answers with that catalogue (the msgid when it has no entry)."""
    value = catalogue.get(msgid, msgid)
    return value if isinstance(value, str) else value[0]


def editor(username: str, language: str | None = None):
    user = UserFactory(username=username, is_superuser=True)
    return prefer_language(user, language) if language else user


@pytest.mark.django_db
def test_the_catalogue_answers_english_to_an_editor_who_chose_english(client):
    client.force_login(editor("english", "en"))

    catalogue = served_catalogue(client.get(reverse("cms_javascript_catalog")))

    assert {msgid: as_script_sees_it(catalogue, msgid) for msgid in UPLOAD_TEXTS} == UPLOAD_TEXTS


@pytest.mark.django_db
@pytest.mark.parametrize("language", [None, "vi"])
def test_the_catalogue_answers_vietnamese_to_the_other_editors(client, language):
    client.force_login(editor("mac-dinh", language))

    catalogue = served_catalogue(client.get(reverse("cms_javascript_catalog")))

    assert {msgid: as_script_sees_it(catalogue, msgid) for msgid in UPLOAD_TEXTS} == {
        m: m for m in UPLOAD_TEXTS
    }
    assert not set(UPLOAD_TEXTS.values()) & {v for v in catalogue.values() if isinstance(v, str)}


@pytest.mark.django_db
def test_the_catalogue_is_not_served_anonymously(client):
    url = reverse("cms_javascript_catalog")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert b"newcatalog" not in response.content
    assert client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403


def test_the_upload_widget_loads_the_catalogue_before_its_script():
    from media.forms import DirectUploadFileInput

    html = str(DirectUploadFileInput().media)
    catalogue = html.index(f'src="{reverse("cms_javascript_catalog")}"')
    assert catalogue < html.index("media/js/video-upload.js")
