"""Readers' comments under published stories, held for moderation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentStatus(models.TextChoices):
    """Where a comment stands; only approved comments are ever shown or served."""

    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Từ chối")
    SPAM = "spam", _("Thư rác")


class Comment(models.Model):
    """
    A reader's comment on an exemplar or news page, sent through the public site or through a
    partner site on behalf of its readers. Nothing of it is public until a moderator approves
    it; the e-mail and IP address are never shown or served (Decree 13/2023/NĐ-CP), the IP is
    kept only for `COMMENT_IP_RETENTION_DAYS` (manage.py purge_comment_ips).
    """

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="public_comments"
    )
    channel = models.ForeignKey(
        "cms.Channel",
        verbose_name=_("kênh"),
        on_delete=models.PROTECT,
        related_name="comments",
        help_text=_("Kênh bạn đọc đã gửi bình luận; quyết định ai kiểm duyệt."),
    )
    partner_id = models.PositiveIntegerField(
        _("mã đối tác gửi"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Trống khi gửi từ trang công khai."),
    )
    name = models.CharField(_("họ tên"), max_length=80)
    email = models.EmailField(_("thư điện tử"), blank=True, help_text=_("Không bao giờ công khai."))
    body = models.TextField(_("nội dung"), help_text=_("Văn bản thuần, hiển thị đã được thoát ký tự."))
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("kiểm duyệt lúc"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm duyệt"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("xóa dữ liệu cá nhân lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "status", "-created_at"], name="comment_page_status")]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:60]}"


class CommentModeration(models.Model):
    """
    Which coordinating role moderates the comments that arrive through a channel (data, like
    every other duty). A channel without a row is moderated by the Office, which runs the Portal.
    """

    channel = models.OneToOneField(
        "cms.Channel", verbose_name=_("kênh"), on_delete=models.CASCADE, related_name="comment_moderation"
    )
    role = models.ForeignKey(
        "cms.CoordinatingRole",
        verbose_name=_("vai trò kiểm duyệt"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Nhóm của vai trò này nhận và kiểm duyệt bình luận gửi qua kênh."),
    )

    class Meta:
        verbose_name = _("phân công kiểm duyệt bình luận")
        verbose_name_plural = _("phân công kiểm duyệt bình luận")

    def __str__(self) -> str:
        return f"{self.channel} → {self.role}"


class CommentDigest(models.Model):
    """
    When a moderation queue (a role) was last told of new comments: the newest comment the last
    digest covered. Kept in the database, not the cache, so a cache flush or a Redis restart
    re-sends nothing; the row is locked while a digest is sent, so two schedulers send one mail.
    """

    role = models.OneToOneField(
        "cms.CoordinatingRole", on_delete=models.CASCADE, related_name="comment_digest", editable=False
    )
    last_comment_at = models.DateTimeField(_("bình luận mới nhất đã báo"), null=True, editable=False)
    sent_at = models.DateTimeField(_("gửi thông báo lúc"), null=True, editable=False)

    class Meta:
        verbose_name = _("thông báo bình luận mới")
        verbose_name_plural = _("thông báo bình luận mới")

    def __str__(self) -> str:
        return f"{self.role_id}: {self.last_comment_at}"
