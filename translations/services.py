"""
English editions through wagtail-localize, under moderation.

Vietnamese is the source. Translating creates the English page as a draft (never live:
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is off); the translator submits it, and the
Office approves it through the translation workflow assigned to the English home page,
which then publishes it. wagtail-localize's own editor only offers "publish" (for those
who may publish), so submitting a translation for review is added here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import polib
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Workflow
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.strings import StringValue, validate_translation_links

from cms.models import CoordinatingRole, RoleCode
from cms.services.access import PAGE_EDIT, PAGE_PUBLISH, PermissionSet, grant_pages
from workflows.setup import ensure_translation_workflow

TRANSLATION_LOCALE = "en"


def english() -> Locale:
    return Locale.objects.get(language_code=TRANSLATION_LOCALE)


def ensure_english_home(home: Page) -> Page:
    """The English home: an alias of the Vietnamese one, root of every English edition."""
    locale = english()
    existing = home.get_translation_or_none(locale)
    if existing is not None:
        return existing
    return home.copy_for_translation(locale, alias=True)


def ensure_english_sections(home: Page) -> None:
    """
    The listings of the English site (exemplars, campaigns, news): aliases of the Vietnamese
    ones, as wagtail-localize would make them for the first translated page beneath, made at
    once so that the English site has all its sections before its first English edition.
    """
    locale = english()
    for section in home.get_children().live():
        if section.get_translation_or_none(locale) is None:
            section.copy_for_translation(locale, alias=True)


def ensure_translation_permissions(en_home: Page) -> None:
    """The journal's translators edit English editions; the Office approves and publishes them."""
    perms = PermissionSet()
    roles = {role.code: role for role in CoordinatingRole.objects.select_related("group")}
    translators = roles[RoleCode.JOURNAL].group
    office = roles[RoleCode.OFFICE].group
    grant_pages(perms, translators, en_home, PAGE_EDIT)
    grant_pages(perms, office, en_home, PAGE_PUBLISH)
    translators.permissions.add(submit_translation_permission())
    office.permissions.add(submit_translation_permission())


def submit_translation_permission() -> Permission:
    """wagtail-localize's "submit translations" permission (made by its data migration)."""
    return Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation")


@transaction.atomic
def setup_english_editions(home: Page) -> Workflow:
    en_home = ensure_english_home(home)
    ensure_english_sections(home)
    ensure_translation_permissions(en_home)
    return ensure_translation_workflow(en_home)


# Submitting for review


class CannotSubmit(Exception):
    pass


class Untranslated(CannotSubmit):
    """Some strings have no valid English: submitting would put Vietnamese in the English edition."""

    def __init__(self, texts: list[str]):
        super().__init__("untranslated: " + " | ".join(texts))
        self.texts = texts


def untranslated_strings(translation: Translation) -> list[str]:
    """Source strings without a valid translation (missing, or stored with an error)."""
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .select_related("string")
        .order_by("order")
    )
    return [segment.string.data for segment in segments if not segment.translation]


@transaction.atomic
def submit_for_review(translation: Translation, user) -> Page:
    """
    Write the translated strings into a new draft of the English page and start moderation.

    wagtail-localize's `save_target` falls back to the Vietnamese text for every string
    without a valid translation; an English edition must never carry that fallback, so
    the submission is refused while any string is untranslated or invalid.
    """
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise CannotSubmit("not a page")
    page = page.specific
    if page.workflow_in_progress:
        raise CannotSubmit("already in moderation")
    missing = untranslated_strings(translation)
    if missing:
        raise Untranslated(missing)
    translation.save_target(user=user, publish=False)
    page = Page.objects.get(pk=page.pk).specific
    workflow = page.get_workflow()
    if workflow is None:
        raise CannotSubmit("no workflow")
    workflow.start(page, user)
    return page


# PO files


class Refusal:
    """Why a whole PO file was refused before looking at its entries."""

    EMPTY = "empty"
    OTHER_PAGE = "other_page"
    NOT_OURS = "not_ours"


_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(/?)\s*>")
_ID = re.compile(r"""\bid\s*=\s*["']?([^"'\s>]+)""")
_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[A-Za-z0-9_]*\}")


def _tags(html: str) -> list[tuple[str, str, str]]:
    """(kind, name, id) of each tag: kind is "open", "close" or "void"."""
    found = []
    for closing, name, attrs, self_closing in _TAG.findall(html):
        name = name.lower()
        kind = "close" if closing else "void" if (self_closing or name == "br") else "open"
        ident = _ID.search(attrs)
        found.append((kind, name, ident.group(1) if ident else ""))
    return found


def segment_problems(source: str, translated: str) -> list[str]:
    """
    Why a translated segment cannot be used, in Vietnamese; empty when it can.

    wagtail-localize stores any text and flags it afterwards (then falls back to the
    Vietnamese source when writing the page); this checks it before anything is written:
    only the inline HTML the rich text allows, the source's tags and links kept and
    closed, and the same placeholders.
    """
    problems = []
    try:
        StringValue.from_translated_html(translated)
        validate_translation_links(source, translated)
    except ValueError:
        problems.append(_("có thẻ HTML không được phép ở đây (chỉ được dùng các thẻ có trong bản gốc)"))
    stack: list[str] = []
    for kind, name, _ident in _tags(translated):
        if kind == "open":
            stack.append(name)
        elif kind == "close":
            if not stack or stack[-1] != name:
                problems.append(_("thẻ <%s> được đóng sai chỗ hoặc không được mở") % name)
                break
            stack.pop()
    if stack:
        problems.append(_("thẻ <%s> chưa được đóng") % stack[-1])
    wanted = Counter((kind, name, ident) for kind, name, ident in _tags(source) if kind != "close")
    given = Counter((kind, name, ident) for kind, name, ident in _tags(translated) if kind != "close")
    for (_kind, name, ident), count in (wanted - given).items():
        label = f"<{name} id={ident}>" if ident else f"<{name}>"
        problems.append(_("thiếu thẻ %(tag)s của bản gốc (%(count)d lần)") % {"tag": label, "count": count})
    for (_kind, name, ident), _count in (given - wanted).items():
        label = f"<{name} id={ident}>" if ident else f"<{name}>"
        problems.append(_("có thẻ %s không có trong bản gốc") % label)
    if Counter(_PLACEHOLDER.findall(source)) != Counter(_PLACEHOLDER.findall(translated)):
        problems.append(_("các chỗ giữ chỗ (dạng %s hay {…}) khác với bản gốc") % "%(…)s")
    return list(dict.fromkeys(problems))


@dataclass
class POImportReport:
    errors: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # "segment: reasons", nothing imported
    missing: list[str] = field(default_factory=list)
    imported: int = 0
    refused: str = ""  # a Refusal, when the file as a whole is not this page's

    @property
    def ok(self) -> bool:
        return not self.errors and not self.invalid and not self.refused


def import_po_strictly(translation: Translation, po: polib.POFile, user) -> POImportReport:
    """
    Import a translator's PO file all or nothing.

    wagtail-localize imports what it can and silently skips the rest; translators working
    offline need to know what went wrong, and a half-applied file is worse than none. Any
    entry that does not belong to this page (unknown text or place) makes the whole import
    fail, listed; entries left untranslated are listed as missing and change nothing.
    """
    report = POImportReport()
    translation_id = po.metadata.get("X-WagtailLocalize-TranslationID")
    if not translation_id and not [entry for entry in po if not entry.obsolete]:
        report.refused = Refusal.EMPTY
    elif not translation_id:
        report.refused = Refusal.NOT_OURS
    elif translation_id != str(translation.uuid):
        report.refused = Refusal.OTHER_PAGE
    if report.refused:
        return report
    for entry in po:
        if entry.msgstr and not entry.obsolete:
            problems = segment_problems(entry.msgid, entry.msgstr)
            if problems:
                report.invalid.append(f"“{_shorten(entry.msgstr)}”: {'; '.join(problems)}")
    if report.invalid:
        return report
    report.missing = [entry.msgid for entry in po if not entry.msgstr and not entry.obsolete]
    try:
        with transaction.atomic():
            warnings = translation.import_po(po, user=user, tool_name="PO File")
            if warnings:
                report.errors = [_describe(warning) for warning in warnings]
                raise _Rollback
    except _Rollback:
        return report
    report.imported = len([entry for entry in po if entry.msgstr and not entry.obsolete])
    return report


class _Rollback(Exception):
    pass


def _shorten(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _describe(warning) -> str:
    """An entry wagtail-localize could not place: unknown text, or unknown place in the page."""
    text = getattr(warning, "string", "") or ""
    context = getattr(warning, "context", "") or ""
    return f"{context}: {text}" if context and text else (text or context)


# Out of date


def out_of_date_translations() -> list[dict]:
    """
    English editions that do not yet say what the Vietnamese source says:

    - the source has a newer revision than the one wagtail-localize last read (not synced), or
    - the edition is live but was last published before that sync: the updated English text
      exists only as strings or a draft until the Office approves it. Syncing alone does not
      take an edition off the report; publishing the updated edition does.
    """
    translations = (
        Translation.objects.filter(target_locale__language_code=TRANSLATION_LOCALE, enabled=True)
        .select_related("source", "target_locale")
        .order_by("-source__last_updated_at")
    )
    stale = []
    for translation in translations:
        source = translation.source.get_source_instance()
        if not isinstance(source, Page) or source.latest_revision is None:
            continue
        target = source.get_translation_or_none(translation.target_locale)
        if target is None:
            continue
        synced_at = translation.source.last_updated_at
        not_synced = source.latest_revision.created_at > synced_at
        not_published = bool(
            target.live and target.last_published_at and target.last_published_at < synced_at
        )
        if not_synced or not_published:
            stale.append({"translation": translation, "source": source, "target": target})
    return stale
