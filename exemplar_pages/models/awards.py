"""Awards: the controlled vocabularies of the Law on Emulation and Commendation, and award rows."""

from __future__ import annotations

import contextlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.docnumbers import parse_document_number, validate_document_number
from cms.text import normalize


class AwardCategory(models.TextChoices):
    """Families of awards (Law 06/2022/QH15)."""

    EMULATION_TITLE = "emulation_title", _("Danh hiệu thi đua")
    ORDER = "order", _("Huân chương")
    MEDAL = "medal", _("Huy chương")
    HONORARY_TITLE = "honorary_title", _("Danh hiệu vinh dự nhà nước")
    PRIZE = "prize", _("Giải thưởng")
    COMMEMORATIVE_MEDAL = "commemorative_medal", _("Kỷ niệm chương")
    CERTIFICATE_OF_MERIT = "certificate_of_merit", _("Bằng khen")
    CERTIFICATE = "certificate", _("Giấy khen")


class Recipient(models.TextChoices):
    """Who an award or an exemplar is: a person or a collective."""

    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


class AwardStatus(models.TextChoices):
    """An award row records what was received, or what has been proposed and not yet decided."""

    RECEIVED = "received", _("Đã được tặng")
    PROPOSED = "proposed", _("Đang đề nghị")


class VocabularyEntry(TranslatableMixin, models.Model):
    """
    An entry of an award vocabulary, translatable through wagtail-localize.

    The Vietnamese entry is the one pages point at; its translations only give the name in
    another language (the API names an English edition's awards from them). The facts in
    `synchronised_fields` stay those of the Vietnamese entry: saving it copies them to its
    translations, so a translation can never disagree about what the award is.
    """

    synchronised_fields: tuple[str, ...] = ()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def save(self, *args, **kwargs) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding and self.synchronised_fields and self.locale_id == Locale.get_default().pk:
            facts = {name: getattr(self, name) for name in self.synchronised_fields}
            type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).update(
                **facts
            )

    @classmethod
    def source_entries(cls):
        """The Vietnamese entries: the ones award rows point at."""
        return cls.objects.filter(in_default_locale())

    def delete(self, *args, **kwargs):
        # The translations of a Vietnamese entry name nothing else: they go with it.
        if self.locale_id == Locale.get_default().pk:
            self.get_translations().delete()
        return super().delete(*args, **kwargs)


def in_default_locale() -> Q:
    """Award rows choose among the Vietnamese entries only; each is listed once."""
    return Q(locale_id=Locale.get_default().pk)


def active_in_default_locale() -> Q:
    """
    Award forms that may be chosen: the Vietnamese entries still in use. A switched-off entry
    (a retired one, replaced by its classes) stays on the rows that point at it, but nothing
    new may choose it; editing such a row asks for a current entry.
    """
    return in_default_locale() & Q(is_active=True)


class AwardForm(VocabularyEntry):
    """
    A title or form of award from the controlled vocabulary (e.g. "Chiến sĩ thi đua cơ sở",
    "Bằng khen của Chủ tịch UBND cấp tỉnh"). Kept as data so that administrators can follow
    changes of the law without a release.
    """

    name = models.CharField(
        _("tên danh hiệu / hình thức"),
        max_length=200,
        help_text=_("Tên theo Luật Thi đua, khen thưởng, ví dụ: Chiến sĩ thi đua cơ sở."),
    )
    category = models.CharField(
        _("loại"), max_length=30, choices=AwardCategory.choices, help_text=_("Nhóm danh hiệu hoặc hình thức.")
    )
    applies_to = models.CharField(
        _("đối tượng"),
        max_length=20,
        choices=Recipient.choices,
        default=Recipient.BOTH,
        help_text=_("Danh hiệu dành cho cá nhân, tập thể hay cả hai."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Thứ tự trong danh sách chọn.")
    )
    is_active = models.BooleanField(
        _("đang áp dụng"), default=True, help_text=_("Bỏ chọn khi hình thức không còn được áp dụng.")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("applies_to")]),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
    ]

    synchronised_fields = ("category", "applies_to", "sort_order", "is_active")

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("danh hiệu / hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu / hình thức khen thưởng")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="awardform_unique_name_per_locale")
        ]

    def __str__(self) -> str:
        return self.name


class CommendationKind(VocabularyEntry):
    """A kind of commendation (loại hình khen thưởng, Art. 8): regular, ad hoc, by campaign…"""

    code = models.SlugField(_("mã"), max_length=40, help_text=_("Mã ổn định dùng trong API."))
    name = models.CharField(_("tên loại hình"), max_length=120, help_text=_("Ví dụ: Khen thưởng đột xuất."))
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Thứ tự trong danh sách chọn.")
    )

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")])]

    synchronised_fields = ("code", "sort_order")

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("loại hình khen thưởng")
        verbose_name_plural = _("loại hình khen thưởng")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "code"], name="commendationkind_unique_code_per_locale")
        ]

    def __str__(self) -> str:
        return self.name


class Award(TranslatableMixin, Orderable):
    """
    One award an exemplar received, as in part III of an achievement report: the form of
    award, the decision that granted it (number, date, issuing authority) and, optionally,
    the scanned decision (a private document, never shown through the API).

    An English edition has its own copies of its source's awards (wagtail-localize, matched by
    `translation_key`): the words — what the award was for and who issued it — are offered to
    the translator; the facts are copied from the Vietnamese row and cannot be overridden. The
    form and kind stay the Vietnamese vocabulary entries (the API names them in English from
    the vocabulary's translations).
    """

    exemplar = ParentalKey("exemplar_pages.ExemplarPage", on_delete=models.CASCADE, related_name="awards")
    award_form = models.ForeignKey(
        AwardForm,
        verbose_name=_("danh hiệu / hình thức"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=active_in_default_locale,
        help_text=_("Chọn từ danh mục theo Luật Thi đua, khen thưởng."),
    )
    kind = models.ForeignKey(
        CommendationKind,
        verbose_name=_("loại hình khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=in_default_locale,
        help_text=_("Thường xuyên, đột xuất, theo đợt…"),
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=20,
        choices=AwardStatus.choices,
        default=AwardStatus.RECEIVED,
        help_text=_("Đã được tặng (có quyết định) hay đang được đề nghị."),
    )
    source = models.CharField(
        _("nguồn ghi nhận"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("Ghi tự động khi khen thưởng được tạo từ quyết định của một đợt xét khen thưởng."),
    )
    title = models.CharField(
        _("nội dung khen thưởng"),
        max_length=255,
        blank=True,
        help_text=_("Ghi rõ nếu cần, ví dụ: Bằng khen của Chủ tịch UBND tỉnh Bình Thuận."),
    )
    decision_number = models.CharField(
        _("số quyết định"),
        max_length=60,
        blank=True,
        validators=[validate_document_number],
        help_text=_("Theo số ghi trên quyết định, ví dụ: 1136/QĐ-UBND. Bắt buộc trước khi thẩm định."),
    )
    decision_date = models.DateField(
        _("ngày quyết định"),
        null=True,
        blank=True,
        help_text=_("Ngày ký quyết định (dd/mm/yyyy). Bắt buộc trước khi thẩm định."),
    )
    issuing_authority = models.CharField(
        _("cơ quan ban hành"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Ủy ban nhân dân tỉnh Bình Thuận."),
    )
    decision_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("bản chụp quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bản chụp quyết định (PDF hoặc ảnh) để thẩm định; không công khai."),
    )

    panels = [
        FieldRowPanel([FieldPanel("award_form"), FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
        FieldPanel("issuing_authority"),
        FieldPanel("decision_document"),
    ]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("issuing_authority"),
        SynchronizedField("award_form", overridable=False),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("decision_number", overridable=False),
        SynchronizedField("decision_date", overridable=False),
        SynchronizedField("decision_document", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")

    def __str__(self) -> str:
        return f"{self.award_form} ({self.decision_number or '…'})"

    def clean(self) -> None:
        super().clean()
        errors = {}
        self.title = normalize(self.title).strip()
        self.issuing_authority = normalize(self.issuing_authority).strip()
        if self.decision_number:
            # The field validator reports a malformed number; a valid one is stored canonically.
            with contextlib.suppress(ValidationError):
                self.decision_number = parse_document_number(self.decision_number).text
        if self.decision_date and self.decision_date > timezone.localdate():
            errors["decision_date"] = _("Ngày quyết định không thể ở tương lai.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_documented(self) -> bool:
        """Whether the decision is identified well enough to be verified."""
        return bool(self.decision_number and self.decision_date)

    @property
    def is_received(self) -> bool:
        return self.status == AwardStatus.RECEIVED

    @property
    def year(self) -> int | None:
        return self.decision_date.year if self.decision_date else None

    @classmethod
    def is_decision_document(cls, document) -> bool:
        """Whether `document` is the scanned decision of an award (never public)."""
        return cls.objects.filter(decision_document=document).exists()
