"""
The steps of the emulation year, each one function: a head confirms the unit's registration
or submits its nominations; emulation & rewards sends a nomination back, records outcomes and
the round's decision, which adds the awards to the nominees' exemplars with their provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import django.dispatch
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from exemplar_pages.models import Award, AwardStatus

from .access import is_emulation_office, is_unit_head
from .models import (
    AwardRecord,
    EmulationRegistration,
    Nomination,
    NominationRound,
    NominationStatus,
    RegistrationStatus,
    RoundStatus,
)

# Sent when a round that needs one opens its public consultation (the nominee list); the
# public-voice app connects to it. Arguments: round, nominations.
consultation_requested = django.dispatch.Signal()
# Sent after a round's decision has been recorded. Arguments: round, awards (how many added).
round_decided = django.dispatch.Signal()


@transaction.atomic
def confirm_registration(registration: EmulationRegistration, user) -> None:
    """The unit's head confirms that the registration speaks for the unit."""
    if not is_unit_head(user, registration.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị được xác nhận đăng ký thi đua."))
    if registration.status == RegistrationStatus.CONFIRMED:
        return
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.confirmed_by = user
    registration.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    log(registration, "emulation.confirm", user=user)


@transaction.atomic
def submit_nomination(nomination: Nomination, user) -> None:
    """The unit's head sends a draft (or returned) nomination to emulation & rewards."""
    if not is_unit_head(user, nomination.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị được gửi đề nghị khen thưởng."))
    if nomination.status not in (NominationStatus.DRAFT, NominationStatus.RETURNED):
        raise ValidationError(_("Đề nghị này đã được gửi."))
    if nomination.round.status != RoundStatus.OPEN:
        raise ValidationError(_("Đợt xét đã hết nhận hồ sơ."))
    nomination.status = NominationStatus.SUBMITTED
    nomination.submitted_at = timezone.now()
    nomination.save(update_fields=["status", "submitted_at"])
    log(nomination, "emulation.submit", user=user)


def _require_office(user) -> None:
    if not is_emulation_office(user):
        raise PermissionDenied(_("Chỉ bộ phận Thi đua - Khen thưởng được thực hiện thao tác này."))


@transaction.atomic
def return_nomination(nomination: Nomination, user, comment: str) -> None:
    """Send a submitted nomination back to its unit with the reviewer's comment."""
    _require_office(user)
    if nomination.status != NominationStatus.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được đề nghị đã gửi."))
    if not comment.strip():
        raise ValidationError(_("Ghi rõ lý do trả lại."))
    nomination.status = NominationStatus.RETURNED
    nomination.review_comment = comment.strip()
    nomination.save(update_fields=["status", "review_comment"])
    log(nomination, "emulation.return", user=user, data={"comment": nomination.review_comment})
    group = nomination.unit.editor_group
    addresses = [u.email for u in group.user_set.filter(is_active=True)] if group else []
    subject = _("[Thi đua - Khen thưởng] Đề nghị “%(name)s” được trả lại") % {"name": nomination.display_name}
    for address in filter(None, addresses):
        send_mail(
            subject, nomination.review_comment, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=True
        )


@transaction.atomic
def set_outcome(nomination: Nomination, user, approved: bool) -> None:
    """Record the council's outcome for one nominee (before the round's decision is recorded)."""
    _require_office(user)
    if nomination.status not in (
        NominationStatus.SUBMITTED,
        NominationStatus.APPROVED,
        NominationStatus.REJECTED,
    ):
        raise ValidationError(_("Chỉ xét được đề nghị đã gửi."))
    if nomination.round.status == RoundStatus.DECIDED:
        raise ValidationError(_("Đợt xét đã có quyết định."))
    nomination.status = NominationStatus.APPROVED if approved else NominationStatus.REJECTED
    nomination.save(update_fields=["status"])
    log(nomination, "emulation.outcome", user=user, data={"approved": approved})


@transaction.atomic
def open_consultation(round: NominationRound, user) -> int:
    """Close submissions; for rounds that need it, ask for the public consultation of the nominees."""
    _require_office(user)
    round.status = RoundStatus.REVIEWING
    round.save(update_fields=["status"])
    nominations = list(round.nominations.filter(status=NominationStatus.SUBMITTED))
    if round.needs_public_consultation:
        consultation_requested.send(sender=NominationRound, round=round, nominations=nominations)
    return len(nominations)


def provenance(round: NominationRound, nomination: Nomination) -> str:
    return _("Đợt xét “%(round)s”, đề nghị số %(id)s của %(unit)s") % {
        "round": round.title,
        "id": nomination.pk,
        "unit": nomination.unit.short_name,
    }


def _add_award(round: NominationRound, nomination: Nomination, user) -> bool:
    """
    The award joins the exemplar's latest revision; a live page without pending changes is
    republished with it, a page with a draft keeps it in the draft for the next publication.
    A page that already carries it (the unit entered it from the decision) is left as it is.
    Returns whether the award was added.
    """
    page = nomination.exemplar.specific
    had_draft = page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    if any(
        award.award_form_id == round.award_form_id and award.decision_number == round.decision_number
        for award in latest.awards.all()
    ):
        return False
    latest.awards.add(
        Award(
            award_form=round.award_form,
            kind=round.kind,
            status=AwardStatus.RECEIVED,
            title=str(round.award_form),
            decision_number=round.decision_number,
            decision_date=round.decision_date,
            issuing_authority=round.issuing_authority,
            decision_document=round.decision_document,
            source=provenance(round, nomination)[:255],
        )
    )
    revision = latest.save_revision(user=user, log_action=True)
    if page.live and not had_draft:
        # The approved content is unchanged: only the decided award joins it, recorded by the
        # role that verifies awards, which has no right to publish pages otherwise.
        revision.publish(user=user, skip_permission_checks=True)
    return True


def _record_award(round: NominationRound, nomination: Nomination) -> AwardRecord:
    record, _created = AwardRecord.objects.get_or_create(
        nomination=nomination,
        defaults={
            "name": nomination.display_name[:255],
            "kind": nomination.kind,
            "unit": nomination.unit,
            "exemplar": nomination.exemplar,
            "award_form": round.award_form,
            "year": round.year,
            "ad_hoc": bool(round.kind and round.kind.code == "ad-hoc"),
            "decision_number": round.decision_number,
            "decision_date": round.decision_date,
            "issuing_authority": round.issuing_authority,
        },
    )
    return record


@transaction.atomic
def decide_round(round: NominationRound, user) -> int:
    """
    Record the round's decision: every nominee has an outcome, the decision has its number
    and date; approved nominees with an exemplar get the award on it, and every approved
    nominee's award is kept in the register (AwardRecord). Returns awards added to exemplars
    (an exemplar already carrying the decided award is not given it twice).
    """
    _require_office(user)
    round = NominationRound.objects.select_for_update().get(pk=round.pk)
    if round.status == RoundStatus.DECIDED:
        raise ValidationError(_("Đợt xét đã có quyết định."))
    if not (round.decision_number and round.decision_date):
        raise ValidationError(_("Nhập số và ngày quyết định khen thưởng trước khi ghi quyết định."))
    pending = round.nominations.filter(status=NominationStatus.SUBMITTED).count()
    if pending:
        raise ValidationError(_("Còn %(count)s đề nghị chưa có kết quả xét.") % {"count": pending})
    added = 0
    for nomination in round.nominations.filter(
        status=NominationStatus.APPROVED, award_recorded=False
    ).select_related("exemplar", "unit"):
        if nomination.exemplar_id:
            added += _add_award(round, nomination, user)
        # Every approved nominee's award is in the register; one without an exemplar page has
        # it only there (the yearly report and the eligibility checks read it).
        _record_award(round, nomination)
        nomination.award_recorded = True
        nomination.save(update_fields=["award_recorded"])
    round.status = RoundStatus.DECIDED
    round.decided_at = timezone.now()
    round.decided_by = user
    round.save(update_fields=["status", "decided_at", "decided_by"])
    log(round, "emulation.decide", user=user, data={"awards": added})
    round_decided.send(sender=NominationRound, round=round, awards=added)
    return added


@dataclass
class BackfillReport:
    """What `backfill_award_records` found: rows created (or to create), already there, skipped."""

    created: int = 0
    existing: int = 0
    skipped: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = "would be created" if self.dry_run else "created"
        return [
            *(f"Skipped: {reason}" for reason in self.skipped),
            f"Award records {verb}: {self.created}; already recorded: {self.existing}; "
            f"skipped: {len(self.skipped)}." + (" Dry run: nothing was written." if self.dry_run else ""),
        ]


@transaction.atomic
def backfill_award_records(*, dry_run: bool = False) -> BackfillReport:
    """
    The register (AwardRecord) for rounds decided before it existed: every approved nominee of
    a decided round gets its row from the round's decision, once. Exemplar pages are not touched
    (the decision added the award to them then); a nominee without one is marked as recorded,
    as a decision marks it today. Rounds without a decision number or date are reported.
    """
    report = BackfillReport(dry_run=dry_run)
    nominations = (
        Nomination.objects.filter(round__status=RoundStatus.DECIDED, status=NominationStatus.APPROVED)
        .select_related("round__kind", "unit", "exemplar")
        .order_by("round__year", "round_id", "row", "pk")
    )
    recorded = set(AwardRecord.objects.values_list("nomination_id", flat=True))
    for nomination in nominations:
        round = nomination.round
        if nomination.pk in recorded:
            report.existing += 1
            continue
        if not (round.decision_number and round.decision_date):
            report.skipped.append(
                f"round {round.pk} ({round.title}) has no decision number or date; nomination {nomination.pk}"
            )
            continue
        report.created += 1
        if dry_run:
            continue
        _record_award(round, nomination)
        if not nomination.exemplar_id and not nomination.award_recorded:
            nomination.award_recorded = True
            nomination.save(update_fields=["award_recorded"])
    return report
