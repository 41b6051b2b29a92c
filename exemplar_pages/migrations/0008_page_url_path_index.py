"""
An index on wagtailcore_page.url_path, which Wagtail does not index.

HomePage.route finds the chain of pages a public address names by their url_paths in one
query; without this index that query reads every page under the home (a listing's address took
74 ms at 100,000 exemplars in bench/). Plain SQL because the table is Wagtail's, not ours; the
statement is the same on PostgreSQL and SQLite.
"""

from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("exemplar_pages", "0007_unit_news_and_plans"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS exemplar_pages_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS exemplar_pages_page_url_path",
        ),
    ]
