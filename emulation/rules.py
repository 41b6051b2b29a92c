"""
The checks emulation & rewards runs on a nomination before deciding it: the eligibility rules
of the proposed award (years of prior titles, the "once only" rule of the Kỷ niệm chương),
whom the award is for, and that ad-hoc awards never count toward a higher one (Decree
152/2025/NĐ-CP); and the year's own achievements: initiatives the council recognised with the
scope of effect the title needs, and leading the emulation of the unit's cluster or block.
The rules are data (EligibilityRule); this module only applies them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms import unit_graph
from cms.text import fold_accents
from exemplar_pages.models import AwardStatus, Recipient

from .models import (
    AwardRecord,
    ClusterMembership,
    EligibilityRule,
    Initiative,
    InitiativeScope,
    InitiativeStatus,
    Nomination,
)
from .models.nominations import NominationKind, RuleKind, parse_years

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


def _nominee_unit_ids(nomination: Nomination) -> set[int]:
    """The nominating unit, the units it succeeded, and every unit beneath them."""
    units = unit_graph.graph()
    ids: set[int] = set()
    for pk in units.lineage_ids(nomination.unit_id):
        ids |= units.descendant_ids(pk)
    return ids


def _years_text(first: int, last: int) -> str:
    if first == last:
        return _("năm %(year)s") % {"year": last}
    return _("các năm %(first)s–%(last)s") % {"first": first, "last": last}


def nominee_initiatives(nomination: Nomination, first: int, last: int) -> list[Initiative]:
    """
    Initiatives recognised between the two years that are the nominee's: for a person, those
    they authored (by name, in the nominating unit or a unit beneath or before it); for a
    collective, those of its unit.
    """
    ids = _nominee_unit_ids(nomination)
    recognised = Initiative.objects.filter(status=InitiativeStatus.RECOGNISED, year__range=(first, last))
    if nomination.kind == NominationKind.COLLECTIVE:
        return list(recognised.filter(unit_id__in=ids).order_by("year", "title"))
    found = []
    for initiative in recognised.filter(authors__unit_id__in=ids).prefetch_related("authors").distinct():
        if any(_same_person(a.name, nomination.display_name) for a in initiative.authors.all()):
            found.append(initiative)
    return sorted(found, key=lambda i: (i.year, i.title))


def _initiative_problem(nomination: Nomination, rule: EligibilityRule, year: int) -> list[str]:
    first = year - max(rule.period_years, 1) + 1
    scope = rule.scope or InitiativeScope.UNIT  # a rule saved without its scope asks the least
    initiatives = nominee_initiatives(nomination, first, year)
    wide_enough = [i for i in initiatives if InitiativeScope.rank(i.scope) >= InitiativeScope.rank(scope)]
    if len(wide_enough) >= rule.times:
        return []
    found = "; ".join(f"“{i.title}” ({i.year}, {i.get_scope_display().lower()})" for i in initiatives)
    return [
        _(
            "Cần %(times)s sáng kiến được Hội đồng công nhận, %(scope)s trở lên, trong %(years)s; "
            "sáng kiến đã công nhận: %(found)s."
        )
        % {
            "times": rule.times,
            "scope": InitiativeScope(scope).label.lower(),
            "years": _years_text(first, year),
            "found": found or _("chưa có"),
        }
    ]


def _cluster_problem(nomination: Nomination, year: int) -> list[str]:
    """The nominating unit (or the unit it succeeded) led the emulation of its cluster that year."""
    memberships = list(
        ClusterMembership.objects.filter(
            unit_id__in=unit_graph.graph().lineage_ids(nomination.unit_id), year=year
        ).select_related("cluster", "unit")
    )
    if any(m.leads_emulation for m in memberships):
        return []
    if not memberships:
        return [
            _(
                "Cần dẫn đầu phong trào thi đua của cụm, khối; %(unit)s không thuộc cụm, khối nào năm %(year)s."
            )
            % {"unit": nomination.unit.short_name, "year": year}
        ]
    return [
        _(
            "Cần dẫn đầu phong trào thi đua của cụm, khối; %(unit)s không được ghi là đơn vị dẫn đầu %(cluster)s."
        )
        % {"unit": memberships[0].unit.short_name, "cluster": memberships[0].cluster}
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
    ad_hoc = bool(nomination.round.kind_id and nomination.round.kind.code == AD_HOC_KIND)
    for rule in EligibilityRule.objects.filter(award_form=form).select_related("required_form"):
        if rule.rule == RuleKind.ONCE:
            same = [p for p in priors if p.form_id == form.pk]
            if same:
                problems.append(
                    _("“%(form)s” chỉ tặng một lần; đã được tặng năm %(year)s (%(reference)s).")
                    % {"form": form, "year": same[0].year, "reference": same[0].reference or "…"}
                )
            continue
        if ad_hoc:
            # An ad-hoc award rewards one sudden achievement: the conditions on earlier titles, years
            # and the year's results are those of regular merit (Decree 152/2025/NĐ-CP).
            continue
        if rule.rule == RuleKind.EXCELLENT:
            problems += _excellent_years_problem(nomination, rule, year)
            continue
        if rule.rule == RuleKind.INITIATIVE:
            problems += _initiative_problem(nomination, rule, year)
            continue
        if rule.rule == RuleKind.CLUSTER:
            problems += _cluster_problem(nomination, year)
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
