"""Proposals by mail: every message read from the emulation office's mailbox, kept once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class MailStatus(models.TextChoices):
    RECEIVED = "received", _("Đang xử lý")
    CREATED = "created", _("Đã tạo đề xuất nháp")
    QUARANTINED = "quarantined", _("Cách ly, chờ xử lý")
    DISCARDED = "discarded", _("Đã hủy")


class MailMessage(models.Model):
    """
    One message of the intake mailbox, by its Message-ID: the raw message is kept (nothing is
    lost), and so is what became of it: the draft proposal it created, or why it waits in
    quarantine for the emulation role to assign it to a unit or discard it.
    """

    message_id = models.CharField(
        _("Message-ID"),
        max_length=998,
        unique=True,
        help_text=_("Mã định danh của thư; mỗi thư chỉ xử lý một lần."),
    )
    sender = models.CharField(
        _("người gửi"), max_length=320, blank=True, help_text=_("Địa chỉ người gửi thư.")
    )
    subject = models.CharField(_("tiêu đề thư"), max_length=255, blank=True, help_text=_("Tiêu đề của thư."))
    size = models.PositiveBigIntegerField(
        _("dung lượng (byte)"), default=0, help_text=_("Dung lượng thư gốc.")
    )
    received_at = models.DateTimeField(
        _("nhận lúc"), auto_now_add=True, help_text=_("Thời điểm hệ thống đọc thư.")
    )
    raw = models.FileField(
        _("thư gốc"),
        upload_to="mail/%Y/%m/",
        help_text=_("Tệp .eml của thư, lưu trong kho riêng tư."),
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=20,
        choices=MailStatus.choices,
        default=MailStatus.RECEIVED,
        help_text=_("Thư đã thành đề xuất nháp, đang cách ly hay đã hủy."),
    )
    reason = models.TextField(_("lý do cách ly"), blank=True, help_text=_("Vì sao thư chưa thành đề xuất."))
    unit = models.ForeignKey(
        "cms.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mail_messages",
        help_text=_("Đơn vị gửi thư, hoặc đơn vị được giao khi xử lý thư cách ly."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("đề xuất nháp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Trang đề xuất nháp được tạo từ thư."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Người giao thư cách ly cho đơn vị hoặc hủy thư."),
    )

    panels = [FieldPanel("unit")]

    class Meta:
        verbose_name = _("thư đề xuất")
        verbose_name_plural = _("thư đề xuất")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.subject or self.message_id
