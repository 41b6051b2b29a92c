"""The further conditions of the law, seeded as data: Bằng khen, Cờ thi đua, Chiến sĩ thi đua."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from emulation.models import EligibilityRule
from emulation.models.nominations import RuleKind
from emulation.rules import check_nomination
from emulation.setup import ensure_rules
from exemplar_pages.models import Award, AwardForm, CommendationKind

pytestmark = pytest.mark.django_db


def form(name: str) -> AwardForm:
    return AwardForm.source_entries().get(name=name)


def test_setup_seeds_the_rules_once(site_tree):
    rules = {
        (r.award_form.name, r.rule, r.required_form.name if r.required_form else None, r.times)
        for r in EligibilityRule.objects.select_related("award_form", "required_form")
    }
    assert ("Bằng khen của Viện trưởng VKSND tối cao", RuleKind.EXCELLENT, None, 2) in rules
    assert ("Cờ thi đua của Chính phủ", RuleKind.PRIOR, "Cờ thi đua của ngành Kiểm sát nhân dân", 1) in rules
    assert ("Chiến sĩ thi đua cơ sở", RuleKind.PRIOR, "Lao động tiên tiến", 1) in rules
    assert ("Chiến sĩ thi đua cấp tỉnh", RuleKind.PRIOR, "Chiến sĩ thi đua cơ sở", 3) in rules
    assert ensure_rules() == 0  # idempotent


def test_a_bang_khen_needs_two_consecutive_years_of_excellent_performance(make_nomination):
    nomination = make_nomination(excellent_years="2022; 2024")  # the default round: Bằng khen, 2024
    [problem] = check_nomination(nomination)
    assert "Cần 2 năm liên tục hoàn thành xuất sắc nhiệm vụ" in problem and "2022, 2024" in problem
    nomination.excellent_years = "2023, 2024"
    assert check_nomination(nomination) == []
    nomination.excellent_years = "2022 2023"  # ending the year before the round counts too
    assert check_nomination(nomination) == []


@pytest.mark.parametrize(("value", "message"), [("năm ngoái", "bốn chữ số"), ("2023, 2025", "sau năm xét")])
def test_the_declared_years_are_validated(make_nomination, value, message):
    with pytest.raises(ValidationError, match=message):
        make_nomination(excellent_years=value)


def test_the_governments_flag_needs_the_sectors_flag(make_round, make_nomination, make_exemplar):
    flag_round = make_round("Cờ thi đua của Chính phủ 2024", award_form=form("Cờ thi đua của Chính phủ"))
    page = make_exemplar("Phòng 1 VKSND tỉnh Bình Thuận", kind="collective")
    page.awards.all().delete()
    nomination = make_nomination(round=flag_round, exemplar=page)
    [problem] = check_nomination(nomination)
    assert "Cờ thi đua của ngành Kiểm sát nhân dân" in problem
    Award.objects.create(
        exemplar=page,
        award_form=form("Cờ thi đua của ngành Kiểm sát nhân dân"),
        decision_number="99/QĐ-VKSTC",
        decision_date=datetime.date(2024, 1, 10),
    )
    assert check_nomination(nomination) == []


def test_a_grassroots_fighter_needs_the_advanced_worker_title(make_round, make_nomination):
    round = make_round("Chiến sĩ thi đua cơ sở 2024", award_form=form("Chiến sĩ thi đua cơ sở"))
    problems = check_nomination(make_nomination(round=round))
    assert any("Lao động tiên tiến" in problem for problem in problems)


def test_an_ad_hoc_award_does_not_ask_for_years_of_excellent_performance(make_round, make_nomination):
    ad_hoc = CommendationKind.source_entries().get(code="ad-hoc")
    round = make_round("Bằng khen đột xuất năm 2024", kind=ad_hoc)
    assert check_nomination(make_nomination(round=round)) == []
    assert check_nomination(make_nomination()) != []  # the regular round of the same form
