"""The demo content built from the source documents: faithful, labelled, idempotent."""

from __future__ import annotations

import datetime
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from cms.models import Unit
from exemplar_pages import demo
from exemplar_pages.demo import DemoContentReport, load_demo_content
from exemplar_pages.models import (
    Award,
    CampaignIndexPage,
    CampaignPage,
    ExemplarKind,
    ExemplarPage,
    NewsIndexPage,
    NewsPage,
    RecognitionLevel,
    UnitFolderPage,
)

# The content is loaded once for the module, on the baseline site, and rolled back after it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_db")]

SEED_NAMES_OF_REAL_PEOPLE = ("Dương Xuân Sơn", "Nguyễn Hải Trâm", "Phạm Vũ Thắng", "Lê Minh Trí", "Văn Long")


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def media_root(settings: Any, demo_media: Path) -> None:
    """The placeholder portrait is written to a temporary media folder."""
    settings.MEDIA_ROOT = demo_media


@pytest.fixture(scope="module")
def report(module_db: None, demo_media: Path, django_db_blocker: Any) -> DemoContentReport:
    """The demo content loaded once on top of the full site."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        return load_demo_content()


def _counts() -> dict[str, int]:
    """Row counts of everything the loader may create."""
    return {
        "pages": Page.objects.count(),
        "awards": Award.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "exemplar_tags": ExemplarPage.tags.through.objects.count(),
        "news_links": NewsPage.related_exemplars.through.objects.count(),
    }


def _exemplars() -> list[ExemplarPage]:
    """The demo exemplars in the Bình Thuận folder."""
    return list(ExemplarPage.objects.filter(unit__code="VKS-BINHTHUAN").order_by("path"))


def test_loading_twice_creates_nothing_the_second_time(report: DemoContentReport) -> None:
    assert report.campaigns == 2
    assert report.news == 4
    assert report.exemplars == 3
    assert report.images == 1
    before = _counts()

    second = load_demo_content()

    assert second.created == 0
    assert second.existing == report.created
    assert _counts() == before


def test_the_2023_campaign_carries_directive_02_of_27_12_2022_with_its_theme_and_motto(
    report: DemoContentReport,
) -> None:
    campaign = CampaignPage.objects.get(period_year=2023)
    assert campaign.document_number == "02/CT-VKSTC"
    assert campaign.issue_date == datetime.date(2022, 12, 27)
    assert (
        campaign.theme == "Đoàn kết, gương mẫu, trách nhiệm, vượt khó, hoàn thành xuất sắc nhiệm vụ năm 2023"
    )
    assert campaign.motto == "Đoàn kết, trách nhiệm - kỷ cương, liêm chính - bản lĩnh, hiệu quả"
    assert campaign.issuing_unit.code == "VKSTC"
    assert campaign.live
    assert campaign.get_parent().specific_class is CampaignIndexPage
    assert {"portal", "public", "newspaper", "journal"} <= {c.code for c in campaign.channels.all()}


def test_the_2021_campaign_names_its_directive_and_invents_no_theme_or_motto(
    report: DemoContentReport,
) -> None:
    campaign = CampaignPage.objects.get(period_year=2021)
    assert campaign.document_number == "02/CT-VKSTC"
    assert campaign.issue_date == datetime.date(2021, 2, 2)
    assert campaign.motto == ""
    assert campaign.theme == ""  # the seeds do not give it
    assert "Chỉ thị số 02/CT-VKSTC ngày 02/02/2021" in campaign.lead
    assert campaign.live


def test_binh_thuan_exemplars_carry_the_2024_awards_of_the_provincial_peoples_committee(
    report: DemoContentReport,
) -> None:
    awards = Award.objects.filter(exemplar__unit__code="VKS-BINHTHUAN")
    decisions = {(a.decision_number, a.decision_date) for a in awards}
    assert decisions == {
        ("1136/QĐ-UBND", datetime.date(2024, 6, 3)),
        ("1879/QĐ-UBND", datetime.date(2024, 10, 25)),
    }
    for award in awards:
        assert award.award_form.name == "Bằng khen của Chủ tịch UBND cấp tỉnh"
        assert award.kind.name == "Khen thưởng đột xuất"  # the Vietnamese entry, not its translation
        # Seed 001: "… của Chủ tịch UBND tỉnh Bình Thuận".
        assert award.issuing_authority == "Chủ tịch Ủy ban nhân dân tỉnh Bình Thuận"
        assert award.is_documented


def test_the_exemplars_live_in_the_binh_thuan_folder_with_one_left_as_a_draft(
    report: DemoContentReport,
) -> None:
    folder = UnitFolderPage.objects.get(unit__code="VKS-BINHTHUAN")
    exemplars = _exemplars()
    assert {page.get_parent().pk for page in exemplars} == {folder.pk}
    assert {page.kind for page in exemplars} == {ExemplarKind.COLLECTIVE, ExemplarKind.INDIVIDUAL}
    drafts = [page for page in exemplars if not page.live]
    assert [page.slug for page in drafts] == list(demo.DRAFT_EXEMPLAR_SLUGS)
    assert all(page.has_unpublished_changes for page in drafts)
    assert len([page for page in exemplars if page.live]) >= 2
    assert any(page.recognition_level == RecognitionLevel.TYPICAL for page in exemplars)
    for page in exemplars:
        assert page.achievement_period
        assert len(page.achievements) >= 2
        assert page.body and page.body[0].block_type == "paragraph"
        # Awards decided in 2024 are not the 2023 campaign's (seed 004 is about 2023 only).
        assert not page.campaigns.filter(period_year=2023).exists()
        assert {"portal", "public"} <= {c.code for c in page.channels.all()}
        assert page.tags.exists()


def test_sample_exemplars_are_labelled_as_sample_data_and_name_no_real_person(
    report: DemoContentReport,
) -> None:
    for page in _exemplars():
        assert "(dữ liệu mẫu)" in page.title
        assert "Dữ liệu mẫu" in page.lead
        assert not any(name in page.title for name in SEED_NAMES_OF_REAL_PEOPLE)
        if page.kind == ExemplarKind.INDIVIDUAL:
            assert "(dữ liệu mẫu)" in page.position


def test_internal_fields_hold_obviously_fake_values(report: DemoContentReport) -> None:
    for page in _exemplars():
        assert page.contact_phone == "0000 000 000"
        assert page.contact_email.endswith("@example.invalid")
        assert page.internal_notes.startswith(demo.SAMPLE_NOTE_PREFIX)
        if page.kind == ExemplarKind.INDIVIDUAL:
            assert page.date_of_birth == demo.SAMPLE_BIRTH_DATE


def test_news_items_are_dated_and_attributed_as_in_the_source_documents(report: DemoContentReport) -> None:
    news = {page.slug: page for page in NewsPage.objects.all()}
    assert all(page.live for page in news.values())
    assert all(page.get_parent().specific_class is NewsIndexPage for page in news.values())
    assert news[demo.NEWS_REGULATION_SLUG].date == datetime.date(2021, 3, 31)
    assert news[demo.NEWS_REGULATION_SLUG].unit.code == "TCKS"
    assert news[demo.NEWS_LETTER_927_SLUG].date == datetime.date(2021, 3, 12)
    assert news[demo.NEWS_LETTER_927_SLUG].unit.code == "V16"
    assert "927/VKSTC-V16" in news[demo.NEWS_LETTER_927_SLUG].title
    assert news[demo.NEWS_BINH_THUAN_SLUG].unit.code == "VKS-BINHTHUAN"
    assert news[demo.NEWS_BINH_THUAN_SLUG].date is None  # seed 001 gives no date
    assert "293/KH-VKS" in news[demo.NEWS_BINH_THUAN_SLUG].lead
    directive = news[demo.NEWS_DIRECTIVE_2023_SLUG]
    assert directive.date == datetime.date(2024, 7, 14)
    assert list(directive.related_campaigns.values_list("period_year", flat=True)) == [2023]


def test_the_binh_thuan_news_relates_only_the_published_exemplars(report: DemoContentReport) -> None:
    news = NewsPage.objects.get(slug=demo.NEWS_BINH_THUAN_SLUG)
    related = set(news.related_exemplars.all())
    assert related == {page for page in _exemplars() if page.live}


def test_published_pages_carry_their_relations_in_the_live_revision(report: DemoContentReport) -> None:
    for page in ExemplarPage.objects.live():
        live = page.live_revision.as_object()
        assert [a.decision_number for a in live.awards.all()] == [
            a.decision_number for a in page.awards.all()
        ]
        assert set(live.campaigns.all()) == set(page.campaigns.all())


def test_all_demo_text_is_unicode_nfc(report: DemoContentReport) -> None:
    texts = []
    for page in [*CampaignPage.objects.all(), *NewsPage.objects.all(), *ExemplarPage.objects.all()]:
        texts += [page.title, page.lead, str(page.body)]
    texts += [c.theme + c.motto for c in CampaignPage.objects.all()]
    texts += [a.title + a.issuing_authority + a.decision_number for a in Award.objects.all()]
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)


def test_the_placeholder_portrait_is_a_tiny_image_in_the_units_collection(report: DemoContentReport) -> None:
    unit = Unit.objects.get(code="VKS-BINHTHUAN")
    image = get_image_model().objects.get(title="Ảnh minh họa (dữ liệu mẫu)")
    assert image.collection_id == unit.collection_id
    assert image.file_size < 4096
    assert ExemplarPage.objects.filter(portrait=image).exists()
