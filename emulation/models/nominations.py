"""Nomination rounds, nominations (the summary list's rows) and the eligibility rules they meet."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.models import Unit
from cms.text import normalize
from exemplar_pages.models.awards import active_in_default_locale, in_default_locale

from .common import canonical_number, decision_number_field, private_document, year_field
from .initiatives import InitiativeScope


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang nhận hồ sơ")
    REVIEWING = "reviewing", _("Đang xét")
    DECIDED = "decided", _("Đã có quyết định")


class NominationRound(models.Model):
    """
    A round of nominations for one year and one award, e.g. the Procurator General's Bằng
    khen for 2024: units submit nominees until the deadline, emulation & rewards reviews them,
    and the decision (number, date) turns the approved ones into awards on their exemplars.
    """

    title = models.CharField(
        _("tên đợt xét"),
        max_length=255,
        help_text=_("Ví dụ: Xét tặng Bằng khen của Viện trưởng VKSND tối cao năm 2024."),
    )
    year = year_field()
    award_form = models.ForeignKey(
        "exemplar_pages.AwardForm",
        verbose_name=_("danh hiệu / hình thức"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=active_in_default_locale,
        help_text=_("Danh hiệu hoặc hình thức khen thưởng được xét trong đợt."),
    )
    kind = models.ForeignKey(
        "exemplar_pages.CommendationKind",
        verbose_name=_("loại hình khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=in_default_locale,
        help_text=_(
            "Thường xuyên, đột xuất, theo đợt…; khen thưởng đột xuất không được tính để xét hình thức cao hơn."
        ),
    )
    submission_deadline = models.DateField(
        _("hạn gửi hồ sơ"), null=True, blank=True, help_text=_("Ngày cuối cùng các đơn vị gửi đề nghị.")
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN, editable=False
    )
    needs_public_consultation = models.BooleanField(
        _("cần lấy ý kiến nhân dân"),
        default=False,
        help_text=_(
            "Công bố danh sách để lấy ý kiến trước khi quyết định (ví dụ Chiến sĩ thi đua toàn quốc)."
        ),
    )
    decision_number = decision_number_field()
    decision_date = models.DateField(
        _("ngày quyết định"), null=True, blank=True, help_text=_("Ngày ký quyết định khen thưởng.")
    )
    issuing_authority = models.CharField(
        _("cơ quan, người ký quyết định"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Viện trưởng VKSND tối cao."),
    )
    decision_document = private_document(
        _("bản chụp quyết định"), _("Quyết định khen thưởng (PDF); không công khai.")
    )
    decided_at = models.DateTimeField(_("ngày ghi quyết định"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Đánh dấu dữ liệu minh họa.")
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("award_form"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("submission_deadline"), FieldPanel("needs_public_consultation")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
                FieldPanel("issuing_authority"),
                FieldPanel("decision_document"),
            ],
            heading=_("Quyết định khen thưởng"),
        ),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("đợt xét khen thưởng")
        verbose_name_plural = _("đợt xét khen thưởng")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        self.title = normalize(self.title).strip()
        self.issuing_authority = normalize(self.issuing_authority).strip()
        self.decision_number = canonical_number(self.decision_number)


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để bổ sung")
    APPROVED = "approved", _("Được khen thưởng")
    REJECTED = "rejected", _("Không được khen thưởng")


def parse_years(text: str) -> set[int]:
    """ "2023, 2024" (commas, semicolons or spaces) → {2023, 2024}; ValueError for anything else."""
    years = set()
    for word in (text or "").replace(";", ",").replace(",", " ").split():
        if not (word.isdigit() and len(word) == 4 and 1945 <= int(word) <= 2100):
            raise ValueError(word)
        years.add(int(word))
    return years


class NominationKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class Nomination(models.Model):
    """
    One nominee of a unit in a round: the summary list's row (name, position and unit, a one-
    or two-line summary, the proposed form), the achievement report, and, once decided, the
    outcome. A nominee may be one of the unit's exemplars or a new row.
    """

    round = models.ForeignKey(
        NominationRound,
        verbose_name=_("đợt xét"),
        on_delete=models.CASCADE,
        related_name="nominations",
        help_text=_("Đợt xét khen thưởng."),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="nominations",
        help_text=_("Đơn vị gửi đề nghị."),
    )
    exemplar = models.ForeignKey(
        "exemplar_pages.ExemplarPage",
        verbose_name=_("gương điển hình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
        help_text=_("Chọn nếu người hoặc tập thể được đề nghị đã có hồ sơ gương điển hình."),
    )
    kind = models.CharField(
        _("đối tượng"),
        max_length=20,
        choices=NominationKind.choices,
        default=NominationKind.INDIVIDUAL,
        help_text=_("Cá nhân hay tập thể."),
    )
    name = models.CharField(
        _("họ tên / tên tập thể"),
        max_length=255,
        blank=True,
        help_text=_("Để trống nếu chọn gương điển hình: lấy theo hồ sơ."),
    )
    position_and_unit = models.CharField(
        _("chức vụ, đơn vị"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: Kiểm sát viên, Phòng 1, VKSND tỉnh Bình Thuận."),
    )
    summary = models.TextField(
        _("tóm tắt thành tích"),
        max_length=500,
        help_text=_("Một, hai dòng tóm tắt thành tích (trích ngang)."),
    )
    proposed_form = models.ForeignKey(
        "exemplar_pages.AwardForm",
        verbose_name=_("hình thức đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=active_in_default_locale,
        help_text=_("Danh hiệu hoặc hình thức khen thưởng đề nghị."),
    )
    proposal_number = decision_number_field(
        _("số tờ trình đề nghị"), help_text=_("Số văn bản đề nghị của đơn vị, ví dụ: 15/TTr-VKS.")
    )
    achievement_report = private_document(
        _("báo cáo thành tích"), _("Báo cáo thành tích có xác nhận của lãnh đạo đơn vị; không công khai.")
    )
    row = models.PositiveSmallIntegerField(
        _("số thứ tự"), default=0, help_text=_("Thứ tự trong danh sách trích ngang.")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
        editable=False,
    )
    review_comment = models.TextField(_("ý kiến thẩm định"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True, editable=False)
    award_recorded = models.BooleanField(_("đã ghi khen thưởng vào hồ sơ"), default=False, editable=False)
    excellent_years = models.CharField(
        _("các năm hoàn thành xuất sắc nhiệm vụ"),
        max_length=100,
        blank=True,
        help_text=_(
            "Các năm được đánh giá, xếp loại “Hoàn thành xuất sắc nhiệm vụ”, cách nhau bằng dấu phẩy, "
            "ví dụ: 2023, 2024 (điều kiện của Bằng khen)."
        ),
    )
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Đánh dấu dữ liệu minh họa.")
    )

    panels = [
        FieldPanel("round"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("kind"), FieldPanel("row")]),
        FieldPanel("exemplar"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("position_and_unit")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("proposed_form"), FieldPanel("proposal_number")]),
        FieldPanel("excellent_years"),
        FieldPanel("achievement_report"),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["round", "unit__short_name", "row", "pk"]
        permissions = [
            ("submit_nomination", _("Gửi đề nghị khen thưởng của đơn vị")),
            ("review_nomination", _("Thẩm định, quyết định đề nghị khen thưởng")),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} – {self.round}"

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.exemplar.title if self.exemplar_id else ""

    display_name.fget.short_description = _("Họ tên / tập thể")

    def clean(self) -> None:
        super().clean()
        for field in ("name", "position_and_unit", "summary"):
            setattr(self, field, normalize(getattr(self, field)).strip())
        self.proposal_number = canonical_number(self.proposal_number)
        errors = {}
        if not self.name and not self.exemplar_id:
            errors["name"] = _("Nhập họ tên hoặc chọn gương điển hình.")
        if self.exemplar_id and self.unit_id and self.exemplar.unit_id not in self.unit.descendant_ids():
            errors["exemplar"] = _("Gương điển hình phải thuộc đơn vị đề nghị.")
        if self.summary.count("\n") > 1:
            errors["summary"] = _("Tóm tắt thành tích chỉ một, hai dòng.")
        try:
            years = parse_years(self.excellent_years)
        except ValueError:
            errors["excellent_years"] = _(
                "Ghi các năm bằng bốn chữ số, cách nhau bằng dấu phẩy, ví dụ: 2023, 2024."
            )
        else:
            if self.round_id and any(year > self.round.year for year in years):
                errors["excellent_years"] = _("Không thể ghi năm sau năm xét khen thưởng.")
            self.excellent_years = ", ".join(str(year) for year in sorted(years))
        if errors:
            raise ValidationError(errors)
        if self.exemplar_id and not self.name:
            self.name = self.exemplar.title
            self.kind = self.exemplar.kind
            if not self.position_and_unit:
                self.position_and_unit = ", ".join(
                    p for p in (self.exemplar.position, str(self.exemplar.unit)) if p
                )


class RuleKind(models.TextChoices):
    PRIOR = "prior", _("Cần có danh hiệu, hình thức trước đó")
    ONCE = "once", _("Chỉ được tặng một lần")
    EXCELLENT = "excellent", _("Cần số năm hoàn thành xuất sắc nhiệm vụ")
    INITIATIVE = "initiative", _("Cần có sáng kiến được công nhận")
    CLUSTER = "cluster", _("Cần dẫn đầu phong trào thi đua của cụm, khối")


class EligibilityRule(models.Model):
    """
    A condition an award puts on its nominees, kept as data so the office follows the law
    (Law 06/2022/QH15, Decree 152/2025/NĐ-CP) without a release: e.g. "Chiến sĩ thi đua
    ngành" needs 3 consecutive years of "Chiến sĩ thi đua cơ sở"; the Kỷ niệm chương is
    given once per person. Ad-hoc awards never count toward a higher one. Conditions on the
    year's own achievements are rules too: an initiative recognised with a given scope of
    effect (e.g. the sector's for "Chiến sĩ thi đua ngành"), or leading the emulation of the
    cluster or block (the sector's Cờ thi đua).
    """

    award_form = models.ForeignKey(
        "exemplar_pages.AwardForm",
        verbose_name=_("danh hiệu / hình thức xét"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=active_in_default_locale,
        help_text=_("Hình thức mà điều kiện áp dụng."),
    )
    rule = models.CharField(
        _("loại điều kiện"),
        max_length=10,
        choices=RuleKind.choices,
        help_text=_(
            "Điều kiện về khen thưởng trước đó, về số năm hoàn thành xuất sắc nhiệm vụ, về sáng kiến "
            "hoặc về kết quả thi đua của cụm, khối trong năm."
        ),
    )
    required_form = models.ForeignKey(
        "exemplar_pages.AwardForm",
        verbose_name=_("danh hiệu / hình thức cần có"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=active_in_default_locale,
        help_text=_(
            "Với điều kiện “cần có”: danh hiệu đã đạt trước đó. Với điều kiện về năm hoàn thành xuất "
            "sắc nhiệm vụ: để trống (các năm ghi trong đề nghị)."
        ),
    )
    times = models.PositiveSmallIntegerField(_("số lần"), default=1, help_text=_("Số lần cần đạt."))
    consecutive = models.BooleanField(
        _("liên tục"),
        default=True,
        help_text=_("Các năm phải liên tục, năm cuối là năm xét hoặc năm trước đó."),
    )
    scope = models.CharField(
        _("phạm vi ảnh hưởng tối thiểu"),
        max_length=20,
        choices=InitiativeScope.choices,
        blank=True,
        help_text=_(
            "Với điều kiện về sáng kiến: phạm vi ảnh hưởng thấp nhất của sáng kiến được công nhận "
            "(phạm vi rộng hơn cũng được tính)."
        ),
    )
    period_years = models.PositiveSmallIntegerField(
        _("trong số năm"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_(
            "Với điều kiện về sáng kiến: số năm tính đến năm xét (1 là chỉ năm xét; 3 là năm xét và "
            "hai năm trước đó)."
        ),
    )
    source = models.CharField(
        _("căn cứ"), max_length=255, blank=True, help_text=_("Điều, khoản của văn bản quy định.")
    )

    panels = [
        FieldRowPanel([FieldPanel("award_form"), FieldPanel("rule")]),
        FieldRowPanel([FieldPanel("required_form"), FieldPanel("times"), FieldPanel("consecutive")]),
        FieldRowPanel([FieldPanel("scope"), FieldPanel("period_years")]),
        FieldPanel("source"),
    ]

    class Meta:
        verbose_name = _("điều kiện xét khen thưởng")
        verbose_name_plural = _("điều kiện xét khen thưởng")

    def __str__(self) -> str:
        return f"{self.award_form}: {self.get_rule_display()}"

    def clean(self) -> None:
        super().clean()
        if self.rule == RuleKind.PRIOR and not self.required_form_id:
            raise ValidationError({"required_form": _("Chọn danh hiệu, hình thức cần có.")})
        if self.rule == RuleKind.INITIATIVE and not self.scope:
            raise ValidationError({"scope": _("Chọn phạm vi ảnh hưởng tối thiểu của sáng kiến.")})


class AwardRecord(models.Model):
    """
    An award a decision gave to a nominee: the register of awards decided by rounds, whether
    the nominee has an exemplar page or not. An exemplar's award also joins its page (Award);
    a nominee without one — a person or collective proposed as a new row — has its award kept
    only here, where the eligibility checks and the yearly report find it.
    """

    nomination = models.OneToOneField(
        Nomination, verbose_name=_("đề nghị"), on_delete=models.CASCADE, related_name="award_record"
    )
    name = models.CharField(_("họ tên / tập thể"), max_length=255)
    kind = models.CharField(_("đối tượng"), max_length=20, choices=NominationKind.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    exemplar = models.ForeignKey(
        "exemplar_pages.ExemplarPage",
        verbose_name=_("hồ sơ gương điển hình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    award_form = models.ForeignKey(
        "exemplar_pages.AwardForm",
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = year_field()
    ad_hoc = models.BooleanField(_("khen thưởng đột xuất"), default=False)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    issuing_authority = models.CharField(_("cơ quan, người ký quyết định"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(_("ngày ghi"), auto_now_add=True)

    class Meta:
        verbose_name = _("khen thưởng đã quyết định")
        verbose_name_plural = _("khen thưởng đã quyết định")
        ordering = ["-year", "unit__short_name", "name"]

    def __str__(self) -> str:
        return f"{self.name} – {self.award_form} ({self.decision_number})"
