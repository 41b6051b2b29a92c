"""
The admin scripts of the project's own apps speak the editor's language too.

Their strings go through gettext() (msgids in Vietnamese, the source language), Django's
JavaScript catalogue of cms/urls.py serves the translations in the editor's language, and
locale/en/LC_MESSAGES/djangojs.po holds the English. A script string without its English
fails here: add it to that catalogue and translate it.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils.translation.trans_real import DjangoTranslation

from cms.catalogs import LOCALE_DIR, catalogue_sources
from cms.i18n_audit import placeholder_problems
from cms.i18n_extract import ROOT, is_translated
from cms.urls import JAVASCRIPT_CATALOGUE_PACKAGES
from tests.factories import UserFactory, prefer_language

CATALOGUE = LOCALE_DIR / "en" / "LC_MESSAGES" / "djangojs.po"
UPLOAD_SCRIPT = ROOT / "media" / "static" / "media" / "js" / "video-upload.js"
UPLOAD_TEXTS = {
    "Đang tải video lên kho lưu trữ…": "Uploading the video to storage…",
    "Đã tải lên xong. Bấm Lưu để hoàn tất.": "Upload complete. Click Save to finish.",
    "Tải lên không thành công: ": "Upload failed: ",
    "mất kết nối tới kho lưu trữ.": "lost the connection to storage.",
}

Key = tuple[str | None, str]  # (msgctxt, msgid), as in a catalogue


# Finding the strings of the scripts, as makemessages -d djangojs does -----------------------------

_STRING = r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
# Strings first, so that "//" or "/*" inside a string is not taken for a comment.
_TOKEN_RE = re.compile(rf"({_STRING}|`(?:[^`\\]|\\.)*`)|(/\*.*?\*/|//[^\n]*)", re.S)
# keyword -> (index of the context argument, of the message, of the plural), as in cms.i18n_extract.
_KEYWORDS = {
    "gettext": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "pgettext": (0, 1, None),
    "npgettext": (0, 1, 2),
}
_CALL_RE = re.compile(
    rf"(?<![\w$])({'|'.join(_KEYWORDS)})\s*\(\s*((?:{_STRING})(?:\s*,\s*(?:{_STRING}))*)\s*[,)]", re.S
)


def without_comments(source: str) -> str:
    """The source with its comments blanked out (line numbers kept)."""

    def blank(match: re.Match) -> str:
        if match.group(1) is not None:
            return match.group(0)
        return re.sub(r"[^\n]", " ", match.group(0))

    return _TOKEN_RE.sub(blank, source)


def string_value(literal: str) -> str:
    """A JavaScript string literal's text (its escapes are Python's, for the ones we use)."""
    return ast.literal_eval(literal)


def extract_script(source: str) -> dict[Key, str | None]:
    """The messages of gettext calls with literal arguments: (msgctxt, msgid) -> msgid_plural."""
    code = without_comments(source)
    in_strings = [m.span() for m in _TOKEN_RE.finditer(code) if m.group(1)]
    found: dict[Key, str | None] = {}
    for match in _CALL_RE.finditer(code):
        if any(start < match.start() < end for start, end in in_strings):
            continue  # "gettext(...)" inside a string
        args = [string_value(a) for a in re.findall(_STRING, match.group(2))]
        ctx_i, msg_i, plural_i = _KEYWORDS[match.group(1)]
        needed = max(i for i in (ctx_i, msg_i, plural_i) if i is not None)
        if len(args) <= needed:
            continue
        msgctxt = args[ctx_i] if ctx_i is not None else None
        found[(msgctxt, args[msg_i])] = args[plural_i] if plural_i is not None else None
    return found


def script_files(root: Path = ROOT) -> list[Path]:
    """The project's own scripts: <app>/static/**/*.js and static/**/*.js."""
    files = [*root.glob("*/static/**/*.js"), *(root / "static").glob("**/*.js")]
    return sorted(
        {p for p in files if not any(part.startswith(".") or part == "node_modules" for part in p.parts)}
    )


def extract_scripts(files: list[Path] | None = None) -> dict[Key, list[Path]]:
    """Every message of the scripts, with the scripts that use it."""
    messages: dict[Key, list[Path]] = {}
    for path in script_files() if files is None else files:
        for key in extract_script(path.read_text(encoding="utf-8")):
            messages.setdefault(key, []).append(path)
    return messages


def english_catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def missing_translations(messages, catalogue: polib.POFile) -> list[Key]:
    done = {(e.msgctxt, e.msgid) for e in catalogue if is_translated(e)}
    return [key for key in messages if key not in done]


# The catalogue is complete ----------------------------------------------------------------------


def test_every_message_of_the_scripts_has_an_english_translation():
    missing = missing_translations(extract_scripts(), english_catalogue())
    assert missing == [], (
        f"{len(missing)} script message(s) without an English translation in "
        f"{CATALOGUE.relative_to(ROOT)}:\n" + "\n".join(f"  {msgid!r}" for _ctx, msgid in missing)
    )


def test_a_script_message_without_english_is_reported():
    source = (
        'el.textContent = gettext("Chuỗi mới chưa dịch") + gettext("Đã tải lên xong. Bấm Lưu để hoàn tất.");'
    )
    assert missing_translations(extract_script(source), english_catalogue()) == [
        (None, "Chuỗi mới chưa dịch")
    ]
    fuzzy = polib.POFile()
    fuzzy.append(polib.POEntry(msgid="Chuỗi mới chưa dịch", msgstr="New string", flags=["fuzzy"]))
    assert missing_translations(extract_script(source), fuzzy) != []


def test_the_catalogue_holds_no_message_the_scripts_no_longer_use():
    used = extract_scripts()
    stale = [e.msgid for e in english_catalogue() if not e.obsolete and (e.msgctxt, e.msgid) not in used]
    assert stale == [], "drop from the catalogue:\n" + "\n".join(map(repr, stale))


def test_script_translations_keep_their_placeholders_and_tags():
    problems = [
        f"{reason}: {e.msgid!r} -> {e.msgstr!r}"
        for e in english_catalogue()
        if is_translated(e) and not e.msgid_plural
        for reason in placeholder_problems(e.msgid, e.msgstr)
    ]
    assert problems == [], "\n".join(problems)


def test_the_extractor_reads_gettext_calls_and_skips_comments():
    source = r"""
    // gettext("Trong chú thích")
    /* gettext('Cũng trong chú thích') */
    var a = gettext("Đã lưu.");
    var b = window.gettext('Đơn \'vị\'');
    var c = ngettext("%s tệp", "%s tệp", n);
    var d = pgettext("nút", "Sửa");
    var e = gettext(variable);
    var f = "http://example.invalid/gettext('not a call')";
    var g = mygettext("Không phải gettext");
    """
    assert extract_script(source) == {
        (None, "Đã lưu."): None,
        (None, "Đơn 'vị'"): None,
        (None, "%s tệp"): "%s tệp",
        ("nút", "Sửa"): None,
    }


def test_the_upload_script_says_everything_through_gettext():
    source = UPLOAD_SCRIPT.read_text(encoding="utf-8")
    assert UPLOAD_SCRIPT in script_files()
    assert set(extract_script(source)) == {(None, msgid) for msgid in UPLOAD_TEXTS}
    # No Vietnamese left outside gettext(): every non-ASCII string literal is a msgid.
    literals = {string_value(m.group(1)) for m in _TOKEN_RE.finditer(source) if m.group(1)}
    assert {text for text in literals if not text.isascii()} == set(UPLOAD_TEXTS)


def test_the_apps_whose_scripts_have_strings_are_the_catalogues_packages():
    apps = {path.relative_to(ROOT).parts[0] for paths in extract_scripts().values() for path in paths}
    assert apps - {"static"} == set(JAVASCRIPT_CATALOGUE_PACKAGES)


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
