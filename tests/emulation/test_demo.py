"""The emulation year in `make run`'s demo: from the seeds, labelled where it is sample data, idempotent."""

from __future__ import annotations

import datetime

import pytest

from emulation.demo import DECIDED_ROUND_TITLE, OPEN_ROUND_TITLE, load_demo_emulation
from emulation.models import (
    EmulationCluster,
    EmulationRegistration,
    Initiative,
    Nomination,
    NominationRound,
    NominationStatus,
    RegistrationStatus,
    RoundStatus,
)
from exemplar_pages.models import ExemplarPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_a_sample_cluster_with_binh_thuan_and_its_neighbours_for_2023_and_2024():
    clusters = EmulationCluster.objects.order_by("year")
    assert [c.year for c in clusters] == [2023, 2024]
    for cluster in clusters:
        assert cluster.is_sample and "(dữ liệu mẫu)" in cluster.name
        assert cluster.leading_unit.code == "VKS-BINHTHUAN"
        assert cluster.memberships.count() >= 3


def test_binh_thuan_registered_for_2023_answering_directive_02():
    registration = EmulationRegistration.objects.get(unit__code="VKS-BINHTHUAN", year=2023)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.campaign.document_number == "02/CT-VKSTC"
    assert "293/KH-VKS" in registration.targets_text
    assert registration.on_time is True


def test_one_labelled_initiative():
    initiative = Initiative.objects.get()
    assert initiative.is_sample and "(dữ liệu mẫu)" in initiative.title
    assert initiative.authors.count() == 1


def test_an_open_round_with_binh_thuans_nominees_from_plan_293():
    round = NominationRound.objects.get(title=OPEN_ROUND_TITLE)
    assert round.status == RoundStatus.OPEN
    nominations = list(round.nominations.all())
    assert len(nominations) == 2
    assert all(n.unit.code == "VKS-BINHTHUAN" and "293/KH-VKS" in n.summary for n in nominations)
    assert all(n.exemplar_id and n.status == NominationStatus.SUBMITTED for n in nominations)


def test_the_decided_round_of_decision_1136_created_the_award_on_the_collective():
    round = NominationRound.objects.get(title=DECIDED_ROUND_TITLE)
    assert round.status == RoundStatus.DECIDED
    assert (round.decision_number, round.decision_date) == ("1136/QĐ-UBND", datetime.date(2024, 6, 3))
    assert round.issuing_authority == "Chủ tịch Ủy ban nhân dân tỉnh Bình Thuận"
    [nomination] = round.nominations.all()
    assert nomination.award_recorded
    page = ExemplarPage.objects.get(pk=nomination.exemplar_id)
    award = page.awards.get(decision_number="1136/QĐ-UBND")
    assert DECIDED_ROUND_TITLE in award.source
    assert page.live and not page.has_unpublished_changes


def test_loading_again_creates_nothing():
    counts = (Nomination.objects.count(), NominationRound.objects.count(), EmulationCluster.objects.count())
    report = load_demo_emulation()
    assert report.created == 0 and report.awards == 0
    assert (
        Nomination.objects.count(),
        NominationRound.objects.count(),
        EmulationCluster.objects.count(),
    ) == counts
