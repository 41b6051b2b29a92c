"""A GIN index on the search vector, on PostgreSQL only (other databases search the folded text)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS content_doc_search_vector "
            "ON content_api_contentdocument USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS content_doc_search_vector")


class Migration(migrations.Migration):
    dependencies = [("content_api", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
