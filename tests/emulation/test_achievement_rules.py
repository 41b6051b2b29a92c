"""
Conditions on the year's own achievements, seeded as data: initiatives recognised with the scope
of effect a title needs (Chiến sĩ thi đua cơ sở, ngành, toàn quốc), and leading the emulation of
the cluster or block (Cờ thi đua của ngành). Each rule passes and fails with a Vietnamese reason.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.models import Unit
from emulation.models import (
    ClusterMembership,
    EligibilityRule,
    EmulationCluster,
    Initiative,
    InitiativeAuthor,
    InitiativeScope,
    InitiativeStatus,
    NominationRound,
    NominationStatus,
    RoundStatus,
)
from emulation.models.nominations import RuleKind
from emulation.report import build_report
from emulation.rules import check_nomination
from exemplar_pages.models import AwardForm
from tests.helpers.workflow import role_user

pytestmark = pytest.mark.django_db

PERSON = "Nguyễn Văn Mẫu (dữ liệu mẫu)"  # make_nomination's default nominee


def form(name: str) -> AwardForm:
    return AwardForm.source_entries().get(name=name)


@pytest.fixture
def recognise(binh_thuan):
    def make(year: int, scope: str, *, author: str = PERSON, unit: Unit | None = None, status=None):
        initiative = Initiative.objects.create(
            title=f"Sáng kiến mẫu năm {year} ({scope})",
            unit=unit or binh_thuan,
            year=year,
            scope=scope,
            status=status or InitiativeStatus.RECOGNISED,
            decision_number=f"{year}/QĐ-HĐSK",
            decision_date=datetime.date(year, 11, 1),
        )
        InitiativeAuthor.objects.create(initiative=initiative, name=author, unit=unit or binh_thuan)
        return initiative

    return make


def initiative_problems(nomination) -> list[str]:
    return [p for p in check_nomination(nomination) if "sáng kiến" in p]


def cluster_problems(nomination) -> list[str]:
    return [p for p in check_nomination(nomination) if "cụm, khối" in p]


@pytest.fixture
def grassroots(make_round, make_nomination):
    round = make_round("Chiến sĩ thi đua cơ sở năm 2024", award_form=form("Chiến sĩ thi đua cơ sở"))
    return make_nomination(round=round)


@pytest.fixture
def sector_fighter(make_round, make_nomination):
    round = make_round(
        "Chiến sĩ thi đua ngành năm 2024", award_form=form("Chiến sĩ thi đua ngành Kiểm sát nhân dân")
    )
    return make_nomination(round=round)


@pytest.fixture
def national_fighter(make_round, make_nomination):
    round = make_round("Chiến sĩ thi đua toàn quốc năm 2024", award_form=form("Chiến sĩ thi đua toàn quốc"))
    return make_nomination(round=round)


def test_setup_seeds_the_achievement_rules(site_tree):
    rules = {
        (r.award_form.name, r.rule, r.scope, r.period_years)
        for r in EligibilityRule.objects.filter(rule__in=[RuleKind.INITIATIVE, RuleKind.CLUSTER])
    }
    assert rules == {
        ("Chiến sĩ thi đua cơ sở", RuleKind.INITIATIVE, InitiativeScope.UNIT, 1),
        ("Chiến sĩ thi đua ngành Kiểm sát nhân dân", RuleKind.INITIATIVE, InitiativeScope.SECTOR, 3),
        ("Chiến sĩ thi đua toàn quốc", RuleKind.INITIATIVE, InitiativeScope.NATIONAL, 6),
        ("Cờ thi đua của ngành Kiểm sát nhân dân", RuleKind.CLUSTER, "", 1),
    }


def test_an_initiative_rule_needs_its_scope():
    rule = EligibilityRule(award_form=form("Chiến sĩ thi đua cơ sở"), rule=RuleKind.INITIATIVE)
    with pytest.raises(ValidationError, match="phạm vi ảnh hưởng tối thiểu"):
        rule.clean()


def test_a_grassroots_fighter_needs_an_initiative_recognised_that_year(grassroots, recognise):
    [problem] = initiative_problems(grassroots)
    assert problem == (
        "Cần 1 sáng kiến được Hội đồng công nhận, phạm vi đơn vị trở lên, trong năm 2024; "
        "sáng kiến đã công nhận: chưa có."
    )
    recognise(2024, InitiativeScope.UNIT)
    assert initiative_problems(grassroots) == []


def test_an_initiative_of_an_earlier_year_does_not_count_for_the_grassroots_fighter(grassroots, recognise):
    recognise(2023, InitiativeScope.UNIT)
    assert initiative_problems(grassroots)


@pytest.mark.parametrize("status", [InitiativeStatus.PROPOSED, InitiativeStatus.REJECTED])
def test_only_a_recognised_initiative_counts(grassroots, recognise, status):
    recognise(2024, InitiativeScope.UNIT, status=status)
    assert initiative_problems(grassroots)


def test_the_initiative_must_be_the_nominees_own(grassroots, recognise, other_unit):
    recognise(2024, InitiativeScope.UNIT, author="Lê Thị Khác")
    recognise(2024, InitiativeScope.UNIT, unit=other_unit)  # same name, another procuracy
    assert initiative_problems(grassroots)
    recognise(2024, InitiativeScope.SECTOR, author="NGUYEN VAN MAU (du lieu mau)")  # accents, case
    assert initiative_problems(grassroots) == []


def test_the_sector_fighter_needs_an_initiative_of_sector_wide_effect(sector_fighter, recognise):
    recognise(2023, InitiativeScope.UNIT)
    [problem] = initiative_problems(sector_fighter)
    assert "phạm vi toàn ngành trở lên, trong các năm 2022–2024" in problem
    assert "“Sáng kiến mẫu năm 2023 (unit)” (2023, phạm vi đơn vị)" in problem
    recognise(2022, InitiativeScope.SECTOR)  # within the three grassroots years
    assert initiative_problems(sector_fighter) == []


def test_a_sector_wide_initiative_older_than_three_years_does_not_count(sector_fighter, recognise):
    recognise(2021, InitiativeScope.NATIONAL)
    assert initiative_problems(sector_fighter)


def test_the_national_fighter_needs_an_initiative_of_national_effect(national_fighter, recognise):
    recognise(2024, InitiativeScope.SECTOR)
    [problem] = initiative_problems(national_fighter)
    assert "phạm vi toàn quốc trở lên, trong các năm 2019–2024" in problem
    recognise(2019, InitiativeScope.NATIONAL)
    assert initiative_problems(national_fighter) == []


@pytest.fixture
def flag_nomination(make_round, make_nomination, binh_thuan):
    round = make_round(
        "Cờ thi đua của ngành năm 2024", award_form=form("Cờ thi đua của ngành Kiểm sát nhân dân")
    )
    return make_nomination(round=round, kind="collective", name="VKSND tỉnh Bình Thuận")


def cluster(year: int, leading: Unit, *members: tuple[Unit, bool]) -> EmulationCluster:
    cluster = EmulationCluster.objects.create(name="Cụm thi đua số 5", year=year, leading_unit=leading)
    for unit, leads in members:
        ClusterMembership.objects.create(cluster=cluster, unit=unit, leads_emulation=leads)
    return cluster


def test_the_sectors_flag_needs_a_unit_in_a_cluster(flag_nomination):
    [problem] = cluster_problems(flag_nomination)
    assert problem == (
        "Cần dẫn đầu phong trào thi đua của cụm, khối; VKSND tỉnh Bình Thuận không thuộc cụm, khối nào năm 2024."
    )


def test_chairing_the_cluster_is_not_leading_its_emulation(flag_nomination, binh_thuan, other_unit):
    cluster(2024, binh_thuan, (binh_thuan, False), (other_unit, True))
    [problem] = cluster_problems(flag_nomination)
    assert "VKSND tỉnh Bình Thuận không được ghi là đơn vị dẫn đầu Cụm thi đua số 5 (2024)" in problem


def test_the_sectors_flag_passes_for_the_unit_leading_its_cluster_that_year(
    flag_nomination, binh_thuan, other_unit
):
    cluster(2023, binh_thuan, (binh_thuan, True))  # another year's result does not count
    cluster(2024, other_unit, (other_unit, False), (binh_thuan, False))
    assert cluster_problems(flag_nomination)
    ClusterMembership.objects.filter(unit=binh_thuan, year=2024).update(leads_emulation=True)
    assert cluster_problems(flag_nomination) == []


def test_the_successor_is_judged_on_the_year_its_predecessor_led(make_round, make_nomination, binh_thuan):
    lam_dong = Unit.objects.get(code="VKS-LAMDONG-2025")
    cluster(2024, binh_thuan, (binh_thuan, True))
    round = make_round(
        "Cờ thi đua năm 2024 (xét sau sáp nhập)", award_form=form("Cờ thi đua của ngành Kiểm sát nhân dân")
    )
    nomination = make_nomination(round=round, unit=lam_dong, kind="collective", name="VKSND tỉnh Lâm Đồng")
    assert cluster_problems(nomination) == []


def test_the_office_sees_the_unmet_condition_before_recording_the_outcome(client, flag_nomination):
    flag_nomination.status = NominationStatus.SUBMITTED
    flag_nomination.save()
    client.force_login(role_user("emulation_rewards", "thidua-dieukien"))
    response = client.get(reverse("emulation_nominations:action", args=[flag_nomination.pk, "approve"]))
    assert response.status_code == 200
    assert "không thuộc cụm, khối nào năm 2024" in response.content.decode()


def test_the_yearly_report_lists_the_nominations_missing_a_condition(flag_nomination, grassroots, recognise):
    flag_nomination.status = grassroots.status = NominationStatus.SUBMITTED
    flag_nomination.save()
    grassroots.save()
    rows = build_report(2024).table("dieu-kien").rows
    assert [(row[1], row[2]) for row in rows] == [
        ("VKSND tỉnh Bình Thuận", PERSON),
        ("VKSND tỉnh Bình Thuận", "VKSND tỉnh Bình Thuận"),
    ]
    assert "không thuộc cụm, khối nào năm 2024" in rows[1][4]
    assert "sáng kiến đã công nhận: chưa có" in rows[0][4]


def test_a_decided_round_leaves_the_report_of_missing_conditions(flag_nomination):
    NominationRound.objects.filter(pk=flag_nomination.round_id).update(status=RoundStatus.DECIDED)
    flag_nomination.status = NominationStatus.APPROVED
    flag_nomination.save()
    assert build_report(2024).table("dieu-kien").rows == []
