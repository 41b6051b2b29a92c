"""The four coordinating roles of the 2021 regulation, mapped to units by dated data."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable


class RoleCode(models.TextChoices):
    """The functions named by the coordination regulation of 31/3/2021."""

    EMULATION_REWARDS = "emulation_rewards", _("Thi đua - Khen thưởng")
    JOURNAL = "journal", _("Tạp chí Kiểm sát")
    NEWSPAPER = "newspaper", _("Báo Bảo vệ pháp luật")
    OFFICE = "office", _("Văn phòng (phê duyệt đăng tải)")


class CoordinatingRole(ClusterableModel):
    """
    A function in the moderation workflow (e.g. emulation & rewards), never a unit name.

    Workflow tasks point at the role's group; which unit holds the role is data: in 2025
    emulation and rewards moved from Vụ 16 to a section of Văn phòng, which is a new
    assignment row here, not a code change.
    """

    code = models.CharField(
        _("mã vai trò"),
        max_length=40,
        unique=True,
        choices=RoleCode.choices,
        help_text=_("Chức năng trong quy chế phối hợp; không đổi theo cơ cấu tổ chức."),
    )
    name = models.CharField(
        _("tên vai trò"), max_length=120, help_text=_("Tên hiển thị trong trang quản trị.")
    )
    description = models.TextField(
        _("mô tả"), blank=True, help_text=_("Nhiệm vụ của vai trò trong quy trình duyệt.")
    )
    group = models.OneToOneField(
        Group,
        verbose_name=_("nhóm người dùng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinating_role",
        help_text=_("Nhóm nhận các bước duyệt của vai trò này; tạo bởi lệnh setup_site."),
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldPanel("description"),
        FieldPanel("group"),
        InlinePanel("assignments", heading=_("Đơn vị đảm nhiệm"), label=_("đơn vị")),
    ]

    class Meta:
        verbose_name = _("vai trò phối hợp")
        verbose_name_plural = _("vai trò phối hợp")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def unit_on(self, day: datetime.date | None = None):
        """The unit holding this role on `day` (today by default), or None."""
        day = day or timezone.localdate()
        assignment = (
            self.assignments.filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=day),
                Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            )
            .select_related("unit")
            .first()
        )
        return assignment.unit if assignment else None


class RoleAssignment(Orderable):
    """A unit holding a coordinating role for a period."""

    role = ParentalKey(CoordinatingRole, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "cms.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
        help_text=_("Đơn vị đảm nhiệm vai trò trong khoảng thời gian này."),
    )
    valid_from = models.DateField(
        _("từ ngày"), null=True, blank=True, help_text=_("Để trống nếu từ trước khi có dữ liệu.")
    )
    valid_until = models.DateField(
        _("đến ngày"), null=True, blank=True, help_text=_("Để trống nếu vẫn đang đảm nhiệm.")
    )

    panels = [FieldPanel("unit"), FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")])]

    class Meta(Orderable.Meta):
        verbose_name = _("đơn vị đảm nhiệm")
        verbose_name_plural = _("đơn vị đảm nhiệm")

    def __str__(self) -> str:
        return f"{self.role} – {self.unit}"

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValidationError({"valid_until": _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")})
