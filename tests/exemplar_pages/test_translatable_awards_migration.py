"""
The migration that made awards translatable gives an English edition's copies the keys of the
Vietnamese awards they translate (in order), each row its page's locale, and the awards kept
in older revisions the same keys, so publishing an older draft keeps them.
"""

from __future__ import annotations

import importlib
import uuid

from django.apps import apps
from wagtail.models import Locale

from exemplar_pages.models import Award, ExemplarPage
from tests.helpers.api import publish_english_copy

migration = importlib.import_module("exemplar_pages.migrations.0013_translatable_awards")


def test_keys_are_shared_in_order_with_the_source_and_written_into_the_revisions(
    make_exemplar, folder, bang_khen
):
    page = make_exemplar("Nguyễn Văn Đức")
    Award.objects.create(exemplar=page, award_form=bang_khen, decision_number="2/QĐ-UBND", sort_order=5)
    english = publish_english_copy(page, folder)
    for award in page.awards.all():
        Award.objects.create(
            exemplar=english,
            award_form=award.award_form,
            decision_number=award.decision_number,
            sort_order=award.sort_order,
        )
    page.save_revision()  # a draft whose awards were stored before the migration
    revision = page.get_latest_revision()
    for item in revision.content["awards"]:
        item.pop("translation_key", None)
        item.pop("locale", None)
    revision.save(update_fields=["content"])
    for award in Award.objects.all():  # unrelated keys, as new rows would have
        Award.objects.filter(pk=award.pk).update(translation_key=uuid.uuid4())

    migration.keys_and_locales(apps, None)

    source = list(page.awards.order_by("sort_order", "pk"))
    copies = list(english.awards.order_by("sort_order", "pk"))
    assert [a.translation_key for a in copies] == [a.translation_key for a in source]
    assert len({a.translation_key for a in source}) == 2
    assert {a.locale_id for a in copies} == {Locale.objects.get(language_code="en").pk}
    assert {a.locale_id for a in source} == {page.locale_id}
    revision.refresh_from_db()
    by_pk = {a.pk: str(a.translation_key) for a in source}
    assert {item["pk"]: item["translation_key"] for item in revision.content["awards"]} == by_pk
    assert ExemplarPage.objects.get(pk=page.pk).get_latest_revision_as_object().awards.count() == 2
