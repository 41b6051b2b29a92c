"""Steps of the content API tests: the API's address, bearer headers, publishing pages."""

from __future__ import annotations

from wagtail.models import Locale

from cms.models import Channel
from exemplar_pages.models import ExemplarPage

API = "/api/content/v1"


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def channels(*codes: str) -> list[Channel]:
    return list(Channel.objects.filter(code__in=codes))


def publish(page):
    """Publish the latest revision of `page` the way Wagtail does, and return it fresh."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


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


def publish_english_edition(page, title: str = "Nguyen Van Duc"):
    """
    An English edition of `page` where wagtail-localize puts it: under the English tree (its
    folders created as aliases of the Vietnamese ones, as "Translate this page" does), with
    its own slug, published. The shortcut for the public site's tests.
    """
    english_locale = Locale.objects.get(language_code="en")
    folder = page.get_parent()
    if folder.get_translation_or_none(english_locale) is None:
        folder.copy_for_translation(english_locale, copy_parents=True, alias=True)
    english = page.copy_for_translation(english_locale).specific
    english.title = title
    english.slug = f"{page.slug}-en"
    english.achievements = [("achievement", "Outstanding service")]
    english.save_revision().publish()
    english = type(english).objects.get(pk=english.pk)
    english.channels.set(page.channels.all())
    english.save_revision().publish()
    return type(english).objects.get(pk=english.pk)
