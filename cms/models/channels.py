"""Publication channels: where approved content may appear, and what partners may read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class Channel(models.Model):
    """
    A publication channel (kênh đăng tải): the Portal, the newspaper, the journal, unit
    websites, the Central Emulation & Rewards Committee's journal, or `public`.

    An exemplar is approved for a set of channels; a partner key is entitled to a set of
    channels; anonymous API callers see the `public` channel only. The code is stable.
    """

    code = models.SlugField(
        _("mã kênh"),
        max_length=40,
        unique=True,
        help_text=_("Mã ổn định dùng trong API, ví dụ: portal, public. Không đổi sau khi tạo."),
    )
    name = models.CharField(_("tên kênh"), max_length=120, help_text=_("Tên hiển thị cho biên tập viên."))
    description = models.TextField(_("mô tả"), blank=True, help_text=_("Kênh là gì, ai quản lý."))
    url = models.URLField(_("địa chỉ trang web"), blank=True, help_text=_("Trang web của kênh, nếu có."))
    is_public = models.BooleanField(
        _("công khai"),
        default=False,
        help_text=_("Nội dung được duyệt cho kênh này ai cũng đọc được qua API mở."),
    )
    editorial_role = models.ForeignKey(
        "cms.CoordinatingRole",
        verbose_name=_("vai trò biên tập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="editorial_channels",
        help_text=_(
            "Với kênh của cơ quan báo chí: vai trò phải biên tập và phê duyệt nội dung được chọn cho kênh."
        ),
    )
    # Regulation of 31/3/2021: each unit publishes within its own function. Who releases
    # content to this channel is data, so a reorganisation is an edit here, not a release.
    publisher_role = models.ForeignKey(
        "cms.CoordinatingRole",
        verbose_name=_("vai trò đăng tải"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_channels",
        help_text=_(
            "Vai trò quyết định đăng nội dung lên kênh này ở bước cuối của quy trình; để trống là Văn phòng."
        ),
    )
    published_by_unit_head = models.BooleanField(
        _("do lãnh đạo đơn vị đề xuất đăng tải"),
        default=False,
        help_text=_(
            "Chọn nếu lãnh đạo của chính đơn vị đề xuất quyết định đăng lên kênh này "
            "(ví dụ trang thông tin điện tử của đơn vị) thay cho vai trò đăng tải."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Thứ tự hiển thị."))

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldPanel("description"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("is_public"), FieldPanel("editorial_role"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("publisher_role"), FieldPanel("published_by_unit_head")]),
    ]

    class Meta:
        verbose_name = _("kênh đăng tải")
        verbose_name_plural = _("kênh đăng tải")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
