"""What setup_site creates for the emulation year: the eligibility rules of the law, as data."""

from __future__ import annotations

from exemplar_pages.models import AwardForm

from .models import EligibilityRule
from .models.nominations import RuleKind

# Law 06/2022/QH15: the conditions on earlier titles and years that a check can read. Those on
# the year's own achievements (leading the cluster, initiatives, the share of members with a
# title) are the council's judgement and are not encoded; the office adds rules as data.
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


def ensure_rules() -> int:
    """The eligibility rules of the law, as data the office can correct (also run by setup)."""
    created = 0
    for form, rule, required, times, source in RULES:
        forms = AwardForm.source_entries()
        if not forms.filter(name=form).exists() or (required and not forms.filter(name=required).exists()):
            continue
        _rule, was_created = EligibilityRule.objects.get_or_create(
            award_form=forms.get(name=form),
            rule=rule,
            defaults={
                "required_form": forms.get(name=required) if required else None,
                "times": times,
                "source": source,
            },
        )
        created += was_created
    return created
