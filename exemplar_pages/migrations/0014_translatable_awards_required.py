"""
The awards' translation keys and locales, filled by 0013, are required and unique together
(a migration of its own: PostgreSQL does not alter a table whose rows the same transaction
changed under deferred foreign keys).
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exemplar_pages", "0013_translatable_awards"),
    ]

    operations = [
        migrations.AlterField(
            model_name="award",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="award",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="award",
            unique_together={("translation_key", "locale")},
        ),
    ]
