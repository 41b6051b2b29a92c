"""What setup_site creates for the emulation year: the eligibility rules of the law, as data."""

from __future__ import annotations

from exemplar_pages.models import AwardForm

from .models import EligibilityRule
from .models.nominations import RuleKind

# Law 06/2022/QH15: the sector's emulation fighter needs three consecutive grassroots titles;
# the national one two consecutive sector titles; the Kỷ niệm chương is given once.
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
