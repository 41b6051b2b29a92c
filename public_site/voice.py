"""
The public's voice on the site: the comment form under exemplars and news, and the public
consultations on nominees with their opinion form.

The story pages are kept in the shared page cache for anonymous visitors, so their forms
cannot carry a per-visitor CSRF token. The endpoints that take these forms are therefore
exempt from Django's token check and do what it does for a request without a session: they
refuse a POST whose Origin (or, without one, Referer) is another site. No cookie or session is
involved, so a forged post can act for nobody; the signed stamp, the honeypot and the rate
limits in engagement.forms keep robots out. The answers to a POST are never cached.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.models import Channel
from content_api.access import client_ip
from engagement import comments as comment_services
from engagement import consultations as consultation_services
from engagement.forms import CommentForm, OpinionForm, make_stamp
from engagement.models.consultations import Text, in_language
from engagement.ratelimit import CountersUnavailable, allow
from engagement.text import render_plain

from . import queries
from .channels import site_reader
from .navigation import site_nav

COMMENTED_KINDS = ("exemplar", "news")
SENT_PARAM = "binh-luan"
PAGE_PARAM = "trang-binh-luan"
# The submission counters live in the shared cache; without it, submissions are refused (fail
# closed, content_api.ratelimit says why) with this message and a 503, and the reader retries.
UNAVAILABLE = gettext_lazy("Hệ thống tạm thời chưa nhận được nội dung gửi. Vui lòng thử lại sau ít phút.")


def comment_target(page_id: int) -> str:
    return f"comment:{page_id}"


def comments_context(request: HttpRequest, page_id: int) -> dict:
    """What a story page shows of its comments: approved ones, a page of them, and the form."""
    page = comment_services.approved_page(page_id, request.GET.get(PAGE_PARAM))
    comments = [
        {"name": c.name, "body": render_plain(c.body), "created_at": c.created_at} for c in page.object_list
    ]
    return {
        "comments": comments,
        "comment_count": page.paginator.count,
        "comment_page": page,
        "comment_page_param": PAGE_PARAM,
        # No stamp in the cached page: the form fetches a fresh one (see engagement/forms.py).
        "comment_form": CommentForm(target=comment_target(page_id), stamped=False),
        "comment_action": reverse("public_site:comment", args=[page_id]),
        "comment_stamp_url": reverse("public_site:comment_stamp", args=[page_id]),
        "comment_sent": request.GET.get(SENT_PARAM) == "cho-duyet",
    }


def same_origin(request: HttpRequest) -> bool:
    """The POST comes from a page of this site (see the module docstring)."""
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return False
    trusted = {own, *getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin in trusted
    referer = request.headers.get("Referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" in trusted
    # Neither header: not a browser posting a form (browsers send Origin); no cookie is at stake.
    return True


def _site_channel() -> Channel:
    return Channel.objects.get(code=settings.ENGAGEMENT_SITE_CHANNEL)


def _page_context(language: str) -> dict:
    return {"language": language, "nav": site_nav(language), "alternates": {}}


def _forbidden(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        _("Biểu mẫu phải được gửi từ trang này."), status=403, content_type="text/plain; charset=utf-8"
    )
    add_never_cache_headers(response)
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def comment(request: HttpRequest, page_id: int) -> HttpResponse:
    """A reader's comment: held for moderation, then back to the story with a notice."""
    if request.method != "POST":
        # The form's address opened directly: the story's comments are where the form is.
        document = queries.on_site().filter(pk=page_id, kind__in=COMMENTED_KINDS).only("summary").first()
        url = json.loads(document.summary).get("url") if document else None
        if not url:
            raise Http404
        return HttpResponseRedirect(f"{urlsplit(url).path}#binh-luan")
    if not same_origin(request):
        return _forbidden(request)
    document = queries.on_site().filter(pk=page_id, kind__in=COMMENTED_KINDS).only("kind").first()
    found = queries.item(document.kind, page_id) if document else None
    if found is None or found.data.get("locale") != translation.get_language():
        raise Http404
    item = found.data
    form = CommentForm(request.POST, target=comment_target(page_id))
    status = 400
    ip = client_ip(request)
    per_ip, ip_window = settings.COMMENT_RATE_PER_IP
    per_page, page_window = settings.COMMENT_RATE_PER_PAGE
    try:
        allowed = allow(f"comment-ip:{ip}", per_ip, ip_window) and allow(
            f"comment-page:{page_id}", per_page, page_window
        )
    except CountersUnavailable:
        form.is_valid()
        form.add_error(None, UNAVAILABLE)
        status, allowed = 503, None
    if allowed is False:
        form.is_valid()
        form.add_error(None, _("Bạn đã gửi quá nhiều bình luận trong thời gian ngắn. Vui lòng thử lại sau."))
        status = 429
    elif allowed and form.is_valid():
        data = form.cleaned_data
        comment_services.submit(
            page_id,
            comment_services.Submission(data["name"], data["email"], data["body"]),
            channel=_site_channel(),
            ip=ip if ip != "unknown" else None,
        )
        path = urlsplit(item["url"]).path
        response = HttpResponseRedirect(f"{path}?{SENT_PARAM}=cho-duyet#binh-luan", status=303)
        add_never_cache_headers(response)
        return response
    form.refresh_stamp()
    context = {**_page_context(item["locale"]), "item": item, "form": form, "action": request.path}
    response = TemplateResponse(request, "public_site/comment_form.html", context, status=status)
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET"])
def comment_stamp(request: HttpRequest, page_id: int) -> HttpResponse:
    """
    A fresh signed stamp for the comment form of a cached story page, fetched by the page's own
    script when the reader first touches the form. Never cached (not by the page cache, the CDN
    or the browser); it holds no secret and no personal data, only the form and the time.
    """
    response = JsonResponse({"stamp": make_stamp(comment_target(page_id))})
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


# Public consultations


def _consultations():
    return consultation_services.on_channels(site_reader().channel_ids)


def consultation_index(request: HttpRequest) -> TemplateResponse:
    """Đợt lấy ý kiến: open ones first, then upcoming, then closed."""
    items = list(_consultations())
    order = {"open": 0, "upcoming": 1, "closed": 2}
    items.sort(key=lambda c: (order[c.window_state()], -c.starts_at.timestamp()))
    language = translation.get_language()
    listed = [(c, c.window_state(), c.text_in("title", language)) for c in items]
    context = {
        **_page_context(language),
        "section": "consultations",
        "consultations": listed,
        "has_fallback": any(title.fallback for _c, _s, title in listed),
    }
    response = TemplateResponse(request, "public_site/consultation_index.html", context)
    response["Cache-Control"] = "public, max-age=60"
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """A consultation: its nominees, and while it is open the opinion form (opinions are never shown)."""
    consultation = get_object_or_404(_consultations(), pk=pk)
    nominees = consultation_services.nominees_of(consultation)
    state = consultation.window_state()
    target = f"opinion:{consultation.pk}"
    form = OpinionForm(target=target, nominees=nominees) if state == "open" else None
    status, sent, closed_message = 200, request.GET.get("y-kien") == "da-gui", ""
    if request.method == "POST":
        if not same_origin(request):
            return _forbidden(request)
        form = OpinionForm(request.POST, request.FILES, target=target, nominees=nominees)
        per_ip, window = settings.OPINION_RATE_PER_IP
        status = 400
        try:
            allowed = allow(f"opinion-ip:{client_ip(request)}", per_ip, window)
        except CountersUnavailable:
            form.is_valid()
            form.add_error(None, UNAVAILABLE)
            status, allowed = 503, None
        if allowed is False:
            form.is_valid()
            form.add_error(None, _("Bạn đã gửi quá nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau."))
            status = 429
        elif allowed and form.is_valid():
            data = form.cleaned_data
            try:
                consultation_services.submit_opinion(
                    consultation,
                    data["nominee"],
                    name=data["name"],
                    contact=data["contact"],
                    body=data["body"],
                    attachment=data["attachment"],
                    channel=_site_channel(),
                )
            except consultation_services.WindowClosed as closed:
                closed_message, form, status = str(closed), None, 409
            else:
                response = HttpResponseRedirect(f"{request.path}?y-kien=da-gui#gui-y-kien", status=303)
                add_never_cache_headers(response)
                return response
    elif request.method == "GET":
        # One view of the page on this site's channel: a number per day, no cookie, no address.
        consultation_services.count_view(consultation.pk, _site_channel().pk)
    if state == "upcoming" or state == "closed":
        closed_message = closed_message or str(consultation_services.WindowClosed(consultation, state))
    context = {
        **_page_context(translation.get_language()),
        **consultation_texts(consultation, nominees, translation.get_language()),
        "section": "consultations",
        "consultation": consultation,
        "state": state,
        "nominees": nominees,
        "exemplar_urls": _exemplar_urls(nominees),
        "form": form,
        "sent": sent,
        "closed_message": closed_message,
    }
    response = TemplateResponse(request, "public_site/consultation.html", context, status=status)
    # Counted on every view, and the window opens and closes with the clock: never cached.
    add_never_cache_headers(response)
    return response


def consultation_preview_context(consultation, request: HttpRequest) -> dict:
    """
    The admin's preview of a consultation (registered in engagement/previews.py): the public
    page built from the revision being edited, its nominees as they stand in the form, no view
    counted and a form that cannot be sent.
    """
    nominees = sorted(consultation.nominees.all(), key=lambda n: (n.sort_order is None, n.sort_order or 0))
    state = consultation.window_state() if consultation.starts_at and consultation.ends_at else "upcoming"
    closed_message = ""
    if state != "open" and consultation.starts_at and consultation.ends_at:
        closed_message = str(consultation_services.WindowClosed(consultation, state))
    return {
        **_page_context(settings.LANGUAGE_CODE),
        **consultation_texts(consultation, nominees, settings.LANGUAGE_CODE),
        "section": "consultations",
        "consultation": consultation,
        "state": state,
        "nominees": nominees,
        "exemplar_urls": _exemplar_urls(nominees),
        "form": OpinionForm(target=f"opinion:{consultation.pk}", nominees=nominees)
        if state == "open"
        else None,
        "sent": False,
        "closed_message": closed_message,
        "is_preview": True,
    }


def _award_name(award, language: str) -> Text:
    """The award's name in the language (its wagtail-localize translation), Vietnamese otherwise."""
    english = ""
    if language == "en":
        english = (
            award.get_translations().filter(locale__language_code="en").values_list("name", flat=True).first()
            or ""
        )
    return in_language(award.name, english, language)


def consultation_texts(consultation, nominees, language: str) -> dict:
    """
    The consultation's words in the page's language: English where the record has them,
    Vietnamese otherwise, each with the language it is really in so the page can mark it.
    """
    title = consultation.text_in("title", language)
    intro = consultation.text_in("intro", language)
    award = (
        _award_name(consultation.award, language) if consultation.award_id else in_language("", "", language)
    )
    rows = [
        {
            "nominee": nominee,
            "position_unit": nominee.text_in("position_unit", language),
            "summary": nominee.text_in("summary", language),
            "proposed_award": nominee.text_in("proposed_award", language)
            if nominee.proposed_award
            else award,
        }
        for nominee in nominees
    ]
    texts = [
        title,
        intro,
        award,
        *(row[key] for row in rows for key in ("position_unit", "summary", "proposed_award")),
    ]
    return {
        "title": title,
        "intro": intro,
        "award": award,
        "rows": rows,
        "has_fallback": any(text.fallback for text in texts),
    }


def _exemplar_urls(nominees) -> dict[int, str]:
    """Addresses of the nominees' exemplar pages that are on the site."""
    ids = [n.exemplar_id for n in nominees if n.exemplar_id]
    urls = {}
    for document_id in queries.on_site("exemplar").filter(pk__in=ids).values_list("pk", flat=True):
        found = queries.item("exemplar", document_id)
        if found and found.data.get("url"):
            urls[document_id] = urlsplit(found.data["url"]).path
    return urls
