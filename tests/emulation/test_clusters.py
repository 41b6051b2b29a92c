"""Clusters and blocks: members valid on the pledge's date, one cluster per unit and year, the 2025 merger."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cms.models import Unit
from emulation.models import ClusterMembership, EmulationCluster
from emulation.models.clusters import cluster_history

pytestmark = pytest.mark.django_db


def make_cluster(name: str, year: int, leading: Unit, *members: Unit, **fields) -> EmulationCluster:
    cluster = EmulationCluster(name=name, year=year, leading_unit=leading, **fields)
    cluster.full_clean()
    cluster.save()
    for unit in (leading, *members):
        membership = ClusterMembership(cluster=cluster, unit=unit)
        membership.full_clean()
        membership.save()
    return cluster


def test_a_unit_belongs_to_one_cluster_per_year(binh_thuan, other_unit):
    make_cluster("Cụm thi đua số 5", 2024, binh_thuan)
    second = make_cluster("Cụm thi đua số 6", 2024, other_unit)
    with pytest.raises(ValidationError, match="đã thuộc Cụm thi đua số 5"):
        ClusterMembership(cluster=second, unit=binh_thuan).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterMembership.objects.create(cluster=second, unit=binh_thuan)


def test_a_unit_may_change_cluster_from_one_year_to_the_next(binh_thuan, other_unit):
    make_cluster("Cụm thi đua số 5", 2023, binh_thuan)
    make_cluster("Cụm thi đua số 6", 2024, other_unit, binh_thuan)
    assert ClusterMembership.objects.filter(unit=binh_thuan).count() == 2


def test_a_merged_province_cannot_join_a_cluster_after_it_ended(binh_thuan):
    lam_dong = Unit.objects.get(code="VKS-LAMDONG-2025")
    cluster = make_cluster("Cụm thi đua số 5", 2026, lam_dong)
    with pytest.raises(ValidationError) as caught:
        ClusterMembership(cluster=cluster, unit=binh_thuan).full_clean()
    message = caught.value.message_dict["unit"][0]
    assert "không hoạt động vào ngày 01/01/2026" in message
    assert "VKSND tỉnh Lâm Đồng" in message  # points at the successor


def test_the_successor_keeps_its_predecessors_history(binh_thuan):
    lam_dong = Unit.objects.get(code="VKS-LAMDONG-2025")
    make_cluster("Cụm thi đua số 5", 2024, binh_thuan)
    make_cluster("Cụm thi đua số 5", 2026, lam_dong)
    history = cluster_history(lam_dong)
    assert [(m.year, m.unit.code) for m in history] == [(2026, "VKS-LAMDONG-2025"), (2024, "VKS-BINHTHUAN")]
    # The predecessor's own history is its own: it never shows the successor's years.
    assert [m.year for m in cluster_history(binh_thuan)] == [2024]


def test_the_pledge_number_is_validated_and_stored_canonically(binh_thuan, other_unit):
    cluster = EmulationCluster(
        name="Cụm thi đua số 5",
        year=2024,
        leading_unit=binh_thuan,
        deputy_unit=other_unit,
        pledge_number="12/QD\u2013VKS",
        pledge_date=datetime.date(2024, 2, 20),
    )
    cluster.full_clean()
    assert cluster.pledge_number == "12/QĐ-VKS"
    cluster.pledge_number = "99/XYZ"
    with pytest.raises(ValidationError) as caught:
        cluster.full_clean()
    assert "pledge_number" in caught.value.message_dict


def test_leader_and_deputy_differ(binh_thuan):
    cluster = EmulationCluster(name="Cụm 1", year=2024, leading_unit=binh_thuan, deputy_unit=binh_thuan)
    with pytest.raises(ValidationError, match="phải khác"):
        cluster.full_clean()
