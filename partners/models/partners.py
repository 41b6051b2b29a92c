"""Partners of the content API: who they are, what channels they read, their keys."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import APIToken

from .. import origins
from ..origins import forget_origins


class Partner(models.Model):
    """
    A partner portal (the Portal, a unit website, the press, the Central Emulation &
    Rewards Committee's journal) entitled to read the content approved for its channels.

    Each partner calls the API as its own service account: a user with no password, no
    group and no admin access, who exists only to own the partner's Wagtail API tokens.
    """

    name = models.CharField(_("tên đối tác"), max_length=200, unique=True)
    contact_name = models.CharField(_("người liên hệ"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("thư điện tử liên hệ"), blank=True, help_text=_("Nhận thông báo về khóa API và sự cố.")
    )
    channels = models.ManyToManyField(
        "cms.Channel",
        verbose_name=_("kênh được đọc"),
        related_name="partners",
        blank=True,
        help_text=_("Đối tác chỉ đọc được nội dung đã duyệt cho các kênh này."),
    )
    rate_limit = models.PositiveIntegerField(
        _("giới hạn truy vấn mỗi phút"),
        default=600,
        help_text=_("Số yêu cầu tối đa mỗi phút; vượt quá sẽ nhận mã 429."),
    )
    is_active = models.BooleanField(
        _("đang hoạt động"), default=True, help_text=_("Bỏ chọn để tạm dừng mọi khóa API của đối tác.")
    )
    can_preview = models.BooleanField(
        _("được xem trước"),
        default=False,
        help_text=_("Cho phép đối tác xem trước nội dung đang chờ duyệt qua liên kết có thời hạn."),
    )
    preview_url = models.URLField(
        _("địa chỉ xem trước"),
        max_length=500,
        blank=True,
        help_text=_(
            "Trang xem trước trên hệ thống của đối tác; liên kết gửi đi thêm các tham số "
            "token, id và type, ví dụ: https://cong.example.vn/xem-truoc/"
        ),
    )
    allowed_origins = models.TextField(
        _("nguồn gốc trình duyệt được phép (CORS)"),
        blank=True,
        validators=[origins.validate],
        help_text=_(
            "Các trang web của đối tác được gọi API trực tiếp từ trình duyệt, mỗi dòng một "
            "nguồn gốc, ví dụ: https://cong.example.vn. Để trống nếu đối tác chỉ gọi từ máy chủ."
        ),
    )
    service_account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản dịch vụ"),
        on_delete=models.PROTECT,
        related_name="partner",
        editable=False,
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("đối tác API")
        verbose_name_plural = _("đối tác API")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.service_account_id:
            self.service_account = self._create_service_account()
        self.allowed_origins = "\n".join(origins.parse(self.allowed_origins))
        super().save(*args, **kwargs)
        # The browser origins every process answers for (partners/cors.py) are read again.
        transaction.on_commit(forget_origins)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        transaction.on_commit(forget_origins)
        return result

    @property
    def origins(self) -> list[str]:
        return origins.parse(self.allowed_origins)

    def _create_service_account(self):
        """A user that owns the partner's tokens and can never log in anywhere."""
        User = get_user_model()
        base = f"partner-{slugify(self.name)[:40] or 'api'}"
        username, n = base, 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base}-{n}"
        user = User(username=username, first_name=self.name[:150], is_staff=False, is_superuser=False)
        user.set_unusable_password()
        user.save()
        return user

    @transaction.atomic
    def issue_token(
        self, *, name: str, valid_for: timedelta | None = None, scopes: list[str] | None = None
    ) -> tuple[PartnerToken, str]:
        """A new key for this partner; the plaintext is returned once and never stored."""
        if valid_for is None:
            valid_for = timedelta(days=settings.CONTENT_API_TOKEN_VALID_DAYS)
        token, plaintext = APIToken.create_token(user=self.service_account, name=name)
        partner_token = PartnerToken.objects.create(
            partner=self,
            token=token,
            expires_at=timezone.now() + valid_for if valid_for else None,
            scopes=sorted(scopes or []),
        )
        return partner_token, plaintext


class KeyScope(models.TextChoices):
    """What a key may do beyond reading its partner's channels."""

    COMMENTS = "comments", _("Gửi bình luận của bạn đọc")
    OPINIONS = "opinions", _("Gửi ý kiến về ứng viên khi lấy ý kiến")
    VIEWS = "views", _("Báo cáo lượt truy cập trang lấy ý kiến")


class PartnerToken(models.Model):
    """
    A Wagtail `APIToken` of a partner's service account, with the expiry that Wagtail's
    token model lacks (a key handed to a partner should not live for ever).
    """

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="tokens")
    token = models.OneToOneField(APIToken, on_delete=models.CASCADE, related_name="partner_token")
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    scopes = models.JSONField(
        _("quyền gửi"),
        default=list,
        blank=True,
        help_text=_("Những gì khóa được gửi lên, ngoài việc đọc nội dung."),
    )

    class Meta:
        verbose_name = _("khóa API của đối tác")
        verbose_name_plural = _("khóa API của đối tác")
        ordering = ["-token__created"]

    def __str__(self) -> str:
        return str(self.token)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.token.revoked_at is None and not self.is_expired and self.partner.is_active
