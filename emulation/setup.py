"""What setup_site creates for the emulation year: the eligibility rules of the law, as data."""

from __future__ import annotations

from exemplar_pages.models import AwardForm

from .models import EligibilityRule, InitiativeScope
from .models.nominations import RuleKind

LAW = "Luật Thi đua, khen thưởng 2022"

# Law 06/2022/QH15: the conditions on earlier titles and years that a check can read, and those
# on the year's own achievements that the register holds (initiatives recognised by the council
# with their scope of effect, leading the cluster or block). What stays the council's judgement
# (the share of members with a title, "tiêu biểu xuất sắc") is not encoded; the office adds or
# corrects rules as data.
RULES = (
    (
        "Chiến sĩ thi đua ngành Kiểm sát nhân dân",
        RuleKind.PRIOR,
        "Chiến sĩ thi đua cơ sở",
        3,
        "Luật Thi đua, khen thưởng 2022",
    ),
    (
        "Chiến sĩ thi đua toàn quốc",
        RuleKind.PRIOR,
        "Chiến sĩ thi đua ngành Kiểm sát nhân dân",
        2,
        "Luật Thi đua, khen thưởng 2022",
    ),
    ('Kỷ niệm chương "Vì sự nghiệp Kiểm sát"', RuleKind.ONCE, None, 1, "Thông tư 02/2024/TT-VKSTC"),
    # The provincial emulation fighter, like the sector's: three consecutive grassroots titles.
    (
        "Chiến sĩ thi đua cấp tỉnh",
        RuleKind.PRIOR,
        "Chiến sĩ thi đua cơ sở",
        3,
        "Luật Thi đua, khen thưởng 2022",
    ),
    # The grassroots emulation fighter is chosen among those with the "Lao động tiên tiến" title.
    ("Chiến sĩ thi đua cơ sở", RuleKind.PRIOR, "Lao động tiên tiến", 1, "Luật Thi đua, khen thưởng 2022"),
    # The Government's emulation flag is chosen among collectives holding the sector's flag.
    (
        "Cờ thi đua của Chính phủ",
        RuleKind.PRIOR,
        "Cờ thi đua của ngành Kiểm sát nhân dân",
        1,
        "Luật Thi đua, khen thưởng 2022",
    ),
    # A ministry's, sector's or province's Bằng khen: two consecutive years rated "hoàn thành xuất
    # sắc nhiệm vụ" (the years the unit declares in the nomination).
    (
        "Bằng khen của Viện trưởng VKSND tối cao",
        RuleKind.EXCELLENT,
        None,
        2,
        "Luật Thi đua, khen thưởng 2022",
    ),
    ("Bằng khen của Chủ tịch UBND cấp tỉnh", RuleKind.EXCELLENT, None, 2, "Luật Thi đua, khen thưởng 2022"),
    (
        "Bằng khen của bộ, ban, ngành, đoàn thể trung ương",
        RuleKind.EXCELLENT,
        None,
        2,
        "Luật Thi đua, khen thưởng 2022",
    ),
)

# The year's own achievements: (form, rule, scope of the initiative, years counted, source).
ACHIEVEMENT_RULES = (
    # The grassroots fighter: an initiative (or scientific work) recognised by the unit that year.
    ("Chiến sĩ thi đua cơ sở", RuleKind.INITIATIVE, InitiativeScope.UNIT, 1, LAW),
    # The sector's fighter: an initiative of sector-wide effect within the three grassroots years.
    ("Chiến sĩ thi đua ngành Kiểm sát nhân dân", RuleKind.INITIATIVE, InitiativeScope.SECTOR, 3, LAW),
    # The national fighter: an initiative of national effect within the two sector titles' years.
    ("Chiến sĩ thi đua toàn quốc", RuleKind.INITIATIVE, InitiativeScope.NATIONAL, 6, LAW),
    # The sector's flag goes to a collective leading the emulation of its cluster or block.
    ("Cờ thi đua của ngành Kiểm sát nhân dân", RuleKind.CLUSTER, "", 1, LAW),
)


def ensure_rules() -> int:
    """The eligibility rules of the law, as data the office can correct (also run by setup)."""
    created = 0
    forms = AwardForm.source_entries()
    for form, rule, required, times, source in RULES:
        if not forms.filter(name=form).exists() or (required and not forms.filter(name=required).exists()):
            continue
        _rule, was_created = EligibilityRule.objects.get_or_create(
            award_form=forms.get(name=form),
            rule=rule,
            required_form=forms.get(name=required) if required else None,
            defaults={"times": times, "source": source},
        )
        created += was_created
    for form, rule, scope, period_years, source in ACHIEVEMENT_RULES:
        if not forms.filter(name=form).exists():
            continue
        _rule, was_created = EligibilityRule.objects.get_or_create(
            award_form=forms.get(name=form),
            rule=rule,
            defaults={"scope": scope, "period_years": period_years, "times": 1, "source": source},
        )
        created += was_created
    return created
