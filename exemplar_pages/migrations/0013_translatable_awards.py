"""
Awards become translatable (wagtail-localize): each row gets its page's locale and a
translation key, shared by an English edition's copy of a Vietnamese award (matched in order);
the awards kept in page revisions get the same keys, so publishing an older draft keeps them.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def keys_and_locales(apps, schema_editor):
    Award = apps.get_model("exemplar_pages", "Award")
    ExemplarPage = apps.get_model("exemplar_pages", "ExemplarPage")
    Locale = apps.get_model("wagtailcore", "Locale")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    default = (
        Locale.objects.order_by("pk").filter(language_code="vi").first()
        or Locale.objects.order_by("pk").first()
    )
    pages = {
        page.pk: page for page in ExemplarPage.objects.only("pk", "locale_id", "translation_key").iterator()
    }
    by_page: dict[int, list] = {}
    for award in Award.objects.order_by("exemplar_id", "sort_order", "pk").iterator():
        by_page.setdefault(award.exemplar_id, []).append(award)
    sources = {
        page.translation_key: page.pk
        for page in pages.values()
        if default is not None and page.locale_id == default.pk
    }
    keys: dict[int, uuid.UUID] = {}
    # Vietnamese pages first, so that their editions can take their keys.
    ordered = sorted(by_page, key=lambda pk: pages[pk].locale_id != (default.pk if default else None))
    for page_id in ordered:
        page = pages[page_id]
        source_id = sources.get(page.translation_key)
        source_awards = by_page.get(source_id, []) if source_id not in (None, page_id) else []
        for index, award in enumerate(by_page[page_id]):
            if index < len(source_awards):
                award.translation_key = keys[source_awards[index].pk]
            else:
                award.translation_key = uuid.uuid4()
            award.locale_id = page.locale_id
            keys[award.pk] = award.translation_key
            award.save(update_fields=["translation_key", "locale"])

    content_type = ContentType.objects.filter(app_label="exemplar_pages", model="exemplarpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content or {}
        changed = False
        page = pages.get(int(revision.object_id)) if str(revision.object_id).isdigit() else None
        for item in content.get("awards") or []:
            if item.get("translation_key"):
                continue
            known = keys.get(item.get("pk"))
            item["translation_key"] = str(known or uuid.uuid4())
            if page is not None:
                item["locale"] = page.locale_id
            changed = True
        if changed:
            Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("exemplar_pages", "0012_merge_optional_dates_weekly_schedule"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="award",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="award",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.RunPython(keys_and_locales, migrations.RunPython.noop),
    ]
