"""
wagtail-localize's admin views under the project's rules (they replace its routes in
vksnd/urls.py, and a `before_edit_page` hook guards its editor's own actions):

- a translation whose English page is in moderation is locked like the page editor: no
  string, PO, machine translation, sync, restart or stop while its stage keeps the user out;
- facts (unit, contacts, images…) are synchronised from the Vietnamese source and never
  overridden in a translation: they are changed in the source, by who may edit it;
- an English edition is never an alias of the Vietnamese page (its content would reach the
  API as English without the Office's approval);
- "Translate" is refused unless the user may read the source (they may edit it, or it is
  live and unrestricted) and may add pages where each translation would go.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, PagePermissionTester, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import edit_translation, submit_translations

from workflows.admin_api import locked_for


def locked_message() -> str:
    return _("Bản tiếng Anh đang trong quy trình duyệt; chỉ người duyệt ở bước hiện tại được thay đổi.")


def target_page(translation: Translation) -> Page | None:
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        return None
    return target if isinstance(target, Page) else None


def refuse_when_locked(view):
    """Wrap a wagtail-localize view taking `translation_id`: locked translations are refused."""

    @wraps(view)
    def guarded(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, id=translation_id)
        page = target_page(translation)
        if page is not None and locked_for(page, request.user):
            if request.headers.get("accept", "").startswith("application/json") or request.method == "PUT":
                return JsonResponse({"message": locked_message()}, status=423)
            messages.error(request, locked_message())
            return redirect("wagtailadmin_pages:edit", page.pk)
        return view(request, translation_id, *args, **kwargs)

    return guarded


def refuse_overrides(request, translation_id, overridable_segment_id):
    """Synchronised facts are changed in the source only, never overridden in a translation."""
    raise PermissionDenied


def refuse_convert_to_alias(request, page_id):
    """An English edition stays a translation: it never becomes an alias of the Vietnamese page."""
    page = get_object_or_404(Page, id=page_id)
    messages.error(
        request,
        _(
            "Bản tiếng Anh không thể chuyển thành bản đồng bộ (alias) của trang tiếng Việt; hãy dịch và gửi duyệt."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def may_read_source(user, page: Page) -> bool:
    """Whoever may edit the page, or anyone for a live page without view restrictions."""
    if page.permissions_for_user(user).can_edit():
        return True
    restricted = PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()
    return page.live and not restricted


def may_add_translation(user, page: Page, locale: Locale) -> bool:
    """
    The user may add pages under the nearest ancestor that exists in `locale`. Wagtail's own
    tester, not the page type's: a type may narrow who adds *new* children (the exemplar
    index lets only the Office add unit folders), while a translation creates the English
    edition of a folder that already exists.
    """
    for ancestor in page.get_ancestors().reverse():
        translated = ancestor.get_translation_or_none(locale)
        if translated is not None:
            return PagePermissionTester(user, translated).can_add_subpage()
    return False


class GuardedSubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    """wagtail-localize's "Translate page" with the rights on the source and the targets checked."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if page.is_root():
            raise Http404
        pages = [page]
        if request.method == "POST" and request.POST.get("include_subtree"):
            pages += list(page.get_descendants())
        if not all(may_read_source(request.user, each) for each in pages):
            raise PermissionDenied
        if request.method == "POST":
            locale_ids = [value for value in request.POST.getlist("locales") if value.isdigit()]
            for locale in Locale.objects.filter(pk__in=locale_ids):
                if not may_add_translation(request.user, page, locale):
                    raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def refuse_locked_edit_post(request, page):
    """
    Wagtail hook `before_edit_page`, before wagtail-localize's: its translation editor
    answers POSTs (publish, restart) itself, without the editor's lock check.
    """
    if request.method == "POST" and locked_for(page, request.user):
        is_translation = TranslationSource.objects.filter(object_id=page.translation_key).exists()
        if is_translation and page.locale.language_code != Locale.get_default().language_code:
            messages.error(request, locked_message())
            return redirect("wagtailadmin_pages:edit", page.pk)
    return None


edit_string_translation = refuse_when_locked(edit_translation.edit_string_translation)
machine_translate = refuse_when_locked(edit_translation.machine_translate)
stop_translation = refuse_when_locked(edit_translation.stop_translation)
