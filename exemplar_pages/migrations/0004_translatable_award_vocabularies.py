# Award forms and commendation kinds become translatable (wagtail-localize): existing rows
# are bootstrapped into the default locale (Wagtail's documented three steps, in one
# migration), names become unique per locale, and award rows choose Vietnamese entries only.

import uuid

import django.db.models.deletion
from django.db import migrations, models
from wagtail.models import BootstrapTranslatableModel

import exemplar_pages.models.awards


def translatable(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        BootstrapTranslatableModel(f"exemplar_pages.{model_name}"),
        migrations.AlterField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(name=model_name, unique_together={("translation_key", "locale")}),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("exemplar_pages", "0003_folder_per_locale"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *translatable("awardform"),
        *translatable("commendationkind"),
        migrations.AlterField(
            model_name="awardform",
            name="name",
            field=models.CharField(
                help_text="Tên theo Luật Thi đua, khen thưởng, ví dụ: Chiến sĩ thi đua cơ sở.",
                max_length=200,
                verbose_name="tên danh hiệu / hình thức",
            ),
        ),
        migrations.AddConstraint(
            model_name="awardform",
            constraint=models.UniqueConstraint(fields=("locale", "name"), name="awardform_unique_name_per_locale"),
        ),
        migrations.AlterField(
            model_name="commendationkind",
            name="code",
            field=models.SlugField(help_text="Mã ổn định dùng trong API.", max_length=40, verbose_name="mã"),
        ),
        migrations.AddConstraint(
            model_name="commendationkind",
            constraint=models.UniqueConstraint(
                fields=("locale", "code"), name="commendationkind_unique_code_per_locale"
            ),
        ),
        migrations.AlterField(
            model_name="award",
            name="award_form",
            field=models.ForeignKey(
                help_text="Chọn từ danh mục theo Luật Thi đua, khen thưởng.",
                limit_choices_to=exemplar_pages.models.awards.in_default_locale,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="exemplar_pages.awardform",
                verbose_name="danh hiệu / hình thức",
            ),
        ),
        migrations.AlterField(
            model_name="award",
            name="kind",
            field=models.ForeignKey(
                blank=True,
                help_text="Thường xuyên, đột xuất, theo đợt…",
                limit_choices_to=exemplar_pages.models.awards.in_default_locale,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="exemplar_pages.commendationkind",
                verbose_name="loại hình khen thưởng",
            ),
        ),
    ]
