"""
The public's voice in the content API (added to its Ninja application by engagement/apps.py):
approved comments of a page the caller may read, comments and opinions sent by partner sites
on behalf of their readers (a key with the `comments` or `opinions` scope), consultations with
their nominees, window and state, and partner channels' access counts (`views` scope).
Opinions, e-mail and IP addresses are never served.
"""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field, field_validator
from wagtail.api.v3.errors import problem_response

from cms.models import Channel
from content_api.access import Caller
from content_api.api import cursor as cursors
from content_api.api import queries
from content_api.api.auth import PartnerOrPublic
from content_api.api.errors import BadParameter
from content_api.api.http import cached_json
from content_api.api.routers import ERRORS, guard, next_url
from content_api.api.schemas import Problem

from .. import comments as comment_services
from .. import consultations as services
from ..models import Consultation, Nominee
from ..models.consultations import WindowState
from ..text import clean_text, count_links

router = Router(auth=PartnerOrPublic())
MAX_ID = 2**31 - 1
COMMENT_ORDER = "comments"

SCOPE_COMMENTS = "comments"
SCOPE_OPINIONS = "opinions"
SCOPE_VIEWS = "views"
SUBMIT_ERRORS = {**ERRORS, 403: Problem, 409: Problem}


class CommentParams(Schema):
    page: int = Field(..., ge=1, le=MAX_ID, description="Id of an exemplar or news item you may read.")
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(20, ge=1, le=100)


class CommentOut(Schema):
    id: int
    page: int
    name: str
    body: str = Field(description="Plain text; escape it when you show it.")
    created_at: datetime.datetime


class CommentPage(Schema):
    items: list[CommentOut]
    next: str | None


class CommentIn(Schema):
    page: int = Field(..., ge=1, le=MAX_ID)
    name: str = Field(..., min_length=1, max_length=80)
    email: str = Field("", max_length=254)
    body: str = Field(..., min_length=1)
    channel: str | None = Field(
        None,
        max_length=40,
        description=(
            "Code of the channel this arrives through: one of your channels that shows the item; "
            "it decides whose moderation queue the comment joins. "
            "Default: the first of them in the channels' order."
        ),
    )

    @field_validator("name", "body")
    @classmethod
    def plain(cls, value: str) -> str:
        value = clean_text(value)
        if not value:
            raise ValueError("must not be blank")
        return value

    @field_validator("body")
    @classmethod
    def limits(cls, value: str) -> str:
        if len(value) > settings.COMMENT_MAX_LENGTH:
            raise ValueError(f"at most {settings.COMMENT_MAX_LENGTH} characters")
        if count_links(value) > settings.COMMENT_MAX_LINKS:
            raise ValueError(f"at most {settings.COMMENT_MAX_LINKS} links")
        return value


class Accepted(Schema):
    status: str = Field(description="`pending`: held for moderation (comments) or recorded (opinions).")


class NomineeOut(Schema):
    id: int
    name: str
    position_unit: str
    summary: str
    proposed_award: str
    position_unit_en: str = Field(description="English; empty where not translated.")
    summary_en: str = Field(description="English; empty where not translated.")
    proposed_award_en: str = Field(description="English; empty where not translated.")
    exemplar: dict | None = Field(
        None, description="`{id, api_url}` of the nominee's exemplar, when published to you."
    )


class ConsultationOut(Schema):
    id: int
    title: str
    legal_basis: str
    award: str
    intro: str
    title_en: str = Field(description="The English edition's title; empty where not translated.")
    intro_en: str = Field(description="English; empty where not translated.")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    state: str = Field(description="`upcoming`, `open` or `closed`.")
    nominees: list[NomineeOut]


class ConsultationPage(Schema):
    items: list[ConsultationOut]
    next: str | None


class OpinionIn(Schema):
    nominee: int = Field(..., ge=1, le=MAX_ID)
    name: str = Field(..., min_length=1, max_length=120)
    contact: str = Field(..., min_length=1, max_length=255)
    body: str = Field(..., min_length=1, max_length=5000)
    channel: str | None = Field(
        None,
        max_length=40,
        description=(
            "Code of the channel this arrives through (one of your channels on which the consultation is published; the report counts opinions by channel). "
            "Default: the first of them in the channels' order that carry the consultation."
        ),
    )

    @field_validator("name", "contact", "body")
    @classmethod
    def plain(cls, value: str) -> str:
        value = clean_text(value)
        if not value:
            raise ValueError("must not be blank")
        return value


class ViewsIn(Schema):
    day: datetime.date
    count: int = Field(..., ge=0, le=10_000_000)
    channel: str = Field(..., max_length=40, description="Code of one of your channels.")


def _require_scope(caller: Caller, scope: str) -> None:
    if not caller.is_partner:
        raise HttpError(401, "This endpoint needs a partner key.")
    if scope not in caller.scopes:
        raise HttpError(403, f"Your key lacks the `{scope}` scope.")


def _partner_channel(caller: Caller, code: str | None, among=None) -> Channel:
    """
    The channel a partner's submission arrives through: the one it names, if it is one of the
    partner's channels (and of `among`, the channels the item is published on); otherwise the
    first of them in the channels' order. A name outside them is a 400 problem naming `channel`.
    """
    allowed = Channel.objects.filter(pk__in=caller.channel_ids)
    if among is not None:
        allowed = allowed.filter(pk__in=among)
    allowed = allowed.order_by("sort_order", "pk")
    if code is None:
        channel = allowed.first()
        if channel is None:
            raise HttpError(403, "Your key reads no channel.")
        return channel
    channel = allowed.filter(code=code).first()
    if channel is None:
        codes = ", ".join(allowed.values_list("code", flat=True)) or "none"
        raise BadParameter("channel", f"not one of the channels you may submit through here ({codes})")
    return channel


def _visible_page(caller: Caller, page_id: int, param: str = "page") -> None:
    if not queries.visible(caller).filter(pk=page_id, kind__in=("exemplar", "news")).exists():
        raise BadParameter(param, "no exemplar or news item with this id is published to you")


@router.get(
    "/comments/",
    response={200: CommentPage, **ERRORS},
    operation_id="list_comments",
    summary="Approved comments of an exemplar or news item, newest first",
    tags=["comments"],
)
def list_comments(request: HttpRequest, params: Query[CommentParams]):
    """Only approved comments of an item published to your channels; never e-mail or IP addresses."""
    caller, limited = guard(request, CommentParams)
    if limited:
        return limited

    def build():
        _visible_page(caller, params.page)
        qs = comment_services.approved(params.page)
        if params.cursor:
            key = cursors.decode(params.cursor, COMMENT_ORDER)
            try:
                at, pk = datetime.datetime.fromisoformat(key[0]), int(key[1])
            except (ValueError, TypeError, IndexError):
                raise BadParameter(
                    "cursor", "malformed cursor; use the `next` URL of a previous page"
                ) from None
            qs = qs.filter(created_at__lte=at).exclude(created_at=at, pk__gte=pk)
        rows = list(qs[: params.limit + 1])
        more = len(rows) > params.limit
        rows = rows[: params.limit]
        next_cursor = (
            cursors.encode(COMMENT_ORDER, [rows[-1].created_at.isoformat(), rows[-1].pk]) if more else None
        )
        items = [
            {
                "id": c.pk,
                "page": c.page_id,
                "name": c.name,
                "body": c.body,
                "created_at": c.created_at.isoformat(),
            }
            for c in rows
        ]
        body = queries.dumps({"items": items, "next": next_url(request, next_cursor)})
        return body, [f"comments-{params.page}"]

    return cached_json(request, caller, build)


def _accepted(data: dict, status: int = 202) -> HttpResponse:
    response = HttpResponse(queries.dumps(data), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


@router.post(
    "/comments/",
    response={202: Accepted, **SUBMIT_ERRORS},
    operation_id="submit_comment",
    summary="Send a reader's comment (held for moderation); needs the `comments` scope",
    tags=["comments"],
)
def submit_comment(request: HttpRequest, payload: CommentIn):
    caller: Caller = request.auth
    _require_scope(caller, SCOPE_COMMENTS)
    _visible_page(caller, payload.page)
    shown_on = queries.Channels.objects.filter(contentdocument_id=payload.page).values_list(
        "channel_id", flat=True
    )
    channel = _partner_channel(caller, payload.channel, among=shown_on)
    comment_services.submit(
        payload.page,
        comment_services.Submission(payload.name, payload.email, payload.body),
        channel=channel,
        ip=None,
        partner_id=caller.partner_id,
    )
    return _accepted({"status": "pending"})


def _consultation_out(consultation: Consultation, caller: Caller) -> dict:
    nominees = services.nominees_of(consultation)
    visible_exemplars = set(
        queries.visible(caller, "exemplar")
        .filter(pk__in=[n.exemplar_id for n in nominees if n.exemplar_id])
        .values_list("pk", flat=True)
    )
    return {
        "id": consultation.pk,
        "title": consultation.title,
        "legal_basis": consultation.legal_basis,
        "award": consultation.award.name,
        "intro": consultation.intro,
        "title_en": consultation.title_en,
        "intro_en": consultation.intro_en,
        "starts_at": consultation.starts_at.isoformat(),
        "ends_at": consultation.ends_at.isoformat(),
        "state": consultation.window_state(),
        "nominees": [_nominee_out(n, visible_exemplars) for n in nominees],
    }


def _nominee_out(nominee: Nominee, visible_exemplars: set[int]) -> dict:
    exemplar = None
    if nominee.exemplar_id in visible_exemplars:
        exemplar = {"id": nominee.exemplar_id, "api_url": f"/api/content/v1/exemplars/{nominee.exemplar_id}/"}
    return {
        "id": nominee.pk,
        "name": nominee.name,
        "position_unit": nominee.position_unit,
        "summary": nominee.summary,
        "proposed_award": nominee.proposed_award,
        "position_unit_en": nominee.position_unit_en,
        "summary_en": nominee.summary_en,
        "proposed_award_en": nominee.proposed_award_en,
        "exemplar": exemplar,
    }


class ConsultationParams(Schema):
    state: WindowState | None = None


@router.get(
    "/consultations/",
    response={200: ConsultationPage, **ERRORS},
    operation_id="list_consultations",
    summary="Public consultations on nominees published to your channels",
    tags=["consultations"],
)
def list_consultations(request: HttpRequest, params: Query[ConsultationParams]):
    """Newest first, with nominees, window (Asia/Ho_Chi_Minh offsets) and state. Opinions are never served."""
    caller, limited = guard(request, ConsultationParams)
    if limited:
        return limited
    items = [_consultation_out(c, caller) for c in services.on_channels(caller.channel_ids)]
    if params.state:
        items = [item for item in items if item["state"] == params.state]
    response = HttpResponse(queries.dumps({"items": items, "next": None}), content_type="application/json")
    # The state changes with the clock, not with the content version: short, private caching only.
    response["Cache-Control"] = "private, max-age=60"
    response["Vary"] = "Authorization"
    return response


def _consultation_for(caller: Caller, pk: int) -> Consultation:
    consultation = services.on_channels(caller.channel_ids).filter(pk=pk).first()
    if consultation is None:
        raise Http404(f"No consultation with id {pk} is published to you.")
    return consultation


@router.get(
    "/consultations/{id}/",
    response={200: ConsultationOut, **ERRORS},
    operation_id="get_consultation",
    summary="One consultation with its nominees, window and state",
    tags=["consultations"],
)
def get_consultation(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    caller, limited = guard(request, ConsultationParams)
    if limited:
        return limited
    data = _consultation_out(_consultation_for(caller, id), caller)
    response = HttpResponse(queries.dumps(data), content_type="application/json")
    response["Cache-Control"] = "private, max-age=60"
    response["Vary"] = "Authorization"
    return response


@router.post(
    "/consultations/{id}/opinions/",
    response={202: Accepted, **SUBMIT_ERRORS},
    operation_id="submit_opinion",
    summary="Send a citizen's opinion on a nominee while the window is open; needs the `opinions` scope",
    tags=["consultations"],
)
def submit_opinion(request: HttpRequest, payload: OpinionIn, id: int = Path(..., ge=1, le=MAX_ID)):
    """Outside the window: 409 problem details with `opens_at` or `closed_at`."""
    caller: Caller = request.auth
    _require_scope(caller, SCOPE_OPINIONS)
    consultation = _consultation_for(caller, id)
    if not consultation.nominees.filter(pk=payload.nominee).exists():
        raise BadParameter("nominee", "not a nominee of this consultation")
    channel = _partner_channel(
        caller, payload.channel, among=consultation.channels.values_list("pk", flat=True)
    )
    try:
        services.submit_opinion(
            consultation,
            payload.nominee,
            name=payload.name,
            contact=payload.contact,
            body=payload.body,
            channel=channel,
            partner_id=caller.partner_id,
        )
    except services.WindowClosed as closed:
        key = "opens_at" if closed.state == WindowState.UPCOMING else "closed_at"
        response = problem_response(status=409, detail=str(closed))
        response.content = queries.dumps({**json.loads(response.content), key: closed.at.isoformat()})
        return response
    return _accepted({"status": "pending"})


@router.post(
    "/consultations/{id}/views/",
    response={204: None, **SUBMIT_ERRORS},
    operation_id="report_consultation_views",
    summary="Report your channel's access count of a consultation for one day; needs the `views` scope",
    tags=["consultations"],
)
def report_views(request: HttpRequest, payload: ViewsIn, id: int = Path(..., ge=1, le=MAX_ID)):
    """The latest report for a day and channel stands (send the day's total, as often as you like)."""
    caller: Caller = request.auth
    _require_scope(caller, SCOPE_VIEWS)
    consultation = _consultation_for(caller, id)
    channel = Channel.objects.filter(pk__in=caller.channel_ids, code=payload.channel).first()
    if channel is None:
        raise BadParameter("channel", "not one of your channels")
    services.record_partner_views(consultation, channel, payload.day, payload.count)
    return HttpResponse(status=204)
