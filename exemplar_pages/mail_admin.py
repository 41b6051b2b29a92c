"""The quarantine of proposals by mail in the admin: assign a message to a unit, or discard it."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from . import virus_scan
from .mail_intake import assign, discard
from .models import MailMessage, MailStatus


class MailMessageForm(WagtailAdminModelForm):
    """Either a unit (the pipeline runs again for it) or "discard"."""

    discard = forms.BooleanField(
        label=_("Hủy thư này"),
        required=False,
        help_text=_("Thư gốc vẫn được lưu; thư không thành đề xuất."),
    )

    class Meta:
        model = MailMessage
        fields = ["unit"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.status != MailStatus.QUARANTINED:
            raise forms.ValidationError(_("Chỉ xử lý được thư đang cách ly."))
        if not cleaned.get("discard") and not cleaned.get("unit"):
            self.add_error("unit", _("Chọn đơn vị nhận thư, hoặc đánh dấu hủy thư."))
        unit = cleaned.get("unit")
        if unit is not None and not cleaned.get("discard") and unit.has_ended():
            self.add_error("unit", unit.closure_notice())
        return cleaned


class MailMessageEditView(EditView):
    """Saving runs the pipeline for the chosen unit (or discards): never a plain model save."""

    def save_instance(self):
        record = MailMessage.objects.get(pk=self.object.pk)
        if self.form.cleaned_data.get("discard"):
            discard(record, self.request.user)
        else:
            assign(record, self.form.cleaned_data["unit"], self.request.user)
        record.refresh_from_db()
        self.object = record
        return record

    def get_success_message(self, instance=None):
        record = instance or self.object
        if record.status == MailStatus.CREATED:
            return _("Đã tạo đề xuất nháp “%(title)s” cho %(unit)s.") % {
                "title": record.page.title if record.page else record.subject,
                "unit": record.unit,
            }
        if record.status == MailStatus.DISCARDED:
            return _("Đã hủy thư “%s”.") % record
        return _("Thư vẫn bị cách ly: %s") % record.reason


def intake_checks() -> str:
    """What the intake checks, said where the emulation role decides (the virus scan may be off)."""
    if virus_scan.is_configured():
        scan = _("Tệp đính kèm được quét virus bằng ClamAV (clamd).")
    else:
        scan = _(
            "Chưa cấu hình quét virus (MAIL_INTAKE_CLAMD_ADDRESS): tệp đính kèm chỉ được kiểm tra "
            "loại theo nội dung. Hãy thận trọng khi mở tệp của thư bị cách ly."
        )
    sender = _(
        "Người gửi chỉ được tin khi máy chủ nhận thư xác nhận DMARC, DKIM hoặc SPF đạt cho tên miền "
        "của địa chỉ gửi; giao thư cho đơn vị là xác nhận của anh/chị thay cho bước đó."
    )
    return f"<p>{sender}</p><p>{scan}</p>"


class MailMessageViewSet(SnippetViewSet):
    """Thư đề xuất: every message of the intake mailbox; quarantined ones wait here."""

    model = MailMessage
    icon = "mail"
    menu_label = pgettext_lazy("menu", "Thư đề xuất")
    menu_order = 330
    add_to_admin_menu = True
    edit_view_class = MailMessageEditView
    list_filter = ["status"]
    search_fields = ["subject", "sender", "message_id", "reason"]
    search_backend_name = None
    list_display = [
        "subject",
        "sender",
        Column("received_at", label=_("Nhận lúc")),
        Column("status", label=_("Tình trạng"), accessor="get_status_display"),
        "reason",
        "unit",
    ]
    ordering = ["-received_at"]
    edit_handler = ObjectList(
        [HelpPanel(content=lazy(intake_checks, str)()), FieldPanel("unit"), FieldPanel("discard")],
        base_form_class=MailMessageForm,
    )
