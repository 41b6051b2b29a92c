"""
Demo of the public's voice (load_demo): one consultation open now, with three nominees linked to
the sample exemplars, one closed consultation with sample opinions and views (its report), and
comments under a demo news item, one approved and one waiting. Idempotent.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from cms.models import Channel
from exemplar_pages.demo import SAMPLE_LABEL
from exemplar_pages.models import AwardForm, ExemplarPage, NewsPage

from .models import Comment, CommentStatus, Consultation, ConsultationView, Nominee, Opinion

OPEN_TITLE = f"Lấy ý kiến nhân dân đối với đề nghị tặng Huân chương Lao động hạng Ba {SAMPLE_LABEL}"
CLOSED_TITLE = f"Lấy ý kiến nhân dân đối với đề nghị xét tặng Chiến sĩ thi đua toàn quốc {SAMPLE_LABEL}"
CHANNELS = ("portal", "newspaper", "journal", "public")
OPEN_TITLE_EN = "Public consultation on the proposed Third-class Labour Order (sample data)"
OPEN_INTRO_EN = (
    "Under Decree 152/2025/NĐ-CP, the Emulation and Commendation Council of the People's "
    "Procuracy publishes the list of nominees to hear the opinions of staff and the public."
)
# The first nominee's summary in English; the others stay Vietnamese (the English site marks them).
SUMMARY_EN = "Outstanding performance for 5 years in a row; 2 initiatives recognised by the sector."
SUMMARIES = (
    "Hoàn thành xuất sắc nhiệm vụ 5 năm liên tục; 2 sáng kiến được công nhận cấp Ngành.",
    "Chủ trì kiểm sát giải quyết hơn 300 vụ án, không có án bị hủy do lỗi chủ quan.",
    "Tập thể dẫn đầu Khối thi đua; được tặng Cờ thi đua của ngành Kiểm sát nhân dân.",
)


def _award(name: str) -> AwardForm:
    return AwardForm.source_entries().filter(name=name).first() or AwardForm.source_entries().first()


def _publish(consultation: Consultation) -> None:
    consultation.save_revision().publish()


def _consultation(
    title: str, award: str, starts: datetime.datetime, days: int, legal_basis: str
) -> tuple[Consultation, bool]:
    consultation = Consultation.objects.filter(title=title).first()
    if consultation is not None:
        return consultation, False
    consultation = Consultation(title=title, legal_basis=legal_basis, award=_award(award))
    consultation.starts_at = starts
    consultation.ends_at = starts + datetime.timedelta(days=days)
    consultation.intro = (
        "Thực hiện Nghị định 152/2025/NĐ-CP, Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân "
        "công khai danh sách đề nghị khen thưởng để lấy ý kiến của cán bộ và nhân dân."
    )
    consultation.save()
    consultation.channels.set(Channel.objects.filter(code__in=CHANNELS))
    consultation.save()
    return consultation, True


def _nominees(consultation: Consultation, exemplars: list[ExemplarPage]) -> list[Nominee]:
    if not consultation.nominees.exists():
        for order, exemplar in enumerate(exemplars[:3]):
            Nominee.objects.create(
                consultation=consultation,
                sort_order=order,
                exemplar=exemplar,
                name=exemplar.title,
                # "Position, unit" (a collective has no position: just the unit).
                position_unit=", ".join(
                    part
                    for part in (exemplar.position, exemplar.unit.name if exemplar.unit_id else "")
                    if part
                ),
                summary=SUMMARIES[order % len(SUMMARIES)],
            )
    return list(consultation.nominees.order_by("sort_order"))


def load_demo_engagement() -> int:
    """Create what is missing; returns how many consultations were created."""
    exemplars = list(ExemplarPage.objects.live().filter(title__contains=SAMPLE_LABEL).order_by("pk"))
    now = timezone.now()
    open_one, created_open = _consultation(
        OPEN_TITLE, "Huân chương Lao động hạng Ba", now - datetime.timedelta(days=1), 9, "750/VKSTC-VP"
    )
    nominees = _nominees(open_one, exemplars)
    if created_open:
        # The English edition, in part: title and intro translated, one nominee's summary.
        open_one.title_en, open_one.intro_en = OPEN_TITLE_EN, OPEN_INTRO_EN
        open_one.save(update_fields=["title_en", "intro_en"])
        if nominees:
            Nominee.objects.filter(pk=nominees[0].pk).update(summary_en=SUMMARY_EN)
        _publish(open_one)
    closed, created_closed = _consultation(
        CLOSED_TITLE, "Chiến sĩ thi đua toàn quốc", now - datetime.timedelta(days=40), 9, "224/VKSTC-V16"
    )
    nominees = _nominees(closed, exemplars)
    if created_closed:
        _publish(closed)
    if created_closed and nominees:
        portal = Channel.objects.get(code="portal")
        newspaper = Channel.objects.get(code="newspaper")
        for n, (name, text) in enumerate(
            [
                ("Nguyễn Thị Hoa", "Đồng chí luôn tận tụy, gương mẫu; tôi đồng ý với đề nghị khen thưởng."),
                ("Trần Văn Nam", "Đề nghị Hội đồng xem xét thêm thành tích năm 2023 của đồng chí."),
                ("Lê Thị Mai", "Tập thể đơn vị có nhiều đóng góp cho địa phương."),
            ]
        ):
            Opinion.objects.create(
                consultation=closed,
                nominee=nominees[n % len(nominees)],
                channel=portal if n != 1 else newspaper,
                name=name,
                contact=f"09{n}2 345 678",
                body=text,
            )
        start = timezone.localtime(closed.starts_at).date()
        for day in range(9):
            for channel, count in ((portal, 120 + 7 * day), (newspaper, 60 + 3 * day)):
                ConsultationView.objects.get_or_create(
                    consultation=closed,
                    channel=channel,
                    day=start + datetime.timedelta(days=day),
                    defaults={"count": count},
                )
        Consultation.objects.filter(pk=closed.pk).update(closed_notified_at=closed.ends_at)
    news = NewsPage.objects.live().order_by("pk").first()
    if news and not Comment.objects.filter(page=news).exists():
        portal = Channel.objects.get(code="portal")
        Comment.objects.create(
            page=news,
            channel=portal,
            name="Phạm Minh Tuấn",
            status=CommentStatus.APPROVED,
            moderated_at=now,
            body="Những tấm gương rất đáng để chúng ta học tập. Cảm ơn Báo đã đưa tin.",
        )
        Comment.objects.create(
            page=news,
            channel=portal,
            name="Bạn đọc",
            email="bandoc@demo.invalid",
            body="Bình luận mẫu đang chờ kiểm duyệt.",
        )
    return int(created_open) + int(created_closed)
