"""Fixtures of the content API tests: published pages in channels, partners with keys, a client."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from wagtail.models import Locale

from cms.models import Channel
from content_api.models import Partner
from exemplar_pages.models import CampaignPage, ExemplarPage, NewsPage
from exemplar_pages.models.awards import Award

# The coordination workflow fixtures, for tests that go through moderation.
from tests.unit_fixtures import role_user
from tests.workflows.conftest import people, workflows  # noqa: F401

API = "/api/content/v1"


@pytest.fixture
def api(db):
    return Client()


def channels(*codes: str) -> list[Channel]:
    return list(Channel.objects.filter(code__in=codes))


def publish(page):
    """Publish the latest revision of `page` the way Wagtail does, and return it fresh."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def make_exemplar(folder, binh_thuan, bang_khen):
    """Create (and by default publish) an exemplar of Bình Thuận in the given channels."""
    counter = iter(range(1, 10_000))

    def make(title=None, *, channel_codes=("public",), live=True, award_year=2024, **fields):
        n = next(counter)
        page = ExemplarPage(
            title=title or f"Gương điển hình số {n}",
            unit=fields.pop("unit", binh_thuan),
            achievement_period="2021 - 2024",
            achievements=[("achievement", "Hoàn thành xuất sắc nhiệm vụ")],
            lead=fields.pop("lead", "Một tấm gương tiêu biểu."),
            **fields,
        )
        folder.add_child(instance=page)
        page.channels.set(channels(*channel_codes))
        Award.objects.create(
            exemplar=page,
            award_form=bang_khen,
            decision_number=f"{n}/QĐ-UBND",
            decision_date=datetime.date(award_year, 6, 3),
            issuing_authority="Ủy ban nhân dân tỉnh Bình Thuận",
        )
        if not live:
            page.unpublish() if page.live else None
            ExemplarPage.objects.filter(pk=page.pk).update(live=False)
            return ExemplarPage.objects.get(pk=page.pk)
        return publish(page)

    return make


@pytest.fixture
def make_campaign(site_tree, binh_thuan):
    counter = iter(range(1, 10_000))

    def make(title=None, *, channel_codes=("public",), **fields):
        n = next(counter)
        page = CampaignPage(
            title=title or f"Phong trào thi đua số {n}",
            document_number=f"0{n}/CT-VKSTC",
            issue_date=fields.pop("issue_date", datetime.date(2023, 1, 5)),
            issuing_unit=fields.pop("issuing_unit", binh_thuan),
            period_year=fields.pop("period_year", 2023),
            theme="Đoàn kết, kỷ cương, đổi mới",
            motto="Công minh, chính trực",
            **fields,
        )
        site_tree.campaigns.add_child(instance=page)
        page.channels.set(channels(*channel_codes))
        return publish(page)

    return make


@pytest.fixture
def make_news(site_tree, binh_thuan):
    counter = iter(range(1, 10_000))

    def make(title=None, *, channel_codes=("public",), **fields):
        n = next(counter)
        page = NewsPage(
            title=title or f"Tin bài số {n}",
            date=fields.pop("date", datetime.date(2024, 3, 1)),
            lead="Tin về phong trào thi đua.",
            body=[("paragraph", "<p>Nội dung tin.</p>")],
            unit=fields.pop("unit", binh_thuan),
            **fields,
        )
        site_tree.news.add_child(instance=page)
        page.channels.set(channels(*channel_codes))
        return publish(page)

    return make


@pytest.fixture
def make_partner(vocabularies):
    """A partner entitled to some channels, and the plaintext of a fresh key."""

    def make(name="Cổng thông tin điện tử", *, channel_codes=("portal",), rate_limit=600, **token_kwargs):
        partner = Partner.objects.create(name=name, rate_limit=rate_limit)
        partner.channels.set(channels(*channel_codes))
        partner_token, plaintext = partner.issue_token(name="test", **token_kwargs)
        return partner, partner_token, plaintext

    return make


@pytest.fixture
def office(site_tree):
    """A user of the Office, which manages partners, keys and webhooks."""
    return role_user("office", "office")


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


@pytest.fixture
def partner(make_partner) -> Partner:
    partner, _token, _plaintext = make_partner("Báo Bảo vệ pháp luật", channel_codes=("newspaper",))
    return partner


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def publish_english_copy(page, folder, title: str = "Nguyen Van Duc"):
    """
    An English edition of `page`, published beside it and sharing its translation key:
    the shortcut for API tests (the translation workflow itself is tested in tests/translations).
    """
    english = ExemplarPage(
        title=title,
        slug=f"{page.slug}-en",
        locale=Locale.objects.get(language_code="en"),
        translation_key=page.translation_key,
        unit=page.unit,
        achievement_period=page.achievement_period,
        achievements=[("achievement", "Outstanding service")],
    )
    folder.add_child(instance=english)
    english.channels.set(page.channels.all())
    english.save_revision().publish()
    return english
