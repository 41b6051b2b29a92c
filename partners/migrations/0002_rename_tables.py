"""
The tables of the moved models take this app's names, and their content types move with
them, so that permissions granted on partners and webhooks, and the audit log entries of keys
and webhooks, stay attached.
"""

from django.db import migrations

MOVED = ["changeevent", "partner", "partnertoken", "webhookattempt", "webhookdelivery", "webhooksubscription"]


def _move(apps, schema_editor, source: str, target: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    using = schema_editor.connection.alias
    for model in MOVED:
        if not content_type.objects.using(using).filter(app_label=target, model=model).exists():
            content_type.objects.using(using).filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    _move(apps, schema_editor, "content_api", "partners")


def backwards(apps, schema_editor):
    _move(apps, schema_editor, "partners", "content_api")


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("content_api", "0005_partner_models_moved_to_partners"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="changeevent", table=None),
        migrations.AlterModelTable(name="partner", table=None),
        migrations.AlterModelTable(name="partnertoken", table=None),
        migrations.AlterModelTable(name="webhookattempt", table=None),
        migrations.AlterModelTable(name="webhookdelivery", table=None),
        migrations.AlterModelTable(name="webhooksubscription", table=None),
        migrations.RunPython(forwards, backwards),
    ]
