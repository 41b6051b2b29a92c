"""Emulation clusters and blocks (cụm, khối thi đua) and the units that sign their pledge."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.models import Unit
from cms.text import normalize

from .common import canonical_number, decision_number_field, private_document, year_field


class ClusterKind(models.TextChoices):
    """A cluster groups units of one level by region, a block units of one kind of work."""

    CLUSTER = "cluster", _("Cụm thi đua")
    BLOCK = "block", _("Khối thi đua")


class EmulationCluster(ClusterableModel):
    """
    A cluster or block for one year: its member units (valid on that date), the leading unit
    and its deputy, and the pledge (giao ước thi đua) they sign. A unit belongs to one
    cluster per year; a merged province's memberships stay with it, its successor's start
    with the year it exists (Directive 02/CT-VKSTC asks clusters to coordinate).
    """

    name = models.CharField(_("tên cụm, khối"), max_length=200, help_text=_("Ví dụ: Cụm thi đua số 5."))
    kind = models.CharField(
        _("loại"),
        max_length=10,
        choices=ClusterKind.choices,
        default=ClusterKind.CLUSTER,
        help_text=_("Cụm hay khối."),
    )
    year = year_field()
    leading_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị trưởng cụm, khối"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị làm trưởng cụm, khối trong năm; phải là thành viên."),
    )
    deputy_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị phó cụm, khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị làm phó cụm, khối; phải là thành viên."),
    )
    pledge_number = decision_number_field(
        _("số giao ước thi đua"), help_text=_("Số văn bản giao ước, nếu có.")
    )
    pledge_date = models.DateField(
        _("ngày ký giao ước"), null=True, blank=True, help_text=_("Ngày các đơn vị ký giao ước (dd/mm/yyyy).")
    )
    pledge_document = private_document(_("văn bản giao ước"), _("Bản giao ước đã ký (PDF); không công khai."))
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"),
        default=False,
        help_text=_("Đánh dấu dữ liệu minh họa, không có trong văn bản nguồn."),
    )
    note = models.TextField(
        _("ghi chú"), blank=True, help_text=_("Căn cứ, nguồn hoặc điều cần kiểm tra lại.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("leading_unit"), FieldPanel("deputy_unit")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pledge_number"), FieldPanel("pledge_date")]),
                FieldPanel("pledge_document"),
            ],
            heading=_("Giao ước thi đua"),
        ),
        InlinePanel("memberships", heading=_("Đơn vị thành viên"), label=_("đơn vị")),
        FieldPanel("is_sample"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="emulationcluster_unique_name_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    @property
    def reference_date(self) -> datetime.date:
        """The day members must exist: the pledge's date, else 1 January of the year."""
        return self.pledge_date or datetime.date(self.year, 1, 1)

    def clean(self) -> None:
        super().clean()
        self.name = normalize(self.name).strip()
        self.pledge_number = canonical_number(self.pledge_number)
        errors = {}
        if self.pledge_date and self.pledge_date.year not in (self.year - 1, self.year):
            errors["pledge_date"] = _("Giao ước phải được ký trong năm thi đua hoặc cuối năm trước.")
        if self.deputy_unit_id and self.deputy_unit_id == self.leading_unit_id:
            errors["deputy_unit"] = _("Đơn vị phó phải khác đơn vị trưởng cụm, khối.")
        for name in ("leading_unit", "deputy_unit"):
            unit = getattr(self, name, None) if getattr(self, f"{name}_id") else None
            if unit and self.year and not unit.is_valid_on(self.reference_date):
                errors[name] = _("Đơn vị %(unit)s không hoạt động vào ngày %(date)s.") % {
                    "unit": unit,
                    "date": self.reference_date.strftime("%d/%m/%Y"),
                }
        if errors:
            raise ValidationError(errors)


class ClusterMembership(Orderable):
    """A unit's membership of a cluster for the cluster's year (one cluster per unit and year)."""

    cluster = ParentalKey(EmulationCluster, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="emulation_memberships",
        help_text=_("Đơn vị hoạt động vào ngày ký giao ước (hoặc ngày 01/01 của năm)."),
    )
    # The cluster's year, copied so that the database keeps one cluster per unit and year.
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    leads_emulation = models.BooleanField(
        _("dẫn đầu phong trào thi đua"),
        default=False,
        help_text=_(
            "Kết quả bình xét, suy tôn cuối năm của cụm, khối (điều kiện của Cờ thi đua). Khác với đơn vị "
            "trưởng cụm, khối."
        ),
    )

    panels = [FieldRowPanel([FieldPanel("unit"), FieldPanel("leads_emulation")])]

    class Meta(Orderable.Meta):
        verbose_name = _("đơn vị thành viên")
        verbose_name_plural = _("đơn vị thành viên")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="clustermembership_one_cluster_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.cluster}"

    def save(self, *args, **kwargs) -> None:
        self.year = self.cluster.year
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        # A new cluster's membership rows are cleaned before the cluster exists (no cluster_id):
        # reading `self.cluster` then raised RelatedObjectDoesNotExist (a 500 found by the fuzzer).
        cluster = self.cluster if self.cluster_id or "cluster" in self._state.fields_cache else None
        if not (self.unit_id and cluster and cluster.year):
            return
        self.year = cluster.year
        day = cluster.reference_date
        if not self.unit.is_valid_on(day):
            successors = ", ".join(str(u) for u in self.unit.successors_on(day))
            message = _("Đơn vị %(unit)s không hoạt động vào ngày %(date)s.") % {
                "unit": self.unit,
                "date": day.strftime("%d/%m/%Y"),
            }
            if successors:
                message += " " + _("Đơn vị kế thừa: %(units)s.") % {"units": successors}
            raise ValidationError({"unit": message})
        other = (
            ClusterMembership.objects.filter(unit_id=self.unit_id, year=cluster.year)
            .exclude(cluster_id=cluster.pk)
            .select_related("cluster")
            .first()
        )
        if other is not None:
            raise ValidationError(
                {
                    "unit": _("Đơn vị đã thuộc %(cluster)s trong năm %(year)s.")
                    % {"cluster": other.cluster, "year": cluster.year}
                }
            )


def cluster_history(unit: Unit) -> list[ClusterMembership]:
    """
    A unit's memberships across the reorganisation: its own and its predecessors' (e.g. VKSND
    tỉnh Lâm Đồng since 1/7/2025 and, before, VKSND tỉnh Bình Thuận), newest year first.
    """
    ids = {unit.pk}
    frontier = [unit]
    while frontier:
        current = frontier.pop()
        for predecessor in current.predecessors.all():
            if predecessor.pk not in ids:
                ids.add(predecessor.pk)
                frontier.append(predecessor)
    return list(
        ClusterMembership.objects.filter(unit_id__in=ids)
        .select_related("cluster", "unit")
        .order_by("-year", "unit__short_name")
    )
