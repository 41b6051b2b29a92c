"""
Wagtail's admin pages API under the same rules as the page editor.

The editor refuses to save a page that its moderation stage locks for the user, but the
admin API's actions (`/admin/api/main/pages/<id>/action/<name>/`) do not ask: a proposer
could revert a page in review to an older revision, and anyone with edit rights could
publish an alias of it in another language without the translation workflow. Here every
action that writes a page honours its lock, and aliases never cross languages (an English
edition is a translation approved by the Office, never a mirror of the Vietnamese page).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page

# Actions that change the page they are called on (copies and aliases make another page).
WRITES_THE_PAGE = {
    "revert_to_page_revision",
    "publish",
    "unpublish",
    "move",
    "delete",
    "convert_alias",
}


def locked_for(page: Page, user) -> bool:
    """True when the page's lock (moderation stage, manual lock, schedule) keeps `user` out."""
    lock = page.get_lock()
    return bool(lock and lock.for_user(user))


def refusal(status: int, message: str) -> JsonResponse:
    return JsonResponse({"message": message}, status=status)


class ModeratedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """The admin pages API whose actions honour locks and keep aliases in their language."""

    def action_view(self, request, pk, action_name):
        instance = self.get_object()
        if action_name in WRITES_THE_PAGE and locked_for(instance, request.user):
            return refusal(
                423, _("Trang đang bị khóa (đang trong quy trình duyệt); không thể thực hiện thao tác này.")
            )
        if action_name in ("create_alias", "copy_for_translation") and self._crosses_languages(
            request, instance, action_name
        ):
            return refusal(
                400,
                _(
                    "Không thể tạo bản sao đồng bộ (alias) ở ngôn ngữ khác; bản tiếng Anh phải được dịch và duyệt."
                ),
            )
        return super().action_view(request, pk, action_name)

    @staticmethod
    def _crosses_languages(request, instance: Page, action_name: str) -> bool:
        data = request.data if hasattr(request.data, "get") else {}
        if action_name == "copy_for_translation":
            return str(data.get("alias", "")).lower() in ("1", "true")
        destination_id = data.get("destination_page_id")
        if destination_id is None:
            return False
        try:
            destination = Page.objects.filter(pk=int(destination_id)).only("locale_id").first()
        except (TypeError, ValueError):
            return False  # the action's own serializer answers 400
        return destination is not None and destination.locale_id != instance.locale_id


def refuse_cross_language_alias_copy(request, page):
    """Wagtail hook `before_copy_page`: the copy form's "alias" stays within the page's language."""
    if request.method != "POST" or not request.POST.get("alias"):
        return None
    parent_id = request.POST.get("new_parent_page", "")
    parent = Page.objects.filter(pk=int(parent_id)).first() if parent_id.isdigit() else None
    if parent is not None and parent.locale_id != page.locale_id:
        messages.error(
            request,
            _(
                "Không thể tạo bản sao đồng bộ (alias) ở ngôn ngữ khác; bản tiếng Anh phải được dịch và duyệt."
            ),
        )
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


def replace_pages_endpoint(router) -> None:
    """Wagtail hook `construct_admin_api`: the moderated endpoint instead of the stock one."""
    router.register_endpoint("pages", ModeratedPagesAdminAPIViewSet)
