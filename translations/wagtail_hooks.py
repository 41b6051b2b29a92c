"""Admin registrations of English editions."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.html import format_html, json_script
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.widgets.button import Button
from wagtail_localize.models import Translation

from . import guards, views

# Before wagtail-localize's own hook, which answers its editor's POSTs without a lock check.
hooks.register("before_edit_page", guards.refuse_locked_edit_post, order=-10)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("translations/<int:translation_id>/submit/", views.submit_for_review, name="translation_submit"),
        path("reports/out-of-date-translations/", views.out_of_date_report, name="translations_out_of_date"),
    ]


class SubmitTranslationButton(Button):
    allow_in_dropdown = True


class OutOfDateMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm("wagtail_localize.submit_translation")


@hooks.register("register_reports_menu_item")
def register_out_of_date_menu_item():
    return OutOfDateMenuItem(
        _("Bản tiếng Anh cần cập nhật"), reverse("translations_out_of_date"), icon_name="warning", order=720
    )


@hooks.register("register_page_header_buttons")
def submit_translation_button(page, user, view_name=None, next_url=None):
    """On an English edition not yet in moderation: "send for the Office's approval"."""
    if page.locale.language_code == "vi" or page.workflow_in_progress:
        return
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=page.locale, enabled=True
    ).first()
    if translation is None or not page.permissions_for_user(user).can_edit():
        return
    url = reverse("translation_submit", args=[translation.pk])
    yield SubmitTranslationButton(
        _("Gửi bản dịch để duyệt"),
        url,
        icon_name="resubmit",
        priority=10,
        # w-action#post builds its form from the url value, not the link's href: without
        # it the form posted back to the page it was on (405).
        attrs={"data-controller": "w-action", "data-action": "w-action#post", "data-w-action-url-value": url},
    )


@hooks.register("insert_global_admin_js")
def translation_editor_words():
    # The editor's React bundle has phrases outside any catalogue (static/translations/editor_words.js).
    phrases = {
        "title": str(_("Bản dịch từ %(source)s sang %(target)s")),
        "more_actions": str(_("Thao tác khác")),
    }
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(phrases, "translation-editor-words"),
        versioned_static("translations/editor_words.js"),
    )
