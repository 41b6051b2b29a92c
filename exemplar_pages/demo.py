"""
Demo content for `make run`, built from the source documents (shared/seeds), idempotently.

Everything here is quoted or paraphrased from the four seed documents: letter
927/VKSTC-V16 (12/3/2021), the Bình Thuận news item on plan 293/KH-VKS, the kiemsat.vn
news item of 31/3/2021 and the news item on Directive 02/CT-VKSTC (27/12/2022). The seeds
name no person or collective among the award recipients, so the exemplars are clearly
labelled samples ("dữ liệu mẫu"), and their internal fields hold obviously fake values.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from html import escape
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail.rich_text import RichText

from cms.models import Channel, Unit
from cms.text import normalize

from .blocks import StoryBlock
from .mail_intake import ingest
from .models import (
    Award,
    AwardForm,
    CampaignIndexPage,
    CampaignPage,
    CommendationKind,
    ExemplarKind,
    ExemplarPage,
    NewsIndexPage,
    NewsPage,
    PlanPage,
    RecognitionLevel,
    UnitFolderPage,
    UnitNewsPage,
)
from .schedule_demo import load_demo_schedules

# The unit whose folder holds the demo content of 2021-2024 (it ended on 30/6/2025), and the
# unit that succeeded it, where the walk-through's editor and head work today.
DEMO_UNIT_CODE = "VKS-BINHTHUAN"
WALKTHROUGH_UNIT_CODE = "VKS-LAMDONG-2025"

# Labels and obviously fake values that tests look for (and that must never leak).
SAMPLE_LABEL = "(dữ liệu mẫu)"
SAMPLE_PHONE = "0000 000 000"
SAMPLE_EMAIL = "mau@example.invalid"
SAMPLE_BIRTH_DATE = datetime.date(1900, 1, 1)
SAMPLE_NOTE_PREFIX = "GHI CHÚ NỘI BỘ MẪU"
PORTRAIT_TITLE = "Ảnh minh họa (dữ liệu mẫu)"
PORTRAIT_FILENAME = "anh-minh-hoa-du-lieu-mau.png"

# The award form and issuing authority of the Bình Thuận decisions (seed 001).
PROVINCIAL_MERIT_FORM = "Bằng khen của Chủ tịch UBND cấp tỉnh"
# Seed 001: "… của Chủ tịch UBND tỉnh Bình Thuận": the Chairman grants the provincial Bằng khen.
BINH_THUAN_AUTHORITY = "Chủ tịch Ủy ban nhân dân tỉnh Bình Thuận"
BINH_THUAN_MERIT_TITLE = "Bằng khen của Chủ tịch UBND tỉnh Bình Thuận"
DECISION_1136 = ("1136/QĐ-UBND", datetime.date(2024, 6, 3))
DECISION_1879 = ("1879/QĐ-UBND", datetime.date(2024, 10, 25))

# Stable slugs: existing demo pages are found by slug under their parent.
CAMPAIGN_2021_SLUG = "phong-trao-thi-dua-nam-2021"
CAMPAIGN_2023_SLUG = "phong-trao-thi-dua-yeu-nuoc-nam-2023"
NEWS_REGULATION_SLUG = "tang-cuong-tuyen-truyen-nhan-rong-dien-hinh-tien-tien"
NEWS_LETTER_927_SLUG = "cong-van-927-vkstc-v16-tuyen-truyen-guong-dien-hinh-tien-tien"
NEWS_BINH_THUAN_SLUG = "vksnd-binh-thuan-tuyen-truyen-guong-dien-hinh-tien-tien"
NEWS_DIRECTIVE_2023_SLUG = "chi-thi-phat-dong-phong-trao-thi-dua-yeu-nuoc-nam-2023"
EXEMPLAR_COLLECTIVE_SLUG = "tap-the-mau-du-lieu-mau"
EXEMPLAR_INDIVIDUAL_A_SLUG = "ca-nhan-mau-a-du-lieu-mau"
EXEMPLAR_INDIVIDUAL_B_SLUG = "ca-nhan-mau-b-du-lieu-mau"
DRAFT_EXEMPLAR_SLUGS = frozenset({EXEMPLAR_INDIVIDUAL_B_SLUG})

_STORY_BLOCK = StoryBlock()


@dataclass
class DemoContentReport:
    """What one run of `load_demo_content` created, and how many demo items already existed."""

    campaigns: int = 0
    news: int = 0
    exemplars: int = 0
    images: int = 0
    unit_items: int = 0
    mail: int = 0
    schedules: int = 0
    existing: int = 0

    @property
    def created(self) -> int:
        """How many items this run created."""
        return (
            self.campaigns
            + self.news
            + self.exemplars
            + self.images
            + self.unit_items
            + self.mail
            + self.schedules
        )

    def summary(self) -> str:
        """A one-line summary for the management command."""
        return (
            f"Demo content created: {self.campaigns} campaigns, {self.news} news, "
            f"{self.exemplars} exemplars, {self.images} images, {self.unit_items} unit news and plans, "
            f"{self.mail} mailed proposals, {self.schedules} weekly schedules; {self.existing} already present."
        )


# --- small builders -------------------------------------------------------------------------


def _paragraph(text: str) -> tuple[str, RichText]:
    """A StoryBlock paragraph from plain Vietnamese text."""
    return ("paragraph", RichText(f"<p>{escape(normalize(text), quote=False)}</p>"))


def _quote(text: str, attribution: str) -> tuple[str, Any]:
    """A StoryBlock quotation."""
    block = _STORY_BLOCK.child_blocks["quote"]
    return ("quote", block.to_python({"text": normalize(text), "attribution": normalize(attribution)}))


def _story(*items: str | tuple[str, Any]) -> list[tuple[str, Any]]:
    """A story body: plain strings become paragraphs, tuples are taken as blocks."""
    return [_paragraph(item) if isinstance(item, str) else item for item in items]


def _achievements(*texts: str) -> list[tuple[str, str]]:
    """The achievement summary (trích ngang) items of an exemplar."""
    return [("achievement", normalize(text)) for text in texts]


def _channels(*codes: str) -> list[Channel]:
    """The channels with these codes; all of them must exist (created by setup_site)."""
    channels = list(Channel.objects.filter(code__in=codes))
    missing = set(codes) - {c.code for c in channels}
    if missing:
        raise ImproperlyConfigured(f"Channels missing: {sorted(missing)}; run setup_site first.")
    return channels


def _unit(code: str) -> Unit:
    """A unit by code; the directory is loaded by setup_site."""
    try:
        return Unit.objects.get(code=code)
    except Unit.DoesNotExist as exc:
        raise ImproperlyConfigured(f"Unit {code} missing; run setup_site first.") from exc


def _index(model: type[Page]) -> Page:
    """The Vietnamese index page of this type (created by setup_site)."""
    index = (
        model.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first() or model.objects.first()
    )
    if index is None:
        raise ImproperlyConfigured(f"{model.__name__} missing; run setup_site first.")
    return index


def _ensure_page(
    parent: Page,
    slug: str,
    build: Callable[[], Page],
    *,
    publish: bool,
    report: DemoContentReport,
    counter: str,
) -> Page:
    """The child of `parent` with `slug`, created (and published, or left as a draft) if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        report.existing += 1
        return existing.specific
    page = build()
    page.slug = slug
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision(user=None, log_action=True)
    if publish:
        revision.publish(user=None)
        page.refresh_from_db()
    setattr(report, counter, getattr(report, counter) + 1)
    return page


def _with_tags(page: Page, tags: Iterable[str]) -> Page:
    """The page, with its tags set in memory (saved with the page and its revision)."""
    page.tags.add(*(normalize(tag) for tag in tags))
    return page


# --- the placeholder portrait ---------------------------------------------------------------


def _portrait_png() -> bytes:
    """A tiny plain PNG: a grey head-and-shoulders silhouette on a light background, no text."""
    image = PILImage.new("RGB", (90, 120), (226, 232, 240))
    draw = ImageDraw.Draw(image)
    figure = (127, 140, 158)
    draw.ellipse((29, 16, 61, 54), fill=figure)  # head
    draw.rectangle((40, 50, 50, 66), fill=figure)  # neck
    draw.ellipse((8, 62, 82, 150), fill=figure)  # shoulders, cut by the lower edge
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _ensure_portrait(unit: Unit, report: DemoContentReport) -> Any:
    """The placeholder portrait in the unit's collection, created if missing."""
    image_model = get_image_model()
    collection = unit.collection or Collection.get_first_root_node()
    existing = image_model.objects.filter(title=PORTRAIT_TITLE, collection=collection).first()
    if existing is not None:
        report.existing += 1
        return existing
    image = image_model(
        title=PORTRAIT_TITLE,
        collection=collection,
        file=ImageFile(io.BytesIO(_portrait_png()), name=PORTRAIT_FILENAME),
    )
    image._set_image_file_metadata()
    image.save()
    report.images += 1
    return image


# --- campaigns (seeds 000, 003, 004) --------------------------------------------------------


def _campaign_2021() -> CampaignPage:
    """The 2021 campaign: the seeds give its directive, not its theme or motto."""
    return CampaignPage(
        title="Phong trào thi đua năm 2021 trong ngành Kiểm sát nhân dân",
        document_number="02/CT-VKSTC",
        issue_date=datetime.date(2021, 2, 2),
        issuing_unit=_unit("VKSTC"),
        period_year=2021,
        # The seeds do not give the theme: left empty rather than a sentence standing in for it.
        theme="",
        motto="",
        lead=(
            "Chỉ thị số 02/CT-VKSTC ngày 02/02/2021 của Viện trưởng VKSND tối cao về việc phát động "
            "phong trào thi đua năm 2021 trong ngành Kiểm sát nhân dân."
        ),
        body=_story(
            "Ngày 02/02/2021, Viện trưởng VKSND tối cao ban hành Chỉ thị số 02/CT-VKSTC về việc phát "
            "động phong trào thi đua năm 2021. Chủ đề, nội dung và các yêu cầu cụ thể của phong trào "
            "được nêu trong Chỉ thị.",
            "Để triển khai Chỉ thị, ngày 12/3/2021 VKSND tối cao ban hành Công văn số 927/VKSTC-V16 về "
            "việc tuyên truyền, giới thiệu gương điển hình tiên tiến trong Ngành, nhằm tôn vinh và lan "
            "tỏa những tấm gương tập thể và cá nhân có thành tích xuất sắc, tiêu biểu; tạo động lực để "
            "công chức, viên chức, người lao động trong Ngành không ngừng thi đua, phấn đấu hoàn thành "
            "xuất sắc nhiệm vụ công tác.",
            "Ngày 31/3/2021, Vụ Thi đua - Khen thưởng, Tạp chí Kiểm sát, Báo Bảo vệ pháp luật và Văn "
            "phòng VKSND tối cao ký kết Quy chế phối hợp trong công tác thông tin, tuyên truyền, nhân "
            "rộng điển hình tiên tiến, góp phần cụ thể hóa việc thực hiện Chỉ thị về công tác thi đua, "
            "khen thưởng năm 2021 của Viện trưởng VKSND tối cao.",
        ),
        channels=_channels("portal", "public"),
    )


CAMPAIGN_2023_THEME = "Đoàn kết, gương mẫu, trách nhiệm, vượt khó, hoàn thành xuất sắc nhiệm vụ năm 2023"
CAMPAIGN_2023_MOTTO = "Đoàn kết, trách nhiệm - kỷ cương, liêm chính - bản lĩnh, hiệu quả"


def _campaign_2023() -> CampaignPage:
    """The 2023 patriotic emulation campaign (Directive 02/CT-VKSTC of 27/12/2022, seed 004)."""
    return CampaignPage(
        title="Phong trào thi đua yêu nước năm 2023 trong ngành Kiểm sát nhân dân",
        document_number="02/CT-VKSTC",
        issue_date=datetime.date(2022, 12, 27),
        issuing_unit=_unit("VKSTC"),
        period_year=2023,
        theme=CAMPAIGN_2023_THEME,
        motto=CAMPAIGN_2023_MOTTO,
        lead=(
            "Viện trưởng VKSND tối cao ban hành Chỉ thị số 02/CT-VKSTC ngày 27/12/2022 phát động phong "
            "trào thi đua yêu nước trong ngành Kiểm sát nhân dân năm 2023."
        ),
        body=_story(
            _quote(CAMPAIGN_2023_THEME, "Chủ đề thi đua, Chỉ thị số 02/CT-VKSTC ngày 27/12/2022"),
            "Năm 2023, ngành Kiểm sát nhân dân tiếp tục phát huy những thành tích đã đạt được, đoàn "
            "kết, nỗ lực phấn đấu hơn nữa nhằm mang lại hiệu quả thiết thực, góp phần hoàn thành xuất "
            "sắc các chỉ tiêu nhiệm vụ. Lãnh đạo các cấp Kiểm sát gương mẫu đi đầu, “công việc làm "
            "trước, khen thưởng nhận sau”; thi đua gắn với kết quả chuyên môn và là sự đóng góp những "
            "kinh nghiệm, cách làm hay nhằm giải quyết thực tiễn công tác của Ngành, đơn vị.",
            "Thủ trưởng đơn vị, người đứng đầu Viện kiểm sát các cấp chủ động xây dựng kế hoạch phát "
            "động, triển khai các phong trào thi đua gắn với chức trách, nhiệm vụ của đơn vị, hướng tới "
            "xây dựng đội ngũ công chức, viên chức, người lao động gương mẫu, tận tụy, trách nhiệm, kỷ "
            "cương theo phương châm công tác “Đoàn kết, trách nhiệm - kỷ cương, liêm chính - bản lĩnh, "
            "hiệu quả”. Các cụm, khối thi đua tăng cường phối hợp, giao lưu, chia sẻ kinh nghiệm.",
            "Công tác khen thưởng phải bảo đảm khách quan, kịp thời, công khai, minh bạch, công bằng; "
            "quan tâm khen thưởng tập thể nhỏ và cá nhân trực tiếp thực thi nhiệm vụ; chú trọng khen "
            "thưởng đột xuất, phát hiện, lựa chọn các cá nhân, tập thể có sáng kiến, thành tích xuất sắc.",
            "Báo Bảo vệ pháp luật, Tạp chí Kiểm sát, Cổng thông tin điện tử của Ngành và trang thông tin "
            "điện tử của các đơn vị tăng thời lượng, xây dựng chuyên mục về hoạt động thi đua, khen "
            "thưởng, tấm gương người tốt, việc tốt. Vụ Thi đua - Khen thưởng tổng hợp, báo cáo Hội đồng "
            "xét, đề nghị công nhận sáng kiến Ngành lựa chọn những kinh nghiệm, cách làm hay để phổ biến.",
        ),
        channels=_channels("portal", "newspaper", "journal", "unit-websites", "public"),
    )


def _ensure_campaigns(report: DemoContentReport) -> dict[str, CampaignPage]:
    """The two campaigns of the seeds, keyed by slug."""
    index = _index(CampaignIndexPage)
    return {
        slug: _ensure_page(index, slug, build, publish=True, report=report, counter="campaigns")
        for slug, build in ((CAMPAIGN_2021_SLUG, _campaign_2021), (CAMPAIGN_2023_SLUG, _campaign_2023))
    }


# --- exemplars of VKSND tỉnh Bình Thuận (seed 001) ------------------------------------------


def merit_award(decision: tuple[str, datetime.date]) -> Award:
    """A Bằng khen of the Chairman of the Bình Thuận People's Committee (seed 001)."""
    number, date = decision
    return Award(
        award_form=AwardForm.source_entries().get(name=PROVINCIAL_MERIT_FORM),
        kind=CommendationKind.source_entries().filter(code="ad-hoc").first(),
        title=BINH_THUAN_MERIT_TITLE,
        decision_number=number,
        decision_date=date,
        issuing_authority=BINH_THUAN_AUTHORITY,
    )


SOURCE_NOTE = (
    "Hồ sơ này là dữ liệu mẫu để minh họa hệ thống. Nội dung dựa trên tin bài của Viện KSND tỉnh "
    "Bình Thuận về việc thực hiện Kế hoạch số 293/KH-VKS ngày 10/4/2023 về tuyên truyền, giới thiệu "
    "gương điển hình tiên tiến; tin bài không nêu tên các tập thể, cá nhân được khen thưởng."
)
AWARDS_FACT = (
    "Năm 2024, 01 tập thể và 04 cá nhân của Viện KSND hai cấp tỉnh Bình Thuận có thành tích xuất sắc "
    "trong chỉ đạo, tham gia đấu tranh, triệt phá các chuyên án lớn của tỉnh, được Chủ tịch UBND tỉnh "
    "Bình Thuận tặng Bằng khen (Quyết định số 1136/QĐ-UBND ngày 03/6/2024 và Quyết định số "
    "1879/QĐ-UBND ngày 25/10/2024)."
)
INTERNAL_NOTE = (
    f"{SAMPLE_NOTE_PREFIX}: hồ sơ dữ liệu mẫu, không phải người hay tập thể có thật. Việc gắn từng "
    "quyết định khen thưởng với hồ sơ mẫu này chỉ để minh họa."
)


def _exemplar(
    *,
    title: str,
    kind: str,
    position: str,
    lead: str,
    decision: tuple[str, datetime.date],
    unit: Unit,
    campaigns: list[CampaignPage],
    portrait: Any,
    recognition_level: str,
    birth_date: datetime.date | None,
    extra_achievement: str,
    record_award: bool = True,
) -> ExemplarPage:
    """
    A sample exemplar of VKSND tỉnh Bình Thuận with one of the 2024 decisions; without
    `record_award` the award row is left to the emulation demo's decided round, which adds it.
    """
    number, date = decision
    page = ExemplarPage(
        title=title,
        kind=kind,
        position=position,
        unit=unit,
        portrait=portrait,
        lead=lead,
        achievement_period="2024",
        achievements=_achievements(
            "Thành tích xuất sắc trong chỉ đạo, tham gia đấu tranh, triệt phá các chuyên án lớn của tỉnh "
            "Bình Thuận năm 2024.",
            f"Được Chủ tịch UBND tỉnh Bình Thuận tặng Bằng khen (Quyết định số {number} ngày "
            f"{date:%d/%m/%Y}).",
            extra_achievement,
        ),
        awards=[merit_award(decision)] if record_award else [],
        campaigns=campaigns,
        recognition_level=recognition_level,
        channels=_channels("portal", "unit-websites", "public"),
        body=_story(SOURCE_NOTE, AWARDS_FACT),
        date_of_birth=birth_date,
        contact_phone=SAMPLE_PHONE,
        contact_email=SAMPLE_EMAIL,
        internal_notes=INTERNAL_NOTE,
    )
    return _with_tags(page, ["Bình Thuận", "chuyên án", "điển hình tiên tiến", "dữ liệu mẫu"])


def _ensure_exemplars(
    campaigns: dict[str, CampaignPage], report: DemoContentReport
) -> dict[str, ExemplarPage]:
    """The sample exemplars in the Bình Thuận folder, keyed by slug; one is left as a draft."""
    try:
        folder = UnitFolderPage.objects.select_related("unit").get(
            unit__code=DEMO_UNIT_CODE, locale=Locale.get_default()
        )
    except UnitFolderPage.DoesNotExist as exc:
        raise ImproperlyConfigured(f"No folder for {DEMO_UNIT_CODE}; run setup_site first.") from exc
    unit = folder.unit
    portrait = _ensure_portrait(unit, report)
    # The 2024 awards answer the sector's 2024 work directive, which the seeds do not give as a
    # campaign: they belong to no campaign of the demo (the 2023 campaign is another year's).
    no_campaign: list[CampaignPage] = []
    builders: dict[str, Callable[[], ExemplarPage]] = {
        EXEMPLAR_COLLECTIVE_SLUG: lambda: _exemplar(
            title=f"Tập thể mẫu của VKSND tỉnh Bình Thuận {SAMPLE_LABEL}",
            kind=ExemplarKind.COLLECTIVE,
            position="",
            lead=(
                "Dữ liệu mẫu, không phải tập thể có thật: đại diện cho 01 tập thể của Viện KSND tỉnh "
                "Bình Thuận được Chủ tịch UBND tỉnh tặng Bằng khen năm 2024 vì thành tích xuất sắc trong "
                "đấu tranh, triệt phá các chuyên án lớn của tỉnh."
            ),
            decision=DECISION_1136,
            unit=unit,
            campaigns=no_campaign,
            portrait=None,
            recognition_level=RecognitionLevel.TYPICAL,
            birth_date=None,
            record_award=False,
            extra_achievement=(
                "Hưởng ứng tích cực các phong trào thi đua, có sáng kiến, giải pháp khắc phục khó khăn, "
                "lựa chọn khâu đột phá."
            ),
        ),
        EXEMPLAR_INDIVIDUAL_A_SLUG: lambda: _exemplar(
            title=f"Cá nhân mẫu A {SAMPLE_LABEL}",
            kind=ExemplarKind.INDIVIDUAL,
            position=f"Kiểm sát viên {SAMPLE_LABEL}",
            lead=(
                "Dữ liệu mẫu, không phải người có thật: đại diện cho một trong 04 cá nhân của Viện KSND "
                "hai cấp tỉnh Bình Thuận được Chủ tịch UBND tỉnh tặng Bằng khen năm 2024."
            ),
            decision=DECISION_1879,
            unit=unit,
            campaigns=no_campaign,
            portrait=portrait,
            recognition_level=RecognitionLevel.TYPICAL,
            birth_date=SAMPLE_BIRTH_DATE,
            extra_achievement="Phát huy vai trò, trách nhiệm, bản lĩnh trong công tác đấu tranh phòng chống tội phạm.",
        ),
        EXEMPLAR_INDIVIDUAL_B_SLUG: lambda: _exemplar(
            title=f"Cá nhân mẫu B {SAMPLE_LABEL}",
            kind=ExemplarKind.INDIVIDUAL,
            position=f"Kiểm tra viên {SAMPLE_LABEL}",
            lead=(
                "Dữ liệu mẫu, không phải người có thật: hồ sơ đề xuất đang ở dạng bản nháp, chưa được "
                "thẩm định; đại diện cho một trong 04 cá nhân được Chủ tịch UBND tỉnh Bình Thuận tặng "
                "Bằng khen năm 2024."
            ),
            decision=DECISION_1136,
            unit=unit,
            campaigns=no_campaign,
            portrait=portrait,
            recognition_level="",
            birth_date=SAMPLE_BIRTH_DATE,
            extra_achievement="Siết chặt kỷ cương, kỷ luật, hoàn thành xuất sắc nhiệm vụ được giao.",
        ),
    }
    return {
        slug: _ensure_page(
            folder,
            slug,
            build,
            publish=slug not in DRAFT_EXEMPLAR_SLUGS,
            report=report,
            counter="exemplars",
        )
        for slug, build in builders.items()
    }


# --- news (seeds 000, 001, 003, 004) --------------------------------------------------------


def _news_regulation(campaigns: dict[str, CampaignPage]) -> NewsPage:
    """Seed 003: four units sign the coordination regulation on 31/3/2021 (kiemsat.vn)."""
    page = NewsPage(
        title="Tăng cường tuyên truyền, nhân rộng điển hình tiên tiến trong ngành Kiểm sát nhân dân",
        date=datetime.date(2021, 3, 31),
        unit=_unit("TCKS"),
        lead=(
            "Chiều ngày 31/3/2021, Vụ Thi đua - Khen thưởng, Tạp chí Kiểm sát, Báo Bảo vệ pháp luật và "
            "Văn phòng VKSND tối cao ký kết Quy chế phối hợp trong công tác thông tin, tuyên truyền, "
            "nhân rộng điển hình tiên tiến."
        ),
        body=_story(
            "Đồng chí Nguyễn Hải Trâm, Phó Viện trưởng VKSND tối cao dự và chỉ đạo Hội nghị ký kết. Quy "
            "chế phối hợp quy định về phạm vi, nguyên tắc, phương thức và nội dung phối hợp giữa bốn đơn "
            "vị trong công tác thông tin, tuyên truyền, nhân rộng điển hình tiên tiến trong ngành Kiểm "
            "sát nhân dân; qua đó tuyên truyền sâu rộng hình ảnh của Ngành, của người cán bộ Kiểm sát và "
            "những thành tựu đóng góp của Ngành trong đấu tranh phòng, chống tội phạm, phòng chống tham "
            "nhũng và cải cách tư pháp.",
            "Theo đồng chí Phạm Vũ Thắng, Phó Vụ trưởng phụ trách Vụ Thi đua - Khen thưởng, việc ký kết "
            "Quy chế nhằm tôn vinh và lan tỏa những tấm gương tập thể và cá nhân có thành tích xuất sắc, "
            "tiêu biểu; tạo động lực để công chức, viên chức, người lao động trong Ngành không ngừng thi "
            "đua, góp phần nâng cao hình ảnh, vị thế của ngành Kiểm sát.",
            "Phát biểu chỉ đạo, Phó Viện trưởng Nguyễn Hải Trâm đánh giá cao sáng kiến của Vụ Thi đua - "
            "Khen thưởng và các đơn vị phối hợp; nhấn mạnh Quy chế góp phần cụ thể hóa việc thực hiện "
            "Chỉ thị về công tác thi đua, khen thưởng năm 2021 của Viện trưởng VKSND tối cao, và lưu ý "
            "các đơn vị căn cứ chức năng, nhiệm vụ của mình để tổ chức thông tin, tuyên truyền phù hợp, "
            "có hiệu quả.",
            "Nguồn: Tạp chí Kiểm sát (kiemsat.vn).",
        ),
        related_campaigns=[campaigns[CAMPAIGN_2021_SLUG]],
        channels=_channels("portal", "journal", "public"),
    )
    return _with_tags(page, ["quy chế phối hợp", "điển hình tiên tiến"])


def _news_letter_927(campaigns: dict[str, CampaignPage]) -> NewsPage:
    """Seed 000: official letter 927/VKSTC-V16 of 12/3/2021, drafted by Vụ 16."""
    page = NewsPage(
        title="Công văn số 927/VKSTC-V16 về việc tuyên truyền, giới thiệu gương điển hình tiên tiến trong Ngành",
        date=datetime.date(2021, 3, 12),
        unit=_unit("V16"),
        lead=(
            "Ngày 12/3/2021, VKSND tối cao ban hành Công văn số 927/VKSTC-V16 yêu cầu các đơn vị trong "
            "Ngành tuyên truyền, giới thiệu gương điển hình tiên tiến, để triển khai thực hiện Chỉ thị "
            "số 02/CT-VKSTC ngày 02/02/2021 về việc phát động phong trào thi đua năm 2021."
        ),
        body=_story(
            "Công văn nêu: thực hiện phương châm lãnh đạo “Đoàn kết, đổi mới - Trách nhiệm, kỷ cương - "
            "Thực chất, hiệu quả”, công chức, viên chức và người lao động trong Ngành đã hưởng ứng tích "
            "cực các phong trào thi đua; nhiều tập thể và cá nhân đạt thành tích xuất sắc, tiêu biểu. "
            "Tuy nhiên, công tác thông tin, tuyên truyền, lan tỏa những tấm gương tích cực, tiêu biểu "
            "chưa tương xứng với những thành tựu đóng góp của Ngành.",
            "Thủ trưởng các đơn vị thường xuyên tuyên truyền trên các phương tiện thông tin của cơ quan; "
            "cung cấp thông tin, tài liệu cho cơ quan báo chí và trang thông tin điện tử của địa phương, "
            "của Ngành về các hoạt động thi đua, tấm gương người tốt, việc tốt, các điển hình tiên tiến.",
            "Các đơn vị chủ động lựa chọn gương người tốt, việc tốt, nhân tố điển hình tiên tiến của "
            "mình; xây dựng bài viết, video clip, ảnh, kèm theo trích ngang thành tích (hoặc phối hợp "
            "với Vụ Thi đua - Khen thưởng, gửi vào hộp thư vp_v16@vks.gov.vn).",
            "Những tấm gương đặc biệt tiêu biểu, xuất sắc sẽ được lựa chọn, giới thiệu trên Cổng thông "
            "tin điện tử, Tạp chí Thi đua, Khen thưởng của Ban Thi đua - Khen thưởng Trung ương và các "
            "cơ quan thông tin, truyền thông ở Trung ương.",
        ),
        related_campaigns=[campaigns[CAMPAIGN_2021_SLUG]],
        channels=_channels("portal", "public"),
    )
    return _with_tags(page, ["công văn", "điển hình tiên tiến"])


def _news_binh_thuan(exemplars: Iterable[ExemplarPage]) -> NewsPage:
    """Seed 001: VKSND tỉnh Bình Thuận carries out plan 293/KH-VKS (10/4/2023)."""
    page = NewsPage(
        title="Viện KSND tỉnh Bình Thuận tuyên truyền, giới thiệu gương điển hình tiên tiến",
        # The seed carries no publication date, so the item has none (it is listed by publication).
        date=None,
        author="Văn Long - VPTH",
        unit=_unit(DEMO_UNIT_CODE),
        lead=(
            "Thực hiện Kế hoạch số 293/KH-VKS ngày 10/4/2023 của Viện KSND tỉnh Bình Thuận về việc tuyên "
            "truyền, giới thiệu gương điển hình tiên tiến tại 02 cấp Kiểm sát Bình Thuận, đơn vị thường "
            "xuyên tuyên truyền về các phong trào thi đua và các điển hình tiên tiến."
        ),
        body=_story(
            "Thời gian qua, đơn vị đã thường xuyên tuyên truyền trên các phương tiện thông tin đại chúng, "
            "phối hợp cung cấp thông tin, tài liệu cho cơ quan báo chí để giới thiệu các hoạt động thi "
            "đua, việc tổ chức các phong trào, tấm gương người tốt, việc tốt, các điển hình tiên tiến.",
            "Thực hiện Chỉ thị công tác của Viện trưởng VKSND tối cao, toàn Ngành thực hiện phương châm "
            "“Đoàn kết, trách nhiệm - kỷ cương, liêm chính - bản lĩnh, hiệu quả” và chủ đề thi đua “Đoàn "
            "kết, đổi mới, vượt khó, hoàn thành xuất sắc nhiệm vụ”. Công chức, người lao động Viện KSND "
            "hai cấp hưởng ứng tích cực các phong trào thi đua, có nhiều sáng kiến, giải pháp khắc phục "
            "khó khăn, hoàn thành xuất sắc nhiệm vụ.",
            "Trong năm 2024, nhiều tập thể, cá nhân được tặng các hình thức khen thưởng (ngoài ngành "
            "KSND); đặc biệt 01 tập thể và 04 cá nhân có thành tích xuất sắc trong chỉ đạo, tham gia đấu "
            "tranh, triệt phá các chuyên án lớn của tỉnh được Chủ tịch UBND tỉnh Bình Thuận tặng Bằng "
            "khen (Quyết định số 1136/QĐ-UBND ngày 03/6/2024 và số 1879/QĐ-UBND ngày 25/10/2024).",
            "Công tác thông tin, tuyên truyền còn chưa tương xứng với những thành tựu đóng góp của ngành "
            "KSND tỉnh Bình Thuận. Đơn vị tiếp tục xây dựng bài viết, video clip, ảnh kèm theo trích "
            "ngang thành tích để giới thiệu trên Trang tin điện tử Viện KSND tỉnh; phối hợp cung cấp "
            "thông tin, tài liệu cho Báo Bảo vệ pháp luật, Tạp chí Kiểm sát, Trang tin điện tử của Ngành "
            "và các cơ quan truyền thông tại địa phương.",
        ),
        related_exemplars=list(exemplars),
        channels=_channels("portal", "unit-websites", "public"),
    )
    return _with_tags(page, ["Bình Thuận", "điển hình tiên tiến"])


def _news_directive_2023(campaigns: dict[str, CampaignPage]) -> NewsPage:
    """Seed 004: the news item (14/07/2024) on Directive 02/CT-VKSTC of 27/12/2022."""
    page = NewsPage(
        title="Chỉ thị phát động phong trào thi đua yêu nước trong ngành Kiểm sát nhân dân",
        date=datetime.date(2024, 7, 14),
        unit=_unit("VKSTC"),
        lead=(
            "Viện trưởng VKSND tối cao ban hành Chỉ thị số 02/CT-VKSTC ngày 27/12/2022 phát động phong "
            f"trào thi đua yêu nước trong ngành Kiểm sát nhân dân năm 2023 với chủ đề “{CAMPAIGN_2023_THEME}”."
        ),
        body=_story(
            "Chỉ thị yêu cầu đổi mới, tạo chuyển biến tích cực trong công tác thi đua, khen thưởng: lãnh "
            "đạo các cấp Kiểm sát gương mẫu đi đầu, “công việc làm trước, khen thưởng nhận sau”; thi đua "
            "gắn với kết quả chuyên môn, là động lực phấn đấu của từng cá nhân, tập thể và toàn Ngành.",
            "Thủ trưởng đơn vị, người đứng đầu Viện kiểm sát các cấp chủ động xây dựng kế hoạch phát "
            "động, triển khai phong trào thi đua theo phương châm công tác “Đoàn kết, trách nhiệm - kỷ "
            "cương, liêm chính - bản lĩnh, hiệu quả”. Công tác khen thưởng phải bảo đảm khách quan, kịp "
            "thời, công khai, minh bạch, công bằng, chú trọng khen thưởng đột xuất.",
            "Các cụm, khối thi đua tăng cường phối hợp, giao lưu, chia sẻ kinh nghiệm. Báo Bảo vệ pháp "
            "luật, Tạp chí Kiểm sát, Cổng thông tin điện tử của Ngành và trang thông tin điện tử của các "
            "đơn vị xây dựng chuyên mục về hoạt động thi đua, khen thưởng, tấm gương người tốt, việc tốt. "
            "Vụ Thi đua - Khen thưởng tổng hợp, báo cáo Hội đồng xét, đề nghị công nhận sáng kiến Ngành "
            "lựa chọn những kinh nghiệm, cách làm hay để phổ biến.",
            "Nguồn: Báo Bảo vệ pháp luật.",
        ),
        related_campaigns=[campaigns[CAMPAIGN_2023_SLUG]],
        channels=_channels("portal", "newspaper", "public"),
    )
    return _with_tags(page, ["chỉ thị", "phong trào thi đua"])


def _ensure_news(
    campaigns: dict[str, CampaignPage], exemplars: dict[str, ExemplarPage], report: DemoContentReport
) -> dict[str, NewsPage]:
    """The four news items of the seeds, keyed by slug; only live exemplars are related."""
    index = _index(NewsIndexPage)
    live_exemplars = [page for page in exemplars.values() if page.live]
    builders: dict[str, Callable[[], NewsPage]] = {
        NEWS_LETTER_927_SLUG: lambda: _news_letter_927(campaigns),
        NEWS_REGULATION_SLUG: lambda: _news_regulation(campaigns),
        NEWS_DIRECTIVE_2023_SLUG: lambda: _news_directive_2023(campaigns),
        NEWS_BINH_THUAN_SLUG: lambda: _news_binh_thuan(live_exemplars),
    }
    return {
        slug: _ensure_page(index, slug, build, publish=True, report=report, counter="news")
        for slug, build in builders.items()
    }


@transaction.atomic
def load_demo_content() -> DemoContentReport:
    """Create the demo campaigns, exemplars and news that are missing; needs `setup_site` first."""
    report = DemoContentReport()
    campaigns = _ensure_campaigns(report)
    exemplars = _ensure_exemplars(campaigns, report)
    _ensure_news(campaigns, exemplars, report)
    _ensure_unit_items(campaigns, report)
    # Seed 004's week in Bình Thuận's archive, and a sample for this week of Lâm Đồng.
    report.schedules, existing = load_demo_schedules(timezone.localdate())
    report.existing += existing
    _ensure_mail(report)
    return report


# --- what units send: unit news, plans, proposals by mail -----------------------------------

UNIT_NEWS_SLUG = "thuc-hien-ke-hoach-293-kh-vks"
PLAN_293_SLUG = "ke-hoach-293-kh-vks"
# Lâm Đồng's demo contact address, and two sample messages (processed once, by Message-ID).
DEMO_UNIT_MAIL = "vanthu.lamdong@demo.invalid"
DEMO_MAIL_FROM_UNIT_ID = "<de-xuat-mau-lamdong@demo.invalid>"
DEMO_MAIL_UNKNOWN_ID = "<thu-mau-khong-ro-don-vi@demo.invalid>"


def _ensure_unit_items(campaigns: dict[str, CampaignPage], report: DemoContentReport) -> None:
    """Seed 001 as Bình Thuận sent it: its news of an emulation activity and its plan 293/KH-VKS."""
    unit = _unit(DEMO_UNIT_CODE)
    folder = UnitFolderPage.objects.get(unit=unit, locale=Locale.get_default())

    def news() -> UnitNewsPage:
        return UnitNewsPage(
            title="Viện KSND tỉnh Bình Thuận thực hiện Kế hoạch 293/KH-VKS tuyên truyền gương điển hình",
            # The seed carries no date, so the item has none.
            date=None,
            unit=unit,
            lead=(
                "Thực hiện Kế hoạch số 293/KH-VKS ngày 10/4/2023, Viện KSND hai cấp tỉnh Bình Thuận thường "
                "xuyên tuyên truyền về các hoạt động thi đua và các điển hình tiên tiến (tin của đơn vị)."
            ),
            body=_story(
                "Hưởng ứng phương châm “Đoàn kết, trách nhiệm - kỷ cương, liêm chính - bản lĩnh, hiệu quả” "
                "và chủ đề thi đua “Đoàn kết, đổi mới, vượt khó, hoàn thành xuất sắc nhiệm vụ”, công chức, "
                "người lao động có nhiều sáng kiến, giải pháp khắc phục khó khăn, lựa chọn khâu đột phá.",
                "Nguồn: Văn Long - VPTH.",
            ),
            channels=_channels("unit-websites"),
        )

    def plan() -> PlanPage:
        return PlanPage(
            title="Kế hoạch tuyên truyền, giới thiệu gương điển hình tiên tiến tại 02 cấp Kiểm sát Bình Thuận",
            number="293/KH-VKS",
            date=datetime.date(2023, 4, 10),
            unit=unit,
            campaign=campaigns.get(CAMPAIGN_2023_SLUG),
            body=_story(
                "Thường xuyên xây dựng bài viết, video clip, ảnh, kèm theo trích ngang thành tích để giới "
                "thiệu trên Trang tin điện tử Viện KSND tỉnh; phối hợp cung cấp thông tin, tài liệu cho Báo "
                "Bảo vệ pháp luật, Tạp chí Kiểm sát, Trang tin điện tử của Ngành và các cơ quan truyền thông "
                "tại địa phương."
            ),
            channels=_channels("unit-websites"),
        )

    # Drafts: the unit ended on 30/6/2025, and its history is shown as it was sent.
    _ensure_page(folder, UNIT_NEWS_SLUG, news, publish=False, report=report, counter="unit_items")
    _ensure_page(folder, PLAN_293_SLUG, plan, publish=False, report=report, counter="unit_items")


def _demo_message(sender: str, message_id: str, subject: str, text: str, image: bytes | None = None) -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "vp_v16@vks.gov.vn"
    mail["Subject"] = subject
    mail["Message-ID"] = message_id
    # As the office's receiving server would stamp it (sample data; settings/dev.py trusts it).
    domain = sender.rsplit("@", 1)[-1].rstrip(">")
    mail["Authentication-Results"] = f"mx.vks.gov.vn; dmarc=pass header.from={domain}"
    mail.set_content(text)
    if image is not None:
        mail.add_attachment(image, maintype="image", subtype="png", filename="anh-minh-hoa-du-lieu-mau.png")
    return bytes(mail)


def _ensure_mail(report: DemoContentReport) -> None:
    """One proposal mailed from Lâm Đồng's address, and one message waiting in quarantine."""
    unit = _unit(WALKTHROUGH_UNIT_CODE)
    if DEMO_UNIT_MAIL not in unit.email_addresses():
        unit.emails = "\n".join([*unit.email_addresses(), DEMO_UNIT_MAIL])
        unit.save(update_fields=["emails"])
    messages = [
        _demo_message(
            f"Văn thư VKSND tỉnh Lâm Đồng (mẫu) <{DEMO_UNIT_MAIL}>",
            DEMO_MAIL_FROM_UNIT_ID,
            "Đề xuất gương điển hình: Cá nhân mẫu H (dữ liệu mẫu)",
            "Kính gửi Phòng Thi đua - Khen thưởng,\n\nĐơn vị gửi bài viết, ảnh và trích ngang thành tích "
            "của Cá nhân mẫu H (dữ liệu mẫu) theo Công văn 927/VKSTC-V16.",
            _portrait_png(),
        ),
        _demo_message(
            "nguoi-gui-mau@example.invalid",
            DEMO_MAIL_UNKNOWN_ID,
            "Tin hoạt động thi đua (dữ liệu mẫu, chưa rõ đơn vị)",
            "Thư mẫu từ một địa chỉ không thuộc đơn vị nào: chờ Thi đua - Khen thưởng giao cho đơn vị.",
        ),
    ]
    for raw in messages:
        _record, processed = ingest(raw)
        report.mail += int(processed)
        report.existing += int(not processed)
