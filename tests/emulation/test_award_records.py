"""
A decision records the award of every approved nominee, with or without an exemplar page: the
register (AwardRecord) feeds the yearly report and the eligibility checks of later rounds.
"""

from __future__ import annotations

import datetime

import pytest

from emulation import services
from emulation.models import AwardRecord, NominationStatus
from emulation.report import build_report
from emulation.rules import check_nomination
from exemplar_pages.models import AwardForm
from tests.helpers.workflow import role_user

# The conditions on the year's own achievements are tested in test_achievement_rules.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_achievement_rules")]

NAME = "Trần Văn Mới (dữ liệu mẫu)"


def form(name: str) -> AwardForm:
    return AwardForm.source_entries().get(name=name)


@pytest.fixture
def office(site_tree):
    return role_user("emulation_rewards", "thidua-records")


def decide(make_round, make_nomination, office, *, year: int, form_name: str, name: str = NAME):
    round = make_round(f"Xét tặng {form_name} năm {year}", year=year, award_form=form(form_name))
    nomination = make_nomination(round=round, name=name, status=NominationStatus.APPROVED)
    round.decision_number = f"{year}/QĐ-VKS"
    round.decision_date = datetime.date(year, 12, 20)
    round.issuing_authority = "Viện trưởng VKSND tỉnh Bình Thuận"
    round.save()
    services.decide_round(round, office)
    return nomination


def test_a_nominee_without_an_exemplar_gets_the_award_recorded_on_decision(
    make_round, make_nomination, office
):
    nomination = decide(make_round, make_nomination, office, year=2024, form_name="Chiến sĩ thi đua cơ sở")
    record = AwardRecord.objects.get(nomination=nomination)
    assert (record.name, record.award_form.name, record.year) == (NAME, "Chiến sĩ thi đua cơ sở", 2024)
    assert record.decision_number == "2024/QĐ-VKS" and record.exemplar is None
    nomination.refresh_from_db()
    assert nomination.award_recorded


def test_the_yearly_report_lists_the_decided_awards(make_round, make_nomination, office, binh_thuan):
    decide(make_round, make_nomination, office, year=2024, form_name="Chiến sĩ thi đua cơ sở")
    report = build_report(2024)
    [row] = report.table("khen-thuong").rows
    assert row[0] == NAME and row[3] == "Chiến sĩ thi đua cơ sở" and row[6] == "Không"
    summary = dict(report.table("tong-hop").rows)
    assert summary["Khen thưởng đã quyết định"] == 1
    assert build_report(2024, unit_ids={binh_thuan.pk + 100_000}).table("khen-thuong").rows == []


def test_recorded_awards_count_toward_a_higher_one_for_a_nominee_without_an_exemplar(
    make_round, make_nomination, office
):
    for year in (2021, 2022):
        decide(make_round, make_nomination, office, year=year, form_name="Chiến sĩ thi đua cơ sở")
    sector = make_round(
        "Chiến sĩ thi đua ngành 2024", award_form=form("Chiến sĩ thi đua ngành Kiểm sát nhân dân")
    )
    nomination = make_nomination(round=sector, name="TRẦN VĂN MỚI (dữ liệu mẫu)")
    [problem] = check_nomination(nomination)
    assert "2021, 2022" in problem
    decide(make_round, make_nomination, office, year=2023, form_name="Chiến sĩ thi đua cơ sở")
    assert check_nomination(nomination) == []
    someone_else = make_nomination(round=sector, name="Lê Thị Khác")
    assert check_nomination(someone_else) != []


def test_a_decision_does_not_give_an_exemplar_the_award_it_already_carries(
    make_round, make_nomination, make_exemplar, office
):
    page = make_exemplar("Nguyễn Văn Đức")  # carries 1/QĐ-UBND, a Bằng khen of the province
    [entered] = page.awards.all()
    round = make_round("Bằng khen của UBND tỉnh 2024", award_form=entered.award_form)
    nomination = make_nomination(round=round, exemplar=page, status=NominationStatus.APPROVED)
    round.decision_number, round.decision_date = entered.decision_number, entered.decision_date
    round.save()
    assert services.decide_round(round, office) == 0
    assert page.get_latest_revision_as_object().awards.count() == 1
    assert AwardRecord.objects.get(nomination=nomination).exemplar_id == page.pk
