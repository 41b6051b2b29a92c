"""The units directory: every procuracy unit that proposes, verifies or publishes content."""

from __future__ import annotations

import datetime
import re

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, validate_email
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Locale

from cms.text import normalize


class UnitLevel(models.TextChoices):
    """Where a unit sits in the procuracy system."""

    SUPREME = "supreme", _("VKSND tối cao")
    DEPARTMENT = "department", _("Đơn vị thuộc VKSND tối cao")
    SECTION = "section", _("Phòng thuộc đơn vị")
    HIGH_LEVEL = "high_level", _("VKSND cấp cao")
    PROVINCIAL = "provincial", _("VKSND cấp tỉnh")
    REGIONAL = "regional", _("VKSND khu vực")
    DISTRICT = "district", _("VKSND cấp huyện")
    MILITARY = "military", _("Viện kiểm sát quân sự")
    PRESS = "press", _("Cơ quan báo chí")


class UnitQuerySet(models.QuerySet):
    """Temporal look-ups on the directory."""

    def valid_on(self, day: datetime.date) -> UnitQuerySet:
        """Units that existed on `day` (both bounds inclusive)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )

    def current(self) -> UnitQuerySet:
        return self.valid_on(timezone.localdate())

    def ended(self, day: datetime.date | None = None) -> UnitQuerySet:
        """Units whose last day was before `day` (today by default)."""
        return self.filter(valid_until__lt=day or timezone.localdate())

    def for_email(self, address: str) -> UnitQuerySet:
        """Units that list this address among their contact addresses (case-insensitively)."""
        address = address.strip().lower()
        if not address or "@" not in address:
            return self.none()
        # Contact addresses are stored one per line; a containment query narrows the rows,
        # the exact comparison below rules out "a@x.vn" matching "aa@x.vn".
        candidates = self.filter(emails__icontains=address)
        return self.filter(pk__in=[u.pk for u in candidates if address in u.email_addresses()])

    def by_code(self, code: str) -> Unit:
        """The unit with this code or former code (e.g. "V16"), case-insensitively."""
        code = code.strip()
        return self.get(Q(code__iexact=code) | Q(former_code__iexact=code))


def split_email_lines(value: str) -> list[str]:
    """Addresses written one per line (commas and semicolons also separate), lower-cased."""
    return [part.strip().lower() for part in re.split(r"[\s,;]+", value or "") if part.strip()]


def validate_email_lines(value: str) -> None:
    for address in split_email_lines(value):
        try:
            validate_email(address)
        except ValidationError as error:
            raise ValidationError(
                _("“%(address)s” không phải là địa chỉ thư điện tử hợp lệ."), params={"address": address}
            ) from error


code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]*$",
    _("Mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch ngang (ví dụ: VKS-BINHTHUAN)."),
)


class Unit(models.Model):
    """
    A unit (đơn vị) of the procuracy system, with the dates it existed.

    The organisation changed on 1/7/2025 (provinces merged, high-level procuracies ended),
    so units are never rewritten: a unit that ended keeps its content, carries
    `valid_until`, and its successors list it among their `predecessors`.
    """

    code = models.CharField(
        _("mã đơn vị"),
        max_length=40,
        unique=True,
        validators=[code_validator],
        help_text=_("Mã ổn định dùng trong API và dữ liệu nạp, ví dụ VKS-BINHTHUAN."),
    )
    former_code = models.CharField(
        _("mã cũ / ký hiệu"),
        max_length=40,
        blank=True,
        help_text=_("Ký hiệu cũ dùng trong số văn bản, ví dụ V16 trong 927/VKSTC-V16."),
    )
    name = models.CharField(
        _("tên đầy đủ"),
        max_length=255,
        help_text=_("Tên chính thức, ví dụ: Viện kiểm sát nhân dân tỉnh Bình Thuận."),
    )
    short_name = models.CharField(
        _("tên viết tắt"),
        max_length=120,
        help_text=_("Tên ngắn hiển thị trong danh sách, ví dụ: VKSND tỉnh Bình Thuận."),
    )
    name_en = models.CharField(
        _("tên tiếng Anh"),
        max_length=255,
        blank=True,
        help_text=_(
            "Tên chính thức bằng tiếng Anh, dùng trong bản tiếng Anh, "
            "ví dụ: People's Procuracy of Bình Thuận Province. Để trống thì dùng tên tiếng Việt."
        ),
    )
    short_name_en = models.CharField(
        _("tên viết tắt tiếng Anh"),
        max_length=120,
        blank=True,
        help_text=_("Tên ngắn bằng tiếng Anh; để trống thì dùng tên tiếng Anh đầy đủ."),
    )
    level = models.CharField(
        _("cấp"),
        max_length=20,
        choices=UnitLevel.choices,
        help_text=_("Vị trí của đơn vị trong hệ thống Viện kiểm sát nhân dân."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Đơn vị trực tiếp quản lý đơn vị này."),
    )
    province = models.CharField(
        _("tỉnh / thành phố"),
        max_length=80,
        blank=True,
        help_text=_("Tỉnh, thành phố trực thuộc trung ương nơi đơn vị đóng trụ sở (cấp tỉnh)."),
    )
    valid_from = models.DateField(
        _("hoạt động từ ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu đơn vị đã tồn tại trước khi có dữ liệu."),
    )
    valid_until = models.DateField(
        _("hoạt động đến ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối cùng đơn vị tồn tại; để trống nếu đơn vị vẫn đang hoạt động."),
    )
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị tiền thân"),
        symmetrical=False,
        blank=True,
        related_name="successors",
        help_text=_("Các đơn vị đã hợp nhất, sáp nhập vào đơn vị này."),
    )
    is_contributing = models.BooleanField(
        _("đơn vị đề xuất"),
        default=True,
        help_text=_(
            "Đơn vị có thư mục riêng để đề xuất gương điển hình, "
            "với nhóm biên tập viên và nhóm lãnh đạo đơn vị."
        ),
    )
    editor_group = models.OneToOneField(
        Group,
        verbose_name=_("nhóm biên tập viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Tạo tự động bởi lệnh setup_site."),
    )
    head_group = models.OneToOneField(
        Group,
        verbose_name=_("nhóm lãnh đạo đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Tạo tự động bởi lệnh setup_site; lãnh đạo xác nhận đề xuất của đơn vị."),
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("thư mục ảnh và tài liệu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit",
        help_text=_("Tạo tự động bởi lệnh setup_site; ảnh và tài liệu do đơn vị tải lên."),
    )
    website = models.URLField(
        _("trang thông tin điện tử"),
        blank=True,
        help_text=_("Địa chỉ website của đơn vị, ví dụ https://vksbinhthuan.gov.vn."),
    )
    emails = models.TextField(
        _("địa chỉ thư điện tử"),
        blank=True,
        validators=[validate_email_lines],
        help_text=_(
            "Mỗi dòng một địa chỉ. Thư gửi từ các địa chỉ này (hoặc của người dùng thuộc đơn vị) "
            "vào hộp thư Thi đua - Khen thưởng được tạo thành đề xuất nháp của đơn vị."
        ),
    )
    source = models.CharField(
        _("căn cứ thành lập / kết thúc"),
        max_length=255,
        blank=True,
        help_text=_(
            "Nghị quyết, quyết định thành lập hoặc chấm dứt đơn vị, ví dụ: Nghị quyết 202/2025/QH15."
        ),
    )
    note = models.TextField(
        _("ghi chú"),
        blank=True,
        help_text=_("Nguồn, căn cứ pháp lý hoặc thông tin cần kiểm tra lại."),
    )

    objects = UnitQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("name_en"), FieldPanel("short_name_en")]),
                FieldRowPanel([FieldPanel("code"), FieldPanel("former_code")]),
                FieldRowPanel([FieldPanel("parent"), FieldPanel("province")]),
                FieldRowPanel([FieldPanel("website"), FieldPanel("emails")]),
            ],
            heading=_("Thông tin đơn vị"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldPanel("predecessors"),
                FieldPanel("source"),
            ],
            heading=_("Thời gian hoạt động"),
        ),
        FieldPanel("is_contributing"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["level", "short_name", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=models.F("valid_until")),
                name="unit_valid_from_before_until",
            )
        ]

    def __str__(self) -> str:
        if self.valid_until and self.valid_until < timezone.localdate():
            return _("%(name)s (đến %(date)s)") % {
                "name": self.short_name,
                "date": self.valid_until.strftime("%d/%m/%Y"),
            }
        return self.short_name

    def clean(self) -> None:
        super().clean()
        for field in ("name", "short_name", "name_en", "short_name_en", "province", "source", "note"):
            setattr(self, field, normalize(getattr(self, field)).strip())
        self.code = self.code.strip().upper()
        self.emails = "\n".join(dict.fromkeys(split_email_lines(self.emails)))
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValidationError(
                {"valid_until": _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu hoạt động.")}
            )
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Đơn vị không thể là cấp trên của chính nó.")})

    def names_in(self, language_code: str) -> tuple[str, str]:
        """
        Full and short name in a content language. A unit is one record in every language
        (its groups, folders and permissions hang on it), so it is not a wagtail-localize
        translatable object: its official English name is a fact kept on it, and Vietnamese
        is the answer where it has none.
        """
        if language_code == "en" and self.name_en:
            return self.name_en, self.short_name_en or self.name_en
        return self.name, self.short_name

    def email_addresses(self) -> list[str]:
        return split_email_lines(self.emails)

    def has_ended(self, day: datetime.date | None = None) -> bool:
        """True once the unit's last day is past: its folder takes no new content."""
        return self.valid_until is not None and self.valid_until < (day or timezone.localdate())

    def status_label(self) -> str:
        """For the units' admin: in operation, not yet, or ended (and what succeeded it)."""
        today = timezone.localdate()
        if self.valid_from and self.valid_from > today:
            return _("Hoạt động từ %(date)s") % {"date": self.valid_from.strftime("%d/%m/%Y")}
        if not self.has_ended(today):
            return str(_("Đang hoạt động"))
        successors = ", ".join(unit.short_name for unit in self.successors.all())
        ended = _("Đã kết thúc %(date)s") % {"date": self.valid_until.strftime("%d/%m/%Y")}
        return f"{ended} → {successors}" if successors else str(ended)

    def closure_notice(self) -> str:
        """Why nothing new may start in this ended unit's folder, and where to go instead."""
        successors = ", ".join(unit.short_name for unit in self.successors_on())
        notice = _(
            "%(unit)s đã kết thúc hoạt động ngày %(date)s: thư mục của đơn vị không nhận nội dung "
            "hay tệp tải lên mới."
        ) % {"unit": self.short_name, "date": self.valid_until.strftime("%d/%m/%Y")}
        if successors:
            notice += " " + _("Đơn vị kế tục: %(successors)s.") % {"successors": successors}
        return notice

    status_label.short_description = _("tình trạng")

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def successors_on(self, day: datetime.date | None = None) -> list[Unit]:
        """
        What this unit became: the units valid on `day` (today by default) reached by
        following successors, e.g. VKSND tỉnh Bình Thuận -> VKSND tỉnh Lâm Đồng (2025).
        A unit still valid on `day` is its own answer.
        """
        day = day or timezone.localdate()
        found: list[Unit] = []
        seen: set[int] = set()
        frontier: list[Unit] = [self]
        while frontier:
            unit = frontier.pop(0)
            if unit.pk in seen:
                continue
            seen.add(unit.pk)
            if unit.is_valid_on(day):
                found.append(unit)
            else:
                frontier.extend(unit.successors.all())
        return found

    @property
    def folder(self):
        """The unit's folder of exemplars in the source (Vietnamese) locale."""
        return self.folders.filter(locale=Locale.get_default()).first()

    def descendant_ids(self) -> set[int]:
        """Ids of this unit and every unit beneath it (for "unit including sub-units")."""
        ids = {self.pk}
        frontier = [self.pk]
        while frontier:
            frontier = list(
                Unit.objects.filter(parent_id__in=frontier).exclude(pk__in=ids).values_list("pk", flat=True)
            )
            ids.update(frontier)
        return ids

    def group_name(self, kind: str) -> str:
        """Name of the unit's editor or head group, unique thanks to the code."""
        labels = {"editors": "Biên tập viên", "heads": "Lãnh đạo đơn vị"}
        return f"{self.short_name} [{self.code}] – {labels[kind]}"[:150]
