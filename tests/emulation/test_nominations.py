"""Nominations: eligibility from prior awards, the once-only Kỷ niệm chương, ad-hoc awards, decisions."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from emulation import services
from emulation.models import NominationStatus, RoundStatus
from emulation.rules import check_nomination
from exemplar_pages.models import Award, AwardForm, AwardStatus, CommendationKind, ExemplarPage
from tests.helpers.workflow import role_user

# The conditions on the year's own achievements are tested in test_achievement_rules.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_achievement_rules")]


def form(name: str) -> AwardForm:
    return AwardForm.source_entries().get(name=name)


def give(
    page: ExemplarPage, name: str, year: int, *, kind: str | None = None, status=AwardStatus.RECEIVED
) -> None:
    Award.objects.create(
        exemplar=page,
        award_form=form(name),
        kind=CommendationKind.source_entries().get(code=kind) if kind else None,
        decision_number=f"{year}/QĐ-VKS",
        decision_date=datetime.date(year, 12, 1),
        status=status,
    )


@pytest.fixture
def office(site_tree):
    return role_user("emulation_rewards", "thidua")


@pytest.fixture
def exemplar(make_exemplar):
    page = make_exemplar("Nguyễn Văn Đức")
    page.awards.all().delete()
    return page


@pytest.fixture
def sector_round(make_round):
    return make_round(
        "Chiến sĩ thi đua ngành năm 2024", award_form=form("Chiến sĩ thi đua ngành Kiểm sát nhân dân")
    )


def test_the_sector_emulation_fighter_needs_three_consecutive_grassroots_titles(
    make_nomination, sector_round, exemplar
):
    give(exemplar, "Chiến sĩ thi đua cơ sở", 2022)
    give(exemplar, "Chiến sĩ thi đua cơ sở", 2023)
    nomination = make_nomination(round=sector_round, exemplar=exemplar)
    [problem] = check_nomination(nomination)
    assert "Cần 3 lần liên tục đạt “Chiến sĩ thi đua cơ sở”" in problem
    assert "2022, 2023" in problem
    give(exemplar, "Chiến sĩ thi đua cơ sở", 2024)
    assert check_nomination(nomination) == []


def test_a_gap_breaks_the_run_of_consecutive_years(make_nomination, sector_round, exemplar):
    for year in (2020, 2021, 2023):
        give(exemplar, "Chiến sĩ thi đua cơ sở", year)
    assert check_nomination(make_nomination(round=sector_round, exemplar=exemplar))


def test_ad_hoc_awards_do_not_count_toward_a_higher_one(make_nomination, sector_round, exemplar):
    give(exemplar, "Chiến sĩ thi đua cơ sở", 2022)
    give(exemplar, "Chiến sĩ thi đua cơ sở", 2023, kind="ad-hoc")
    give(exemplar, "Chiến sĩ thi đua cơ sở", 2024)
    [problem] = check_nomination(make_nomination(round=sector_round, exemplar=exemplar))
    assert "không tính khen thưởng đột xuất" in problem
    assert "2022, 2024" in problem


def test_a_proposed_award_is_not_yet_a_prior_award(make_nomination, sector_round, exemplar):
    for year in (2022, 2023):
        give(exemplar, "Chiến sĩ thi đua cơ sở", year)
    give(exemplar, "Chiến sĩ thi đua cơ sở", 2024, status=AwardStatus.PROPOSED)
    assert check_nomination(make_nomination(round=sector_round, exemplar=exemplar))
    assert exemplar.award_years == [2022, 2023]


def test_the_commemorative_medal_is_given_once(make_round, make_nomination, exemplar):
    medal = form('Kỷ niệm chương "Vì sự nghiệp Kiểm sát"')
    medal_round = make_round("Kỷ niệm chương năm 2024", award_form=medal)
    nomination = make_nomination(round=medal_round, exemplar=exemplar)
    assert check_nomination(nomination) == []
    give(exemplar, 'Kỷ niệm chương "Vì sự nghiệp Kiểm sát"', 2019)
    [problem] = check_nomination(nomination)
    assert "chỉ tặng một lần; đã được tặng năm 2019" in problem


def test_a_collective_cannot_be_proposed_for_an_individual_title(make_round, make_nomination):
    grassroots = make_round("Chiến sĩ thi đua cơ sở", award_form=form("Chiến sĩ thi đua cơ sở"))
    nomination = make_nomination(round=grassroots, kind="collective", name="Phòng 1 (dữ liệu mẫu)")
    # (It also lacks the "Lao động tiên tiến" title the grassroots fighter is chosen from.)
    assert check_nomination(nomination)[0] == "“Chiến sĩ thi đua cơ sở” chỉ xét tặng cho cá nhân."


def test_a_nomination_names_someone_and_picks_only_its_units_exemplars(
    make_nomination, make_exemplar, other_unit
):
    with pytest.raises(ValidationError, match="Nhập họ tên"):
        make_nomination(name="")
    page = make_exemplar("Nguyễn Văn Đức")
    with pytest.raises(ValidationError, match="phải thuộc đơn vị đề nghị"):
        make_nomination(unit=other_unit, exemplar=page)
    nomination = make_nomination(exemplar=page)
    assert nomination.name == "Nguyễn Văn Đức"
    assert "VKSND tỉnh Bình Thuận" in nomination.position_and_unit


def test_only_the_units_head_submits_and_only_the_office_returns(make_nomination, editor, head, office):
    nomination = make_nomination()
    with pytest.raises(PermissionDenied):
        services.submit_nomination(nomination, editor)
    services.submit_nomination(nomination, head)
    assert nomination.status == NominationStatus.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.return_nomination(nomination, head, "Bổ sung")
    with pytest.raises(ValidationError, match="lý do"):
        services.return_nomination(nomination, office, "  ")
    editor.email = "bt-editor@example.invalid"
    editor.save()
    services.return_nomination(nomination, office, "Bổ sung báo cáo thành tích có xác nhận.")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.RETURNED
    assert [m.to for m in mail.outbox] == [["bt-editor@example.invalid"]]
    services.submit_nomination(nomination, head)  # resubmitted after completing it
    assert ModelLogEntry.objects.filter(action="emulation.return").count() == 1


def test_a_decision_adds_the_award_to_the_exemplar_with_its_provenance(
    make_exemplar, make_nomination, nomination_round, head, office
):
    page = make_exemplar("Nguyễn Văn Đức")
    nomination = make_nomination(exemplar=page)
    services.submit_nomination(nomination, head)
    with pytest.raises(ValidationError, match="số và ngày quyết định"):
        services.decide_round(nomination_round, office)
    nomination_round.decision_number = "15/QĐ-VKSTC"
    nomination_round.decision_date = datetime.date(2024, 12, 20)
    nomination_round.issuing_authority = "Viện trưởng VKSND tối cao"
    nomination_round.save()
    with pytest.raises(ValidationError, match="chưa có kết quả"):
        services.decide_round(nomination_round, office)
    services.set_outcome(nomination, office, approved=True)
    assert services.decide_round(nomination_round, office) == 1

    page.refresh_from_db()
    award = page.awards.get(decision_number="15/QĐ-VKSTC")
    assert award.award_form.name == "Bằng khen của Viện trưởng VKSND tối cao"
    assert award.status == AwardStatus.RECEIVED
    assert award.decision_date == datetime.date(2024, 12, 20)
    assert "Xét tặng Bằng khen" in award.source and f"số {nomination.pk}" in award.source
    assert not page.has_unpublished_changes  # the live page was republished with it
    nomination_round.refresh_from_db()
    assert nomination_round.status == RoundStatus.DECIDED
    with pytest.raises(ValidationError, match="đã có quyết định"):
        services.decide_round(nomination_round, office)


def test_a_draft_keeps_the_award_in_its_draft(make_exemplar, make_nomination, nomination_round, office):
    page = make_exemplar("Nguyễn Văn Đức")
    page.title = "Nguyễn Văn Đức (đang sửa)"
    page.save_revision()
    nomination = make_nomination(exemplar=page, status=NominationStatus.APPROVED)
    nomination_round.decision_number = "15/QĐ-VKSTC"
    nomination_round.decision_date = datetime.date(2024, 12, 20)
    nomination_round.save()
    services.decide_round(nomination_round, office)
    page.refresh_from_db()
    assert not page.awards.filter(decision_number="15/QĐ-VKSTC").exists()  # not live yet
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Nguyễn Văn Đức (đang sửa)"
    assert [a.decision_number for a in draft.awards.all()][-1] == "15/QĐ-VKSTC"
    assert nomination.__class__.objects.get(pk=nomination.pk).award_recorded


def test_a_round_needing_a_consultation_asks_for_one(make_round, make_nomination, head, office):
    consultation = make_round("Chiến sĩ thi đua toàn quốc 2024", needs_public_consultation=True)
    nomination = make_nomination(round=consultation)
    services.submit_nomination(nomination, head)
    heard = []
    services.consultation_requested.connect(
        lambda sender, **kw: heard.append(kw), weak=False, dispatch_uid="t"
    )
    try:
        assert services.open_consultation(consultation, office) == 1
    finally:
        services.consultation_requested.disconnect(dispatch_uid="t")
    assert heard[0]["nominations"] == [nomination]
    consultation.refresh_from_db()
    assert consultation.status == RoundStatus.REVIEWING
    with pytest.raises(ValidationError, match="hết nhận hồ sơ"):
        services.submit_nomination(make_nomination(round=consultation, name="Người khác (dữ liệu mẫu)"), head)
