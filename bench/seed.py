"""
Seeding the bench database with N published exemplars, quickly and idempotently.

Publishing 100,000 pages through Wagtail one by one would take hours, so the seed works in
two steps:

1. **Templates.** A few dozen real exemplars are built and published through Wagtail, in
   several unit folders: body paragraphs, an image block over a real JPEG (so renditions
   exist), a portrait for individuals, awards of several years, tags, channels (most with
   `public`) and, for half of them, a campaign. Publishing projects them into
   `ContentDocument` through the project's own code (content_api.projection).
2. **Clones.** The remaining exemplars are copies of the templates written with
   PostgreSQL `COPY`, a batch per transaction: `wagtailcore_page` (treebeard path, depth,
   unique slug, url_path, translation key, publication dates spread over ten years), the
   `exemplar_pages_exemplarpage` child row, awards, tags, channels, campaigns, and the
   `content_api_contentdocument` row with its channels. Each clone gets its own Vietnamese
   name, unit (any of the unit folders), dates and award years, and its summary/detail JSON
   is the template's with exactly those fields rewritten, so the projection stays what
   `sync_page` would have written. The search vector is computed in SQL with the same
   weights and configuration as `projection._write_search_vector`.

Clones have no revisions (`live_revision_id` is NULL) and no entries in Wagtail's own
search index: neither the content API nor the stock API list reads them.

Seeding is idempotent: it counts the live exemplars and only adds what is missing to reach
N, so `--n 2000` then `--n 100000` on the same database adds 98,000 clones.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import time
import uuid
from dataclasses import dataclass, field
from html import escape

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from cms.text import slugify_vi
from content_api.projection import _search_text, searchable

TEMPLATE_SLUG_PREFIX = "bench-mau-"
SEED = 20_260_101
BATCH = 5_000
SEARCH_CONFIG = "vietnamese_unaccent"
EPOCH = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)

# --- Vietnamese vocabulary -----------------------------------------------------------------

# Family names with rough frequencies (Nguyễn is about a third of the population), so that a
# search for a family name is as unselective as it is in real life.
FAMILY_NAMES = [
    ("Nguyễn", 32),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Trịnh", 1),
    ("Đinh", 1),
    ("Lâm", 1),
    ("Mai", 1),
    ("Tạ", 1),
    ("Lương", 1),
]
MIDDLE_NAMES_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Ngọc", "Trọng", "Đình"]
MIDDLE_NAMES_FEMALE = ["Thị", "Thị Thu", "Thị Thanh", "Ngọc", "Thị Minh", "Thu", "Thị Hồng", "Phương"]
GIVEN_NAMES_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Đức",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Khánh",
    "Long",
    "Lộc",
    "Nam",
    "Phong",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
]
GIVEN_NAMES_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Vy",
    "Yến",
]
DEPARTMENTS = [
    "Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự",
    "Phòng Thực hành quyền công tố và kiểm sát xét xử phúc thẩm án hình sự",
    "Phòng Kiểm sát việc giải quyết các vụ án hành chính, kinh doanh, thương mại",
    "Phòng Kiểm sát thi hành án dân sự",
    "Phòng Kiểm sát việc tạm giữ, tạm giam và thi hành án hình sự",
    "Phòng Kiểm sát giải quyết đơn khiếu nại, tố cáo trong hoạt động tư pháp",
    "Phòng Thống kê tội phạm và công nghệ thông tin",
    "Văn phòng",
    "Phòng Tổ chức cán bộ",
    "Viện kiểm sát nhân dân khu vực 1",
    "Viện kiểm sát nhân dân khu vực 2",
]
POSITIONS = [
    "Kiểm sát viên sơ cấp",
    "Kiểm sát viên trung cấp",
    "Kiểm sát viên cao cấp",
    "Kiểm tra viên",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Phó Viện trưởng",
    "Chuyên viên",
]
LEADS = [
    "Tấm gương tận tụy, trách nhiệm trong thực hành quyền công tố và kiểm sát hoạt động tư pháp.",
    "Hoàn thành xuất sắc chỉ tiêu nghiệp vụ, không để xảy ra oan, sai, bỏ lọt tội phạm.",
    "Đi đầu trong chuyển đổi số, ứng dụng công nghệ thông tin vào công tác kiểm sát.",
    "Tham gia đấu tranh, triệt phá nhiều chuyên án lớn về ma túy và tham nhũng.",
    "Gương mẫu, liêm chính, bản lĩnh; nhiều năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở.",
    "Tập thể đoàn kết, có nhiều sáng kiến nâng cao chất lượng tranh tụng tại phiên tòa.",
]
PARAGRAPHS = [
    "Trong giai đoạn thi đua, đồng chí luôn nêu cao tinh thần trách nhiệm, chủ động nghiên cứu hồ "
    "sơ, bám sát tiến độ điều tra, đề ra yêu cầu điều tra có chất lượng, bảo đảm mọi hành vi phạm "
    "tội đều được phát hiện và xử lý kịp thời, đúng pháp luật.",
    "Tại các phiên tòa, Kiểm sát viên chuẩn bị kỹ đề cương xét hỏi và luận tội, tranh tụng sắc bén, "
    "thuyết phục; nhiều phiên tòa rút kinh nghiệm được Ngành đánh giá cao và phổ biến rộng rãi.",
    "Đơn vị đẩy mạnh chuyển đổi số, số hóa hồ sơ vụ án, ứng dụng phần mềm quản lý án và trợ lý ảo, "
    "rút ngắn thời gian giải quyết, nâng cao chất lượng công tác thống kê tội phạm.",
    "Tập thể đã phối hợp chặt chẽ với Cơ quan điều tra và Tòa án, giải quyết dứt điểm nhiều vụ án "
    "phức tạp, dư luận xã hội quan tâm, góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội.",
    "Công tác kiểm sát việc tạm giữ, tạm giam và thi hành án hình sự được thực hiện thường xuyên, "
    "phát hiện và kiến nghị khắc phục kịp thời các vi phạm, bảo đảm quyền con người, quyền công dân.",
    "Đồng chí luôn gương mẫu, giữ gìn phẩm chất đạo đức, lối sống; tích cực tham gia các hoạt động "
    "thiện nguyện, giúp đỡ đồng nghiệp, được tập thể tín nhiệm và nhân dân địa phương tin yêu.",
    "Nhiều sáng kiến, giải pháp của đơn vị được Hội đồng sáng kiến Ngành công nhận và áp dụng, "
    "trong đó có giải pháp nâng cao chất lượng kháng nghị phúc thẩm và kiến nghị phòng ngừa vi phạm.",
    "Kết quả công tác năm nào cũng vượt các chỉ tiêu nghiệp vụ theo Nghị quyết của Quốc hội, không "
    "có án bị hủy, sửa do lỗi chủ quan của Kiểm sát viên; tỷ lệ kháng nghị được chấp nhận cao.",
]
ACHIEVEMENTS = [
    "Hoàn thành xuất sắc nhiệm vụ năm liền.",
    "Chủ trì giải quyết nhiều vụ án trọng điểm, phức tạp.",
    "Có sáng kiến được công nhận cấp Ngành.",
    "Không có án bị hủy, sửa do lỗi chủ quan.",
    "Tham gia tích cực phong trào thi đua yêu nước.",
]
TAGS = [
    "chuyên án",
    "chuyển đổi số",
    "tranh tụng",
    "cải cách tư pháp",
    "phòng chống tham nhũng",
    "thi đua yêu nước",
    "kiểm sát xét xử",
    "điển hình tiên tiến",
    "sáng kiến",
    "ma túy",
]
# Awards a template may carry: (award form name, commendation kind code, issuing authority).
AWARD_CHOICES = [
    ("Chiến sĩ thi đua cơ sở", "regular", "Viện kiểm sát nhân dân tối cao"),
    ("Chiến sĩ thi đua ngành Kiểm sát nhân dân", "regular", "Viện kiểm sát nhân dân tối cao"),
    ("Bằng khen của Viện trưởng VKSND tối cao", "ad-hoc", "Viện kiểm sát nhân dân tối cao"),
    ("Bằng khen của Chủ tịch UBND cấp tỉnh", "ad-hoc", "Ủy ban nhân dân tỉnh"),
    ("Tập thể lao động xuất sắc", "regular", "Viện kiểm sát nhân dân tối cao"),
    ("Bằng khen của Thủ tướng Chính phủ", "campaign", "Thủ tướng Chính phủ"),
    ("Huân chương Lao động hạng Ba", "career", "Chủ tịch nước"),
]
# Unit folders that hold the templates (the clones go to every folder).
TEMPLATE_UNITS = ["VKS-BINHTHUAN", "VKS-HANOI", "VKS-HAIPHONG", "VKS-CAOBANG", "V16", "VP"]
TEMPLATES_PER_UNIT = 6


# --- templates, through Wagtail -------------------------------------------------------------


def _jpeg(width: int, height: int, hue: int) -> bytes:
    """A small real JPEG (a gradient with a disc), so Wagtail can render it."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(160 + 80 * y / height)
        draw.line([(0, y), (width, y)], fill=((hue + shade) % 256, shade, (255 - hue) % 256))
    draw.ellipse((width // 3, height // 4, 2 * width // 3, 3 * height // 4), fill=(240, 240, 240))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _image(title: str, width: int, height: int, hue: int):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    image = model(
        title=title,
        collection=Collection.get_first_root_node(),
        file=ImageFile(io.BytesIO(_jpeg(width, height, hue)), name=f"{slugify_vi(title)}.jpg"),
    )
    image._set_image_file_metadata()
    image.save()
    return image


def _campaign():
    """One published campaign that half of the templates belong to (so details carry refs)."""
    from cms.models import Channel, Unit
    from exemplar_pages.models import CampaignIndexPage, CampaignPage

    slug = f"{TEMPLATE_SLUG_PREFIX}phong-trao"
    existing = CampaignPage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    index = CampaignIndexPage.objects.first()
    page = CampaignPage(
        title="Phong trào thi đua yêu nước giai đoạn 2021 - 2025 (dữ liệu đo hiệu năng)",
        slug=slug,
        document_number="01/CT-VKSTC",
        issue_date=dt.date(2021, 1, 5),
        issuing_unit=Unit.objects.get(code="VKSTC"),
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2025, 12, 31),
        theme="Đoàn kết, kỷ cương, đổi mới, hoàn thành xuất sắc nhiệm vụ",
        motto="Công minh, chính trực, khách quan, thận trọng, khiêm tốn",
        lead="Phong trào thi đua của Ngành trong giai đoạn 2021 - 2025.",
        channels=list(Channel.objects.filter(code__in=["public", "portal"])),
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


def _person(rng: random.Random) -> str:
    family = rng.choices([f for f, _w in FAMILY_NAMES], weights=[w for _f, w in FAMILY_NAMES])[0]
    if rng.random() < 0.5:
        return f"{family} {rng.choice(MIDDLE_NAMES_MALE)} {rng.choice(GIVEN_NAMES_MALE)}"
    return f"{family} {rng.choice(MIDDLE_NAMES_FEMALE)} {rng.choice(GIVEN_NAMES_FEMALE)}"


def _collective(rng: random.Random, unit_short_name: str) -> str:
    return f"{rng.choice(DEPARTMENTS)} - {unit_short_name}"


def ensure_templates(rng: random.Random) -> list[int]:
    """The template exemplars, created and published through Wagtail when missing."""
    from wagtail.rich_text import RichText

    from cms.models import Channel
    from exemplar_pages.blocks import StoryBlock
    from exemplar_pages.models import (
        Award,
        AwardForm,
        CommendationKind,
        ExemplarKind,
        ExemplarPage,
        RecognitionLevel,
        UnitFolderPage,
    )

    story = StoryBlock()
    campaign = _campaign()
    photos = [_image(f"Ảnh hoạt động (đo hiệu năng) {i}", 1200, 800, 40 * i) for i in range(1, 4)]
    portraits = [_image(f"Ảnh chân dung (đo hiệu năng) {i}", 600, 800, 90 * i) for i in range(1, 3)]
    channels = {c.code: c for c in Channel.objects.all()}
    # Five templates in six are approved for `public`: anonymous callers see ~83% of clones.
    channel_sets = [
        ["public", "portal"],
        ["public"],
        ["public", "portal", "unit-websites"],
        ["portal", "unit-websites"],
        ["public", "newspaper"],
        ["public", "portal"],
    ]
    forms = {f.name: f for f in AwardForm.source_entries()}
    kinds = {k.code: k for k in CommendationKind.source_entries()}

    for unit_code in TEMPLATE_UNITS:
        folder = UnitFolderPage.objects.select_related("unit").get(unit__code=unit_code)
        for i in range(TEMPLATES_PER_UNIT):
            slug = f"{TEMPLATE_SLUG_PREFIX}{unit_code.lower()}-{i}"
            if ExemplarPage.objects.filter(slug=slug).exists():
                continue
            collective = i % 3 == 2
            title = _collective(rng, folder.unit.short_name) if collective else _person(rng)
            years = sorted(rng.sample(range(2019, 2026), k=rng.randint(1, 3)))
            awards = []
            for order, year in enumerate(years):
                form_name, kind_code, authority = rng.choice(AWARD_CHOICES)
                awards.append(
                    Award(
                        sort_order=order,
                        award_form=forms[form_name],
                        kind=kinds.get(kind_code),
                        title=form_name,
                        decision_number=f"{rng.randint(10, 2999)}/QĐ-VKSTC",
                        decision_date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                        issuing_authority=authority,
                    )
                )
            image_block = story.child_blocks["image"].to_python(
                {
                    "image": photos[i % len(photos)].pk,
                    "alt": "Ảnh hoạt động của đơn vị",
                    "caption": "Hội nghị tổng kết công tác thi đua, khen thưởng",
                    "credit": "Văn phòng",
                }
            )
            paragraphs = rng.sample(PARAGRAPHS, k=4)
            body = [("paragraph", RichText(f"<p>{escape(p, quote=False)}</p>")) for p in paragraphs[:2]]
            body.append(("image", image_block))
            body += [("paragraph", RichText(f"<p>{escape(p, quote=False)}</p>")) for p in paragraphs[2:]]
            page = ExemplarPage(
                title=title,
                slug=slug,
                kind=ExemplarKind.COLLECTIVE if collective else ExemplarKind.INDIVIDUAL,
                position="" if collective else rng.choice(POSITIONS),
                unit=folder.unit,
                portrait=None if collective else portraits[i % len(portraits)],
                lead=rng.choice(LEADS),
                achievement_period=f"{years[0]} - {years[-1]}" if len(years) > 1 else str(years[0]),
                achievements=[("achievement", a) for a in rng.sample(ACHIEVEMENTS, k=3)],
                recognition_level=rng.choice([RecognitionLevel.TYPICAL, RecognitionLevel.OUTSTANDING, ""]),
                channels=[channels[c] for c in channel_sets[i % len(channel_sets)]],
                campaigns=[campaign] if i % 2 == 0 else [],
                awards=awards,
                body=body,
                live=False,
            )
            page.tags.add(*rng.sample(TAGS, k=3))
            folder.add_child(instance=page)
            # Publishing projects the page into ContentDocument (content_api.handlers).
            page.save_revision().publish()
    return list(
        ExemplarPage.objects.filter(slug__startswith=TEMPLATE_SLUG_PREFIX, live=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- clones, through COPY -------------------------------------------------------------------


@dataclass
class Template:
    """Everything a clone copies from one template, read once from the database."""

    page: dict
    exemplar: dict
    awards: list[dict]
    tag_ids: list[int]
    tag_names: list[str]
    channel_ids: list[int]
    campaign_ids: list[int]
    summary: dict
    detail: dict


@dataclass
class Folder:
    page_id: int
    path: str
    depth: int
    url_path: str
    unit_id: int
    unit_short_name: str
    unit_ref: dict
    next_step: int = 1


@dataclass
class Tables:
    """Rows of one batch, per table, in COPY column order."""

    pages: list[tuple] = field(default_factory=list)
    exemplars: list[tuple] = field(default_factory=list)
    awards: list[tuple] = field(default_factory=list)
    tags: list[tuple] = field(default_factory=list)
    page_channels: list[tuple] = field(default_factory=list)
    campaigns: list[tuple] = field(default_factory=list)
    documents: list[tuple] = field(default_factory=list)
    document_channels: list[tuple] = field(default_factory=list)


PAGE_COLUMNS = [
    "id",
    "path",
    "depth",
    "numchild",
    "title",
    "slug",
    "live",
    "has_unpublished_changes",
    "url_path",
    "seo_title",
    "show_in_menus",
    "search_description",
    "expired",
    "content_type_id",
    "locked",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
    "draft_title",
    "translation_key",
    "locale_id",
]
EXEMPLAR_COLUMNS = [
    "page_ptr_id",
    "kind",
    "position",
    "lead",
    "achievement_period",
    "achievements",
    "recognition_level",
    "body",
    "contact_phone",
    "contact_email",
    "internal_notes",
    "portrait_id",
    "portrait_alt",
    "unit_id",
]
AWARD_COLUMNS = [
    "sort_order",
    "title",
    "decision_number",
    "decision_date",
    "issuing_authority",
    "award_form_id",
    "kind_id",
    "exemplar_id",
    "status",
    "source",
    "translation_key",
    "locale_id",
]
DOCUMENT_COLUMNS = [
    "page_id",
    "kind",
    "locale",
    "translation_key",
    "slug",
    "title",
    "published_at",
    "updated_at",
    "subject_kind",
    "level",
    "status",
    "search_text",
    "summary",
    "detail",
    "refs",
    "unit_id",
]
# The weighted search text of projection._write_search_vector: title (A), lead + theme +
# position (B), tags (C); exemplars have no theme.
VECTOR_SQL = (
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, COALESCE(sv_a, '')), 'A') || "
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, COALESCE(sv_b, '')), 'B') || "
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, COALESCE(sv_c, '')), 'C') || "
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, COALESCE(sv_d, '')), 'D')"
)
VECTOR_SOURCES = ["sv_a", "sv_b", "sv_c", "sv_d"]


def _dicts(cursor) -> list[dict]:
    names = [c.name for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _load_templates(template_ids: list[int]) -> list[Template]:
    templates = []
    with connection.cursor() as cursor:
        for pk in template_ids:
            cursor.execute("SELECT * FROM wagtailcore_page WHERE id = %s", [pk])
            page = _dicts(cursor)[0]
            cursor.execute(
                "SELECT *, achievements::text AS achievements_json, body::text AS body_json "
                "FROM exemplar_pages_exemplarpage WHERE page_ptr_id = %s",
                [pk],
            )
            exemplar = _dicts(cursor)[0]
            cursor.execute(
                "SELECT * FROM exemplar_pages_award WHERE exemplar_id = %s ORDER BY sort_order", [pk]
            )
            awards = _dicts(cursor)
            cursor.execute(
                "SELECT t.id, t.name FROM exemplar_pages_exemplarpagetag x "
                "JOIN taggit_tag t ON t.id = x.tag_id WHERE x.content_object_id = %s ORDER BY t.name",
                [pk],
            )
            tags = cursor.fetchall()
            cursor.execute(
                "SELECT channel_id FROM exemplar_pages_exemplarpage_channels WHERE exemplarpage_id = %s", [pk]
            )
            channel_ids = [r[0] for r in cursor.fetchall()]
            cursor.execute(
                "SELECT campaignpage_id FROM exemplar_pages_exemplarpage_campaigns WHERE exemplarpage_id = %s",
                [pk],
            )
            campaign_ids = [r[0] for r in cursor.fetchall()]
            cursor.execute("SELECT summary, detail FROM content_api_contentdocument WHERE page_id = %s", [pk])
            summary, detail = cursor.fetchone()
            templates.append(
                Template(
                    page=page,
                    exemplar=exemplar,
                    awards=awards,
                    tag_ids=[t[0] for t in tags],
                    tag_names=[t[1] for t in tags],
                    channel_ids=channel_ids,
                    campaign_ids=campaign_ids,
                    summary=json.loads(summary),
                    detail=json.loads(detail),
                )
            )
    return templates


def _load_folders() -> list[Folder]:
    from wagtail.models import Page

    from content_api.representations import unit_ref
    from exemplar_pages.models import UnitFolderPage

    folders = []
    with connection.cursor() as cursor:
        for folder in UnitFolderPage.objects.select_related("unit").order_by("path"):
            cursor.execute(
                "SELECT max(path) FROM wagtailcore_page WHERE path LIKE %s AND depth = %s",
                [folder.path + "%", folder.depth + 1],
            )
            last = cursor.fetchone()[0]
            next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
            folders.append(
                Folder(
                    page_id=folder.pk,
                    path=folder.path,
                    depth=folder.depth,
                    url_path=folder.url_path,
                    unit_id=folder.unit_id,
                    unit_short_name=folder.unit.short_name,
                    unit_ref=unit_ref(folder.unit),
                    next_step=next_step,
                )
            )
    return folders


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _iso(value: dt.datetime | dt.date) -> str:
    return value.isoformat()


class Cloner:
    """Builds the rows of clone number `index` from a template, deterministically."""

    def __init__(
        self, templates: list[Template], folders: list[Folder], site_root_url: str, home_url_path: str
    ):
        from wagtail.models import Page

        self.templates = templates
        self.folders = folders
        self.site_root_url = site_root_url.rstrip("/")
        self.home_url_path = home_url_path
        self.page_model = Page
        self.now = timezone.now()

    def _public_url(self, url_path: str, template: Template) -> str | None:
        # content_api.representations.public_url: none when the site does not show the
        # template's channels, else the page's path under the public base URL (or the site's).
        if template.summary["url"] is None:
            return None
        base = (settings.CONTENT_PUBLIC_BASE_URL or self.site_root_url).rstrip("/")
        return base + url_path[len(self.home_url_path) - 1 :]

    def add(self, tables: Tables, index: int, page_id: int) -> None:
        rng = random.Random(SEED * 1_000_003 + index)  # noqa: S311 (reproducible data, not secrets)
        template = self.templates[index % len(self.templates)]
        folder = rng.choice(self.folders)
        collective = template.exemplar["kind"] == "collective"
        title = _collective(rng, folder.unit_short_name) if collective else _person(rng)
        slug = f"{slugify_vi(title)[:200]}-{page_id}"
        step = folder.next_step
        folder.next_step += 1
        path = self.page_model._get_path(folder.path, folder.depth + 1, step)
        url_path = f"{folder.url_path}{slug}/"
        span = (self.now - dt.timedelta(days=1) - EPOCH).total_seconds()
        # More recent years publish more: the square root skews towards now.
        published = EPOCH + dt.timedelta(seconds=span * rng.random() ** 0.7)
        updated = min(published + dt.timedelta(days=rng.choice([0, 0, 0, 1, 7, 30])), self.now)
        translation_key = uuid.uuid4()
        page = template.page
        tables.pages.append(
            (
                page_id,
                path,
                folder.depth + 1,
                0,
                title,
                slug,
                True,
                False,
                url_path,
                "",
                False,
                "",
                False,
                page["content_type_id"],
                False,
                updated,
                published,
                updated,
                title,
                translation_key,
                page["locale_id"],
            )
        )
        exemplar = template.exemplar
        tables.exemplars.append(
            (
                page_id,
                exemplar["kind"],
                exemplar["position"],
                exemplar["lead"],
                exemplar["achievement_period"],
                exemplar["achievements_json"],
                exemplar["recognition_level"],
                exemplar["body_json"],
                "",
                "",
                "",
                exemplar["portrait_id"],
                exemplar["portrait_alt"],
                folder.unit_id,
            )
        )
        # Awards: the template's forms, decided in the years before publication.
        award_dates = []
        for award in template.awards:
            year = max(2010, published.year - rng.choice([0, 0, 1, 1, 2, 3, 5]))
            date = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            date = min(date, published.date())
            award_dates.append(date)
            tables.awards.append(
                (
                    award["sort_order"],
                    award["title"],
                    award["decision_number"],
                    date,
                    award["issuing_authority"],
                    award["award_form_id"],
                    award["kind_id"],
                    page_id,
                    award["status"],
                    award["source"],
                    uuid.uuid4(),
                    award["locale_id"],
                )
            )
        tables.tags += [(page_id, tag_id) for tag_id in template.tag_ids]
        tables.page_channels += [(page_id, channel_id) for channel_id in template.channel_ids]
        tables.campaigns += [(page_id, campaign_id) for campaign_id in template.campaign_ids]

        # The projection: the template's JSON with this clone's own identity and facts.
        meta = {
            "id": page_id,
            "slug": slug,
            "title": title,
            "url": self._public_url(url_path, template),
            "api_url": f"/api/content/v1/exemplars/{page_id}/",
            "first_published_at": _iso(published),
            "last_published_at": _iso(updated),
            "unit": folder.unit_ref,
            "award_years": sorted({d.year for d in award_dates}),
        }
        summary = {**template.summary, **meta}
        detail = {**template.detail, **meta}
        detail["awards"] = [
            {**award, "decision_date": _iso(date)}
            for award, date in zip(template.detail["awards"], award_dates, strict=True)
        ]
        # The searchable words and the folded text come from the projection's own functions.
        words = searchable(detail)
        tables.documents.append(
            (
                page_id,
                "exemplar",
                summary["locale"],
                translation_key,
                slug,
                title,
                published,
                updated,
                exemplar["kind"],
                exemplar["recognition_level"],
                "",
                _search_text(detail),
                _dumps(summary),
                _dumps(detail),
                json.dumps(template.campaign_ids),
                folder.unit_id,
                # Sources of the weighted search vector (computed in SQL).
                *(words[weight] for weight in "ABCD"),
            )
        )
        tables.document_channels += [(page_id, channel_id) for channel_id in template.channel_ids]


def _copy(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _write_batch(tables: Tables) -> None:
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg cursor, for COPY
        _copy(cursor, "wagtailcore_page", PAGE_COLUMNS, tables.pages)
        _copy(cursor, "exemplar_pages_exemplarpage", EXEMPLAR_COLUMNS, tables.exemplars)
        _copy(cursor, "exemplar_pages_award", AWARD_COLUMNS, tables.awards)
        _copy(cursor, "exemplar_pages_exemplarpagetag", ["content_object_id", "tag_id"], tables.tags)
        _copy(
            cursor,
            "exemplar_pages_exemplarpage_channels",
            ["exemplarpage_id", "channel_id"],
            tables.page_channels,
        )
        _copy(
            cursor,
            "exemplar_pages_exemplarpage_campaigns",
            ["exemplarpage_id", "campaignpage_id"],
            tables.campaigns,
        )
        # Documents go through a staging table so the search vector is computed on the way in.
        cursor.execute(
            "CREATE TEMP TABLE bench_document ON COMMIT DROP AS "  # noqa: S608 (constant column names)
            f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM content_api_contentdocument WITH NO DATA"
        )
        cursor.execute(f"ALTER TABLE bench_document {', '.join(f'ADD {c} text' for c in VECTOR_SOURCES)}")
        _copy(cursor, "bench_document", [*DOCUMENT_COLUMNS, *VECTOR_SOURCES], tables.documents)
        cursor.execute(
            f"INSERT INTO content_api_contentdocument ({', '.join(DOCUMENT_COLUMNS)}, search_vector) "  # noqa: S608
            f"SELECT {', '.join(DOCUMENT_COLUMNS)}, {VECTOR_SQL} FROM bench_document"
        )
        _copy(
            cursor,
            "content_api_contentdocument_channels",
            ["contentdocument_id", "channel_id"],
            tables.document_channels,
        )


def _check_vector_sql(templates: list[Template]) -> None:
    """The SQL vector of the clones must equal what the projection wrote for the templates."""
    mismatches = 0
    with connection.cursor() as cursor:
        for template in templates:
            words = searchable(template.detail)
            cursor.execute(
                "SELECT d.search_vector IS DISTINCT FROM ("  # noqa: S608 (constant SQL)
                f"{VECTOR_SQL}) FROM content_api_contentdocument d, "
                "(SELECT %s AS sv_a, %s AS sv_b, %s AS sv_c, %s AS sv_d) s WHERE d.page_id = %s",
                [*(words[weight] for weight in "ABCD"), template.page["id"]],
            )
            mismatches += cursor.fetchone()[0]
    if mismatches:
        print(f"  warning: {mismatches} template search vectors differ from the clones' SQL formula")


def _finish() -> None:
    """Treebeard's numchild of the folders, the identity sequence, fresh statistics."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailcore_page f SET numchild = c.n FROM ("
            "  SELECT substr(path, 1, length(path) - 4) AS parent, count(*) AS n"
            "  FROM wagtailcore_page WHERE depth >= 2 GROUP BY 1"
            ") c WHERE f.path = c.parent AND f.numchild <> c.n"
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('wagtailcore_page', 'id'), "
            "(SELECT max(id) FROM wagtailcore_page))"
        )
    # VACUUM cannot run inside a transaction; Django's connection is in autocommit here.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def live_exemplars() -> int:
    from exemplar_pages.models import ExemplarPage

    return ExemplarPage.objects.filter(live=True).count()


def seed(n: int) -> dict:
    """Bring the database to `n` live exemplars; returns what was done and how long it took."""
    from wagtail.models import Site

    started = time.perf_counter()
    rng = random.Random(SEED)  # noqa: S311 (reproducible data, not secrets)
    template_ids = ensure_templates(rng)
    existing = live_exemplars()
    report = {"templates": len(template_ids), "existing": existing, "added": 0}
    if existing > n:
        raise SystemExit(
            f"The bench database already holds {existing} exemplars (> {n}): use --reset, or another "
            "database (DATABASE_URL), to measure a smaller N."
        )
    missing = n - existing
    if missing:
        templates = _load_templates(template_ids)
        _check_vector_sql(templates)
        folders = _load_folders()
        site = Site.objects.get(is_default_site=True)
        cloner = Cloner(templates, folders, site.root_url, site.root_page.url_path)
        for template in templates:
            if cloner._public_url(template.page["url_path"], template) != template.summary["url"]:
                print(f"  warning: clone URLs are not built like {template.summary['url']}")
        with connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(max(id), 0) FROM wagtailcore_page")
            next_id = cursor.fetchone()[0] + 1
        # Clone numbers continue from those already seeded, so reruns stay deterministic.
        first_index = existing - len(template_ids)
        done = 0
        while done < missing:
            size = min(BATCH, missing - done)
            tables = Tables()
            for k in range(size):
                cloner.add(tables, first_index + done + k, next_id + done + k)
            _write_batch(tables)
            done += size
            rate = done / (time.perf_counter() - started)
            print(f"  seeded {done:,}/{missing:,} clones ({rate:,.0f}/s)", flush=True)
        report["added"] = missing
    _finish()
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["live_exemplars"] = live_exemplars()
    return report
