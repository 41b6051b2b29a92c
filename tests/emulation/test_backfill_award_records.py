"""
`manage.py backfill_award_records`: rounds decided before the award register existed get their
rows once, with a dry run that writes nothing and counts that say what happened.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from emulation import services
from emulation.models import AwardRecord, NominationRound, NominationStatus, RoundStatus
from exemplar_pages.models import AwardForm
from tests.helpers.workflow import role_user

pytestmark = pytest.mark.django_db


def form(name: str) -> AwardForm:
    return AwardForm.source_entries().get(name=name)


def decided_earlier(make_round, title: str, *, number="15/QĐ-VKSTC", date=datetime.date(2023, 12, 20)):
    """A round as the earlier code decided it: status and decision written, no register rows."""
    round = make_round(title, year=2023, award_form=form("Chiến sĩ thi đua cơ sở"))
    NominationRound.objects.filter(pk=round.pk).update(
        status=RoundStatus.DECIDED,
        decision_number=number,
        decision_date=date,
        issuing_authority="Viện trưởng",
    )
    round.refresh_from_db()
    return round


@pytest.fixture
def history(make_round, make_nomination, make_exemplar, site_tree):
    """Two earlier decided rounds, one without its date, and one round decided by today's code."""
    earlier = decided_earlier(make_round, "Chiến sĩ thi đua cơ sở năm 2023")
    page = make_exemplar("Nguyễn Văn Đức")
    with_page = make_nomination(
        round=earlier, exemplar=page, status=NominationStatus.APPROVED, award_recorded=True
    )
    without_page = make_nomination(
        round=earlier, name="Trần Thị Lưu (dữ liệu mẫu)", status=NominationStatus.APPROVED
    )
    make_nomination(round=earlier, name="Lê Văn Trượt (dữ liệu mẫu)", status=NominationStatus.REJECTED)
    undated = decided_earlier(make_round, "Đợt xét thiếu ngày quyết định", date=None)
    make_nomination(round=undated, name="Phạm Văn Chờ (dữ liệu mẫu)", status=NominationStatus.APPROVED)
    today = make_round("Chiến sĩ thi đua cơ sở năm 2024", award_form=form("Chiến sĩ thi đua cơ sở"))
    make_nomination(round=today, name="Đỗ Văn Mới (dữ liệu mẫu)", status=NominationStatus.APPROVED)
    today.decision_number, today.decision_date = "20/QĐ-VKSTC", datetime.date(2024, 12, 20)
    today.save()
    services.decide_round(today, role_user("emulation_rewards", "thidua-backfill"))
    return {"page": page, "with_page": with_page, "without_page": without_page}


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("backfill_award_records", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_counts_and_writes_nothing(history):
    output = run("--dry-run")
    assert "Award records would be created: 2; already recorded: 1; skipped: 1." in output
    assert "Dry run: nothing was written." in output
    assert "Đợt xét thiếu ngày quyết định" in output
    assert AwardRecord.objects.count() == 1


def test_the_backfill_records_every_approved_nominee_of_earlier_rounds_once(history):
    awards_on_page = history["page"].awards.count()
    assert "Award records created: 2; already recorded: 1; skipped: 1." in run()
    records = {r.name: r for r in AwardRecord.objects.filter(year=2023)}
    assert set(records) == {"Nguyễn Văn Đức", "Trần Thị Lưu (dữ liệu mẫu)"}
    record = records["Trần Thị Lưu (dữ liệu mẫu)"]
    assert (record.decision_number, record.decision_date, record.award_form.name, record.exemplar) == (
        "15/QĐ-VKSTC",
        datetime.date(2023, 12, 20),
        "Chiến sĩ thi đua cơ sở",
        None,
    )
    assert records["Nguyễn Văn Đức"].exemplar_id == history["page"].pk
    history["without_page"].refresh_from_db()
    assert history["without_page"].award_recorded
    assert history["page"].awards.count() == awards_on_page  # the page had its award already
    # Idempotent: a second run finds everything recorded.
    assert "Award records created: 0; already recorded: 3; skipped: 1." in run()
    assert AwardRecord.objects.count() == 3
