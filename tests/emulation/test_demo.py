"""The emulation year in `make run`'s demo: from the seeds, labelled where it is sample data, idempotent."""

from __future__ import annotations

import datetime

import pytest

from emulation.demo import (
    DECIDED_1879_ROUND_TITLE,
    DECIDED_ROUND_TITLE,
    OPEN_ROUND_TITLE,
    load_demo_emulation,
)
from emulation.models import (
    AwardRecord,
    EmulationCluster,
    EmulationRegistration,
    Initiative,
    Nomination,
    NominationRound,
    NominationStatus,
    RegistrationStatus,
    RoundStatus,
)
from exemplar_pages.models import Award, ExemplarPage

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
    nomination = round.nominations.get(kind="collective")
    assert nomination.award_recorded
    page = ExemplarPage.objects.get(pk=nomination.exemplar_id)
    award = page.awards.get(decision_number="1136/QĐ-UBND")
    assert DECIDED_ROUND_TITLE in award.source
    assert page.live and not page.has_unpublished_changes


def test_the_two_decisions_went_to_one_collective_and_four_individuals_as_seed_001_says():
    rounds = {r.decision_number: r for r in NominationRound.objects.filter(status=RoundStatus.DECIDED)}
    assert set(rounds) == {"1136/QĐ-UBND", "1879/QĐ-UBND"}
    assert rounds["1879/QĐ-UBND"].title == DECIDED_1879_ROUND_TITLE
    assert rounds["1879/QĐ-UBND"].decision_date == datetime.date(2024, 10, 25)
    nominations = Nomination.objects.filter(round__in=rounds.values())
    assert sorted(n.kind for n in nominations) == ["collective"] + ["individual"] * 4
    assert all(
        n.status == NominationStatus.APPROVED and n.award_recorded and n.is_sample for n in nominations
    )
    assert all(n.unit.code == "VKS-BINHTHUAN" for n in nominations)
    # Every recipient is in the register, with its decision.
    records = AwardRecord.objects.filter(nomination__in=nominations)
    assert sorted(r.decision_number for r in records) == ["1136/QĐ-UBND"] * 3 + ["1879/QĐ-UBND"] * 2
    assert all(
        r.issuing_authority == "Chủ tịch Ủy ban nhân dân tỉnh Bình Thuận" and r.ad_hoc for r in records
    )
    # The decisions are on no more sample exemplars than there are recipients (an English
    # edition is the same exemplar), each page once.
    awards = Award.objects.filter(decision_number__in=list(rounds)).select_related("exemplar")
    assert len(awards) == len({a.exemplar_id for a in awards})
    exemplars = {a.exemplar.translation_key for a in awards}
    assert exemplars == {n.exemplar.translation_key for n in nominations if n.exemplar_id}
    assert len(exemplars) == 3
    assert not ExemplarPage.objects.filter(
        slug__startswith="mau-cho-", awards__decision_number__in=list(rounds)
    )
    # The latest revisions (a draft's too) carry each decision once.
    for nomination in nominations.exclude(exemplar=None):
        latest = nomination.exemplar.get_latest_revision_as_object()
        numbers = [a.decision_number for a in latest.awards.all()]
        assert numbers.count(nomination.round.decision_number) == 1


def test_loading_again_creates_nothing():
    counts = (Nomination.objects.count(), NominationRound.objects.count(), EmulationCluster.objects.count())
    report = load_demo_emulation()
    assert report.created == 0 and report.awards == 0
    assert (
        Nomination.objects.count(),
        NominationRound.objects.count(),
        EmulationCluster.objects.count(),
    ) == counts
