"""Admin views of English editions: submit for review, strict PO import, out-of-date report."""

from __future__ import annotations

import contextlib
import os
import tempfile

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.update_translations import UpdateTranslationsForm, UpdateTranslationsView

from workflows.admin_api import locked_for

from . import guards, services


def _translation_for_editor(request, translation_id: int) -> Translation:
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    return translation


def _back(request, translation: Translation):
    next_url = get_valid_next_url_from_request(request)
    if next_url:
        return redirect(next_url)
    return redirect("wagtailadmin_pages:edit", translation.get_target_instance().pk)


REFUSALS = {
    services.Refusal.EMPTY: gettext_lazy("Tệp PO trống; không có gì thay đổi."),
    services.Refusal.OTHER_PAGE: gettext_lazy(
        "Tệp PO này thuộc một trang khác; hãy tải về tệp PO của chính trang này. Không có gì thay đổi."
    ),
    services.Refusal.NOT_OURS: gettext_lazy(
        "Tệp PO này không phải tệp tải về từ trang này (thiếu phần đầu của tệp); hãy tải về tệp PO của "
        "trang rồi dịch trong đó. Không có gì thay đổi."
    ),
}


@require_POST
def upload_po(request, translation_id: int):
    """Replaces wagtail-localize's upload: all or nothing, with what was wrong or missing."""
    translation = _translation_for_editor(request, translation_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Chưa chọn tệp PO để tải lên."))
        return _back(request, translation)
    # polib reads a path or the contents; a temporary file keeps uploaded text from being
    # taken for a path (as wagtail-localize does).
    with tempfile.NamedTemporaryFile(delete=False, suffix=".po") as handle:
        handle.write(upload.read())
    try:
        po = polib.pofile(handle.name)
    except (OSError, UnicodeDecodeError, ValueError):
        messages.error(request, _("Tệp tải lên không phải tệp PO hợp lệ; không có gì thay đổi."))
        return _back(request, translation)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
    report = services.import_po_strictly(translation, po, request.user)
    if report.refused:
        messages.error(request, str(REFUSALS[report.refused]))
    elif report.invalid:
        messages.error(
            request,
            ngettext(
                "Tệp PO bị từ chối, không có gì được nhập: %(count)d đoạn dịch không dùng được — %(items)s",
                "Tệp PO bị từ chối, không có gì được nhập: %(count)d đoạn dịch không dùng được — %(items)s",
                len(report.invalid),
            )
            % {"count": len(report.invalid), "items": " | ".join(report.invalid[:10])},
        )
    elif not report.ok:
        messages.error(
            request,
            ngettext(
                "Tệp PO có %(count)d mục không thuộc trang này, nên không có gì được nhập: %(items)s",
                "Tệp PO có %(count)d mục không thuộc trang này, nên không có gì được nhập: %(items)s",
                len(report.errors),
            )
            % {"count": len(report.errors), "items": "; ".join(report.errors[:10])},
        )
    else:
        messages.success(
            request,
            ngettext("Đã nhập %d bản dịch từ tệp PO.", "Đã nhập %d bản dịch từ tệp PO.", report.imported)
            % report.imported,
        )
        if report.missing:
            messages.warning(
                request,
                ngettext(
                    "%(count)d mục chưa được dịch trong tệp (giữ nguyên): %(items)s",
                    "%(count)d mục chưa được dịch trong tệp (giữ nguyên): %(items)s",
                    len(report.missing),
                )
                % {"count": len(report.missing), "items": "; ".join(report.missing[:10])},
            )
    return _back(request, translation)


@require_POST
def submit_for_review(request, translation_id: int):
    """The translator sends the English edition to the Office for approval."""
    translation = _translation_for_editor(request, translation_id)
    try:
        page = services.submit_for_review(translation, request.user)
    except services.Untranslated as missing:
        messages.error(
            request,
            ngettext(
                "Không gửi được: %(count)d đoạn chưa có bản dịch tiếng Anh hợp lệ (bản tiếng Anh không "
                "được chứa câu tiếng Việt): %(items)s",
                "Không gửi được: %(count)d đoạn chưa có bản dịch tiếng Anh hợp lệ (bản tiếng Anh không "
                "được chứa câu tiếng Việt): %(items)s",
                len(missing.texts),
            )
            % {"count": len(missing.texts), "items": "; ".join(missing.texts[:10])},
        )
        return _back(request, translation)
    except services.CannotSubmit:
        messages.error(
            request, _("Không gửi được: bản tiếng Anh này đang chờ duyệt hoặc chưa có quy trình duyệt.")
        )
        return _back(request, translation)
    messages.success(
        request, _("Đã gửi bản tiếng Anh “%s” để Văn phòng phê duyệt.") % page.get_admin_display_title()
    )
    return _back(request, translation)


def out_of_date_report(request):
    """English editions whose Vietnamese source changed after they were translated."""
    if not (request.user.is_superuser or request.user.has_perm("wagtail_localize.submit_translation")):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "translations/out_of_date.html",
        {"rows": services.out_of_date_translations(), "page_title": _("Bản tiếng Anh cần cập nhật")},
    )


class ModeratedUpdateForm(UpdateTranslationsForm):
    """wagtail-localize's sync form without "publish immediately"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["publish_translations"]


class ModeratedUpdateTranslationsView(UpdateTranslationsView):
    """
    "Sync translated pages" that never publishes: the source's new text is brought in, and
    the English editions reach the public only after "Gửi bản dịch để duyệt" and the Office's
    approval, like any other change. wagtail-localize would otherwise let anyone who may
    publish skip the translation workflow with one checkbox.
    """

    def get_form(self):
        return ModeratedUpdateForm(self.request.POST if self.request.method == "POST" else None)

    def form_valid(self, form):
        locked = self.locked_targets()
        if locked:
            # Syncing rewrites the strings every target is translated from; one in
            # moderation stays as its reviewer sees it until its stage is over.
            messages.error(
                self.request,
                _(
                    "Không đồng bộ được: bản dịch đang trong quy trình duyệt và bị khóa với bạn: %s. "
                    "Không có gì thay đổi."
                )
                % "; ".join(page.get_admin_display_title() for page in locked),
            )
            return redirect(self.get_success_url() or self.get_default_success_url())
        form.cleaned_data["publish_translations"] = False
        return super().form_valid(form)

    def locked_targets(self) -> list:
        pages = []
        for translation in self.object.translations.filter(enabled=True):
            page = guards.target_page(translation)
            if page is not None and locked_for(page, self.request.user):
                pages.append(page)
        return pages
