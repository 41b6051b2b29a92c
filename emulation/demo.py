"""
The emulation year in the demo (`make run`), from the seeds for 2023 and 2024, idempotently.

Facts from the seeds: VKSND tỉnh Bình Thuận carries out plan 293/KH-VKS (10/4/2023), answers
the 2023 campaign of Directive 02/CT-VKSTC (27/12/2022), and in 2024 01 collective and 04
individuals received the Bằng khen of the Chairman of the Bình Thuận People's Committee
(decisions 1136/QĐ-UBND of 03/6/2024 and 1879/QĐ-UBND of 25/10/2024). Clusters, deadlines,
targets in figures and the initiative are not in the seeds: they are marked as sample data
("dữ liệu mẫu", `is_sample`), and so are the nominees, whom the seeds do not name.

The two decisions are two decided rounds whose nominees are exactly the seed's recipients: one
collective and four individuals, no more. Three have the Bình Thuận sample exemplar pages (the
collective, A, B: each page names one decision); two individuals have no page and are kept in
the award register only. Which recipient had which decision the seed does not say: that split
is sample data too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms.models import Unit
from exemplar_pages.demo import (
    BINH_THUAN_AUTHORITY,
    CAMPAIGN_2023_SLUG,
    DECISION_1136,
    DECISION_1879,
    DEMO_UNIT_CODE,
    EXEMPLAR_COLLECTIVE_SLUG,
    EXEMPLAR_INDIVIDUAL_A_SLUG,
    EXEMPLAR_INDIVIDUAL_B_SLUG,
    PROVINCIAL_MERIT_FORM,
    SAMPLE_LABEL,
)
from exemplar_pages.models import AwardForm, CampaignPage, CommendationKind, ExemplarPage

from .models import (
    ClusterMembership,
    EmulationCluster,
    EmulationRegistration,
    EmulationYear,
    Initiative,
    InitiativeAuthor,
    InitiativeScope,
    Nomination,
    NominationRound,
    NominationStatus,
    RegistrationStatus,
    RegistrationTarget,
)
from .services import decide_round
from .setup import ensure_rules

# Neighbours of Bình Thuận in the directory, as the sample cluster's members.
CLUSTER_MEMBER_CODES = ("VKS-BINHTHUAN", "VKS-NINHTHUAN", "VKS-LAMDONG", "VKS-KHANHHOA")
CLUSTER_NAME = f"Cụm thi đua các tỉnh Nam Trung Bộ {SAMPLE_LABEL}"
PLAN_293 = "Kế hoạch số 293/KH-VKS ngày 10/4/2023 của Viện KSND tỉnh Bình Thuận"
SEED_SUMMARY = (
    "Thành tích xuất sắc trong chỉ đạo, tham gia đấu tranh, triệt phá các chuyên án lớn của tỉnh năm 2024."
)
OPEN_ROUND_TITLE = f"Xét tặng Bằng khen của Viện trưởng VKSND tối cao năm 2024 {SAMPLE_LABEL}"
DECIDED_ROUND_TITLE = (
    "Bằng khen của Chủ tịch UBND tỉnh Bình Thuận – Quyết định số 1136/QĐ-UBND ngày 03/6/2024"
)
DECIDED_1879_ROUND_TITLE = (
    "Bằng khen của Chủ tịch UBND tỉnh Bình Thuận – Quyết định số 1879/QĐ-UBND ngày 25/10/2024"
)
# Seed 001's recipients without a sample exemplar page (the register keeps their awards).
RECIPIENT_WITHOUT_PAGE_1 = f"Cá nhân mẫu M {SAMPLE_LABEL}"
RECIPIENT_WITHOUT_PAGE_2 = f"Cá nhân mẫu N {SAMPLE_LABEL}"
RECIPIENTS_UNIT = f"Viện KSND hai cấp tỉnh Bình Thuận {SAMPLE_LABEL}"
SAMPLE_PAGE_SLUGS = frozenset(
    {EXEMPLAR_COLLECTIVE_SLUG, EXEMPLAR_INDIVIDUAL_A_SLUG, EXEMPLAR_INDIVIDUAL_B_SLUG}
)


@dataclass(frozen=True)
class DecidedRound:
    """One of the seed's decisions: its round, and its nominees (a sample exemplar's slug or a name)."""

    title: str
    decision: tuple[str, datetime.date]
    submitted: datetime.date
    nominees: tuple[str, ...]


# One collective and four individuals in all (seed 001); the split between the decisions is sample.
DECIDED_ROUNDS = (
    DecidedRound(
        DECIDED_ROUND_TITLE,
        DECISION_1136,
        datetime.date(2024, 5, 20),
        (EXEMPLAR_COLLECTIVE_SLUG, EXEMPLAR_INDIVIDUAL_B_SLUG, RECIPIENT_WITHOUT_PAGE_1),
    ),
    DecidedRound(
        DECIDED_1879_ROUND_TITLE,
        DECISION_1879,
        datetime.date(2024, 10, 1),
        (EXEMPLAR_INDIVIDUAL_A_SLUG, RECIPIENT_WITHOUT_PAGE_2),
    ),
)


@dataclass
class EmulationDemoReport:
    created: int = 0
    awards: int = 0

    def summary(self) -> str:
        return f"Emulation demo: {self.created} records created, {self.awards} awards added by a decision."


def _form(name: str) -> AwardForm:
    return AwardForm.source_entries().get(name=name)


def _cluster(report: EmulationDemoReport) -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in=CLUSTER_MEMBER_CODES)}
    for year in (2023, 2024):
        cluster, created = EmulationCluster.objects.get_or_create(
            year=year,
            name=CLUSTER_NAME,
            defaults={
                "leading_unit": units[DEMO_UNIT_CODE],
                "is_sample": True,
                "note": "Dữ liệu mẫu: văn bản nguồn chỉ nêu “các cụm, khối thi đua” (Chỉ thị 02/CT-VKSTC).",
            },
        )
        if created:
            report.created += 1
            for order, code in enumerate(CLUSTER_MEMBER_CODES):
                if code in units:
                    ClusterMembership.objects.create(cluster=cluster, unit=units[code], sort_order=order)


def _registration(report: EmulationDemoReport, head) -> None:
    unit = Unit.objects.get(code=DEMO_UNIT_CODE)
    EmulationYear.objects.get_or_create(
        year=2023,
        defaults={
            "registration_deadline": datetime.date(2023, 3, 31),
            "note": f"Hạn đăng ký {SAMPLE_LABEL}.",
        },
    )
    EmulationYear.objects.get_or_create(
        year=2024,
        defaults={
            "registration_deadline": datetime.date(2024, 3, 31),
            "note": f"Hạn đăng ký {SAMPLE_LABEL}.",
        },
    )
    if EmulationRegistration.objects.filter(unit=unit, year=2023).exists():
        return
    registration = EmulationRegistration.objects.create(
        unit=unit,
        year=2023,
        campaign=CampaignPage.objects.filter(slug=CAMPAIGN_2023_SLUG).first(),
        targets_text=(
            "Hưởng ứng phong trào thi đua yêu nước năm 2023 theo Chỉ thị số 02/CT-VKSTC ngày 27/12/2022 với "
            "chủ đề “Đoàn kết, gương mẫu, trách nhiệm, vượt khó, hoàn thành xuất sắc nhiệm vụ năm 2023”; "
            f"thực hiện {PLAN_293} về tuyên truyền, giới thiệu gương điển hình tiên tiến tại 02 cấp Kiểm sát "
            "Bình Thuận."
        ),
        status=RegistrationStatus.CONFIRMED,
        confirmed_at=timezone.make_aware(datetime.datetime(2023, 3, 20, 9, 0)),
        confirmed_by=head,
        is_sample=True,
    )
    registration.aimed_forms.set([_form("Tập thể lao động xuất sắc")])
    RegistrationTarget.objects.create(
        registration=registration,
        label=f"Bài viết giới thiệu gương điển hình {SAMPLE_LABEL}",
        value=Decimal(4),
        measure="bài",
    )
    report.created += 1


def _initiative(report: EmulationDemoReport) -> None:
    unit = Unit.objects.get(code=DEMO_UNIT_CODE)
    title = f"Sáng kiến mẫu về khâu đột phá trong công tác kiểm sát {SAMPLE_LABEL}"
    if Initiative.objects.filter(title=title).exists():
        return
    initiative = Initiative.objects.create(
        title=title,
        unit=unit,
        year=2024,
        scope=InitiativeScope.UNIT,
        summary=(
            "Dữ liệu mẫu. Tin bài của Viện KSND tỉnh Bình Thuận nêu công chức, người lao động hai cấp “có nhiều "
            "sáng kiến, giải pháp khắc phục khó khăn, lựa chọn khâu đột phá”, không nêu tên sáng kiến nào."
        ),
        is_sample=True,
    )
    InitiativeAuthor.objects.create(initiative=initiative, name=f"Tác giả mẫu {SAMPLE_LABEL}", unit=unit)
    report.created += 1


def _exemplar(slug: str) -> ExemplarPage | None:
    return ExemplarPage.objects.filter(
        slug=slug, unit__code=DEMO_UNIT_CODE, locale__language_code="vi"
    ).first()


def _rounds(report: EmulationDemoReport, office) -> None:
    unit = Unit.objects.get(code=DEMO_UNIT_CODE)
    ad_hoc = CommendationKind.source_entries().filter(code="ad-hoc").first()
    collective, individual = _exemplar(EXEMPLAR_COLLECTIVE_SLUG), _exemplar(EXEMPLAR_INDIVIDUAL_A_SLUG)
    if not NominationRound.objects.filter(title=OPEN_ROUND_TITLE).exists():
        round = NominationRound.objects.create(
            title=OPEN_ROUND_TITLE,
            year=2024,
            award_form=_form("Bằng khen của Viện trưởng VKSND tối cao"),
            submission_deadline=datetime.date(2024, 11, 30),
            is_sample=True,
        )
        for row, exemplar in enumerate((collective, individual), start=1):
            if exemplar is None:
                continue
            nomination = Nomination(
                round=round,
                unit=unit,
                exemplar=exemplar,
                summary=f"{SEED_SUMMARY} Theo {PLAN_293}.",
                proposed_form=round.award_form,
                row=row,
                status=NominationStatus.SUBMITTED,
                submitted_at=timezone.now(),
                is_sample=True,
            )
            nomination.clean()
            nomination.save()
        report.created += 1
    for decided in DECIDED_ROUNDS:
        _decided_round(report, office, unit, ad_hoc, decided)


def _decided_round(report: EmulationDemoReport, office, unit: Unit, ad_hoc, decided: DecidedRound) -> None:
    """A round as the decision closed it: its nominees approved, the decision recorded by the office."""
    if NominationRound.objects.filter(title=decided.title).exists():
        return
    exemplars = {slug: _exemplar(slug) for slug in decided.nominees if slug in SAMPLE_PAGE_SLUGS}
    if None in exemplars.values():
        return  # the demo content is not there (load_demo_content runs first)
    number, date = decided.decision
    round = NominationRound.objects.create(
        title=decided.title,
        year=2024,
        award_form=_form(PROVINCIAL_MERIT_FORM),
        kind=ad_hoc,
        decision_number=number,
        decision_date=date,
        issuing_authority=BINH_THUAN_AUTHORITY,
    )
    for row, nominee in enumerate(decided.nominees, start=1):
        exemplar = exemplars.get(nominee)
        nomination = Nomination(
            round=round,
            unit=unit,
            exemplar=exemplar,
            name="" if exemplar else nominee,
            position_and_unit="" if exemplar else RECIPIENTS_UNIT,
            summary=SEED_SUMMARY,
            proposed_form=round.award_form,
            row=row,
            status=NominationStatus.APPROVED,
            submitted_at=timezone.make_aware(datetime.datetime.combine(decided.submitted, datetime.time(9))),
            is_sample=True,
        )
        nomination.clean()
        nomination.save()
    report.awards += decide_round(round, office)
    report.created += 1


@transaction.atomic
def load_demo_emulation(
    office_username: str = "thidua", head_username: str = "binhthuan.lanhdao"
) -> EmulationDemoReport:
    """Create what is missing; needs setup_site, the demo accounts and the demo content first."""
    report = EmulationDemoReport()
    users = get_user_model().objects
    office = users.filter(username=office_username).first() or users.filter(is_superuser=True).first()
    head = users.filter(username=head_username).first()
    report.created += ensure_rules()
    _cluster(report)
    _registration(report, head)
    _initiative(report)
    _rounds(report, office)
    return report
