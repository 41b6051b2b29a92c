"""
The checks emulation & rewards runs on a nomination before deciding it: the eligibility rules
of the proposed award (years of prior titles, the "once only" rule of the Kỷ niệm chương),
whom the award is for, and that ad-hoc awards never count toward a higher one (Decree
152/2025/NĐ-CP). The rules are data (EligibilityRule); this module only applies them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms import unit_graph
from cms.text import fold_accents
from exemplar_pages.models import AwardStatus, Recipient

from .models import AwardRecord, EligibilityRule, Nomination
from .models.nominations import RuleKind, parse_years

AD_HOC_KIND = "ad-hoc"


@dataclass(frozen=True)
class PriorAward:
    """An award the nominee already has: form, year, whether it was ad hoc, and its reference."""

    form_id: int
    year: int
    ad_hoc: bool
    reference: str


def _same_person(a: str, b: str) -> bool:
    return fold_accents(a).casefold().split() == fold_accents(b).casefold().split()


def prior_awards(nomination: Nomination) -> list[PriorAward]:
    """Received awards of the nominee's exemplar, and earlier approved nominations of the nominee."""
    found: list[PriorAward] = []
    if nomination.exemplar_id:
        for award in nomination.exemplar.awards.select_related("kind"):
            if award.status == AwardStatus.RECEIVED and award.year:
                found.append(
                    PriorAward(
                        award.award_form_id,
                        award.year,
                        bool(award.kind and award.kind.code == AD_HOC_KIND),
                        award.decision_number,
                    )
                )
    # Awards decided for the nominee without an exemplar page (an exemplar's are on its page,
    # read above): the register, by name within the unit and the units it succeeded.
    records = AwardRecord.objects.filter(
        unit_id__in=unit_graph.graph().lineage_ids(nomination.unit_id), exemplar__isnull=True
    ).exclude(nomination_id=nomination.pk)
    for record in records:
        if _same_person(record.name, nomination.display_name):
            found.append(PriorAward(record.award_form_id, record.year, record.ad_hoc, record.decision_number))
    return found


def _longest_run_ending(years: set[int], last: int) -> int:
    run = 0
    while last - run in years:
        run += 1
    return run


def _enough(years: set[int], rule: EligibilityRule, year: int) -> bool:
    if rule.consecutive:
        return max(_longest_run_ending(years, year), _longest_run_ending(years, year - 1)) >= rule.times
    return len(years) >= rule.times


def _excellent_years_problem(nomination: Nomination, rule: EligibilityRule, year: int) -> list[str]:
    """Years rated "hoàn thành xuất sắc nhiệm vụ", as the unit declared them in the nomination."""
    years = parse_years(nomination.excellent_years)
    if _enough(years, rule, year):
        return []
    return [
        _("Cần %(times)s năm%(consecutive)s hoàn thành xuất sắc nhiệm vụ; đề nghị ghi: %(years)s.")
        % {
            "times": rule.times,
            "consecutive": _(" liên tục") if rule.consecutive else "",
            "years": ", ".join(str(y) for y in sorted(years)) or _("chưa có"),
        }
    ]


def check_nomination(nomination: Nomination) -> list[str]:
    """The problems found, in Vietnamese; an empty list means the nomination is eligible."""
    problems: list[str] = []
    form = nomination.proposed_form
    if form.applies_to == Recipient.INDIVIDUAL and nomination.kind == "collective":
        problems.append(_("“%(form)s” chỉ xét tặng cho cá nhân.") % {"form": form})
    if form.applies_to == Recipient.COLLECTIVE and nomination.kind == "individual":
        problems.append(_("“%(form)s” chỉ xét tặng cho tập thể.") % {"form": form})
    priors = prior_awards(nomination)
    year = nomination.round.year
    for rule in EligibilityRule.objects.filter(award_form=form).select_related("required_form"):
        if rule.rule == RuleKind.ONCE:
            same = [p for p in priors if p.form_id == form.pk]
            if same:
                problems.append(
                    _("“%(form)s” chỉ tặng một lần; đã được tặng năm %(year)s (%(reference)s).")
                    % {"form": form, "year": same[0].year, "reference": same[0].reference or "…"}
                )
            continue
        if rule.rule == RuleKind.EXCELLENT:
            problems += _excellent_years_problem(nomination, rule, year)
            continue
        # Ad-hoc awards never count toward a higher one.
        years = {p.year for p in priors if p.form_id == rule.required_form_id and not p.ad_hoc}
        if not _enough(years, rule, year):
            problems.append(
                _(
                    "Cần %(times)s lần%(consecutive)s đạt “%(required)s” (không tính khen thưởng đột xuất); "
                    "hồ sơ có: %(years)s."
                )
                % {
                    "times": rule.times,
                    "consecutive": _(" liên tục") if rule.consecutive else "",
                    "required": rule.required_form,
                    "years": ", ".join(str(y) for y in sorted(years)) or _("chưa có"),
                }
            )
    return problems
