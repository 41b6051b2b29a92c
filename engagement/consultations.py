"""
A consultation's life: published (live, approved by the Office) on its channels; open between
its start and end; opinions accepted only then; views counted per channel and day without
cookies or personal data; at the end, a report for emulation & rewards.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cms.models import Channel, CoordinatingRole, RoleCode

from .models import Consultation, ConsultationView, Nominee, Opinion
from .models.consultations import WindowState

VIEW_KEY = "engagement:views:{consultation}:{channel}:{day}"


class WindowClosed(Exception):
    """An opinion outside the window: says when it opens or when it closed."""

    def __init__(self, consultation: Consultation, state: str):
        self.consultation = consultation
        self.state = state
        local = timezone.localtime
        if state == WindowState.UPCOMING:
            message = _("Đợt lấy ý kiến chưa mở; mở lúc %(at)s.")
            at = local(consultation.starts_at)
        else:
            message = _("Đợt lấy ý kiến đã kết thúc lúc %(at)s.")
            at = local(consultation.ends_at)
        self.at = at
        super().__init__(message % {"at": formats.date_format(at, "H:i d/m/Y")})


def published() -> QuerySet[Consultation]:
    """Consultations the public may see: live (the Office approved them)."""
    return Consultation.objects.filter(live=True).select_related("award")


def on_channels(channel_ids) -> QuerySet[Consultation]:
    return published().filter(channels__in=channel_ids).distinct()


def nominees_of(consultation: Consultation) -> list[Nominee]:
    return list(consultation.nominees.select_related("exemplar").order_by("sort_order", "pk"))


@transaction.atomic
def submit_opinion(
    consultation: Consultation,
    nominee_id: int,
    *,
    name: str,
    contact: str,
    body: str,
    channel: Channel,
    attachment=None,
    partner_id: int | None = None,
) -> Opinion:
    """Record an opinion while the window is open (WindowClosed otherwise); all or nothing."""
    state = consultation.window_state()
    if state != WindowState.OPEN:
        raise WindowClosed(consultation, state)
    nominee = consultation.nominees.get(pk=nominee_id)
    opinion = Opinion(
        consultation=consultation,
        nominee=nominee,
        channel=channel,
        partner_id=partner_id,
        name=name,
        contact=contact,
        body=body,
    )
    if attachment:
        opinion.attachment = attachment
    opinion.save()
    return opinion


# Views per channel and day: counters in the shared cache, flushed to the database.


def _today() -> datetime.date:
    return timezone.localdate()


def count_view(
    consultation_id: int, channel_id: int, count: int = 1, day: datetime.date | None = None
) -> None:
    """One more view (no cookie, no address: a number per consultation, channel and day)."""
    key = VIEW_KEY.format(consultation=consultation_id, channel=channel_id, day=(day or _today()).isoformat())
    try:
        cache.incr(key, count)
    except ValueError:
        if not cache.add(key, count, 40 * 24 * 3600):
            cache.incr(key, count)


def _counter_keys() -> list[tuple[str, int, int, datetime.date]]:
    """Every counter that may hold views: live consultations' days so far, on the site's channels."""
    today = _today()
    channels = list(Channel.objects.values_list("pk", flat=True))
    keys = []
    for pk, starts, ends in published().values_list("pk", "starts_at", "ends_at"):
        # From a day before the window (pages are seen before it opens) to today.
        day = timezone.localtime(starts).date() - datetime.timedelta(days=7)
        last = min(today, timezone.localtime(ends).date() + datetime.timedelta(days=30))
        while day <= last:
            for channel in channels:
                keys.append(
                    (VIEW_KEY.format(consultation=pk, channel=channel, day=day.isoformat()), pk, channel, day)
                )
            day += datetime.timedelta(days=1)
    return keys


def flush_views() -> int:
    """Move the counters into ConsultationView rows; returns how many views were moved."""
    keys = _counter_keys()
    values = cache.get_many([key for key, *_rest in keys])
    moved = 0
    for key, consultation, channel, day in keys:
        value = values.get(key) or 0
        if not value:
            continue
        cache.decr(key, value)
        with transaction.atomic():
            row, _created = ConsultationView.objects.get_or_create(
                consultation_id=consultation, channel_id=channel, day=day
            )
            ConsultationView.objects.filter(pk=row.pk).update(count=F("count") + value)
        moved += value
    return moved


def record_partner_views(
    consultation: Consultation, channel: Channel, day: datetime.date, count: int
) -> None:
    """A partner channel reports its own count for a day (the latest report for that day stands)."""
    ConsultationView.objects.update_or_create(
        consultation=consultation, channel=channel, day=day, defaults={"count": count}
    )


# The report: views per channel and day, opinions per nominee with their texts.


@dataclass
class Report:
    consultation: Consultation
    views: list[tuple[datetime.date, str, int]]
    views_by_channel: dict[str, int]
    nominees: list[tuple[Nominee, list[Opinion]]]

    @property
    def total_views(self) -> int:
        return sum(self.views_by_channel.values())

    @property
    def total_opinions(self) -> int:
        return sum(len(opinions) for _nominee, opinions in self.nominees)


def report(consultation: Consultation) -> Report:
    flush_views()
    views = [
        (row.day, row.channel.name, row.count)
        for row in consultation.views.select_related("channel").order_by(
            "day", "channel__sort_order", "channel__pk"
        )
    ]
    by_channel: dict[str, int] = {}
    for _day, channel, count in views:
        by_channel[channel] = by_channel.get(channel, 0) + count
    opinions: dict[int, list[Opinion]] = {}
    for opinion in consultation.opinions.select_related("channel").order_by("created_at", "pk"):
        opinions.setdefault(opinion.nominee_id, []).append(opinion)
    nominees = [(nominee, opinions.get(nominee.pk, [])) for nominee in nominees_of(consultation)]
    return Report(consultation, views, by_channel, nominees)


def _dt(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "H:i d/m/Y")


def report_xlsx(data: Report) -> bytes:
    """The report as a workbook: a sheet of views, a sheet of opinions (Vietnamese headings)."""
    # Imported here, not at module level: openpyxl costs every app server about 10 MB of memory
    # for an export the Office asks for a few times a year (tests/vksnd/test_startup_imports.py).
    from openpyxl import Workbook

    with translation.override(settings.LANGUAGE_CODE):
        book = Workbook()
        sheet = book.active
        sheet.title = _("Lượt truy cập")
        sheet.append([data.consultation.title])
        sheet.append([_("Căn cứ"), data.consultation.legal_basis])
        sheet.append(
            [_("Thời gian"), f"{_dt(data.consultation.starts_at)} – {_dt(data.consultation.ends_at)}"]
        )
        sheet.append([])
        sheet.append([_("Ngày"), _("Kênh"), _("Lượt truy cập")])
        for day, channel, count in data.views:
            sheet.append([day.strftime("%d/%m/%Y"), channel, count])
        sheet.append([_("Tổng cộng"), "", data.total_views])
        opinions = book.create_sheet(_("Ý kiến"))
        opinions.append(
            [_("STT"), _("Ứng viên"), _("Người gửi"), _("Liên hệ"), _("Kênh"), _("Gửi lúc"), _("Ý kiến")]
        )
        number = 0
        for nominee, items in data.nominees:
            for opinion in items:
                number += 1
                opinions.append(
                    [
                        number,
                        nominee.name,
                        opinion.name,
                        opinion.contact,
                        opinion.channel.name,
                        _dt(opinion.created_at),
                        opinion.body,
                    ]
                )
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def _docx_paragraph(document, text: str, *, bold: bool = False, size: int = 13, center: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    return paragraph


def _docx_table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = str(text)
    document.add_paragraph()


def report_docx(data: Report) -> bytes:
    """The report as a Word document the emulation council can file (Vietnamese, python-docx)."""
    # Imported here, not at module level: python-docx (with lxml) would weigh on every app
    # server's memory for a rare export (tests/vksnd/test_startup_imports.py).
    from docx import Document as DocxDocument
    from docx.shared import Pt

    consultation = data.consultation
    with translation.override(settings.LANGUAGE_CODE):
        document = DocxDocument()
        normal = document.styles["Normal"].font
        normal.name = "Times New Roman"
        normal.size = Pt(13)
        for level in ("Heading 1", "Heading 2"):
            document.styles[level].font.name = "Times New Roman"
        document.core_properties.title = consultation.title
        document.core_properties.language = "vi-VN"
        _docx_paragraph(document, _("BÁO CÁO KẾT QUẢ LẤY Ý KIẾN NHÂN DÂN"), bold=True, size=15, center=True)
        _docx_paragraph(document, consultation.title, bold=True, center=True)
        _docx_paragraph(document, _("Căn cứ: %(number)s") % {"number": consultation.legal_basis})
        _docx_paragraph(
            document,
            _("Thời gian lấy ý kiến: từ %(start)s đến %(end)s")
            % {"start": _dt(consultation.starts_at), "end": _dt(consultation.ends_at)},
        )
        document.add_heading(_("I. Lượt truy cập theo kênh"), level=1)
        _docx_table(
            document,
            [_("Kênh"), _("Lượt truy cập")],
            [[channel, str(count)] for channel, count in data.views_by_channel.items()]
            + [[_("Tổng cộng"), str(data.total_views)]],
        )
        document.add_heading(_("II. Ý kiến theo ứng viên"), level=1)
        _docx_paragraph(document, _("Tổng số ý kiến: %(count)d") % {"count": data.total_opinions})
        for number, (nominee, opinions) in enumerate(data.nominees, start=1):
            document.add_heading(f"{number}. {nominee.name} ({len(opinions)})", level=2)
            if opinions:
                _docx_table(
                    document,
                    [_("Người gửi"), _("Liên hệ"), _("Kênh"), _("Gửi lúc"), _("Ý kiến")],
                    [[o.name, o.contact, o.channel.name, _dt(o.created_at), o.body] for o in opinions],
                )
            else:
                _docx_paragraph(document, _("Chưa có ý kiến."))
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def notify_closed(now: datetime.datetime | None = None) -> int:
    """Tell emulation & rewards once about each consultation whose window has closed."""
    now = now or timezone.now()
    role = CoordinatingRole.objects.filter(code=RoleCode.EMULATION_REWARDS).select_related("group").first()
    done = 0
    for consultation in Consultation.objects.filter(live=True, ends_at__lte=now, closed_notified_at=None):
        recipients = (
            [u.email for u in role.group.user_set.filter(is_active=True) if u.email]
            if role and role.group
            else []
        )
        if recipients:
            count = consultation.opinions.count()
            with translation.override(settings.LANGUAGE_CODE):
                send_mail(
                    _("Đợt lấy ý kiến đã kết thúc: %(title)s") % {"title": consultation.title},
                    _(
                        'Đợt lấy ý kiến "%(title)s" đã kết thúc lúc %(at)s với %(count)d ý kiến. Báo cáo: %(url)s'
                    )
                    % {
                        "title": consultation.title,
                        "at": _dt(consultation.ends_at),
                        "count": count,
                        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                        + f"/admin/engagement/consultations/{consultation.pk}/report/",
                    },
                    None,
                    recipients,
                )
        Consultation.objects.filter(pk=consultation.pk).update(closed_notified_at=now)
        done += 1
    return done
