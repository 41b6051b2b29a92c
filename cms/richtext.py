"""Rich text that is safe whatever wrote it: the admin editor, an import or a script."""

from __future__ import annotations

from django.utils.module_loading import import_string
from wagtail.fields import RichTextField

# The features editors get in story bodies; nothing that can carry scripts or styles.
BODY_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript", "subscript", "hr"]
SHORT_FEATURES = ["bold", "italic", "link"]


def sanitise(html: str, features: list[str]) -> str:
    """
    Rich text reduced to the elements `features` allow, in Wagtail's database format.

    The admin's editor already whitelists what it saves; this also covers HTML that
    arrives some other way (imports, data migrations, the API), so that a `<script>` or an
    `onclick` never reaches the database or a partner's page.
    """
    # Wagtail's converter module loads page models when imported, so it is resolved at call
    # time: this module is imported by model modules, before the app registry is ready.
    converter_class = import_string("wagtail.admin.rich_text.converters.editor_html.EditorHTMLConverter")
    return converter_class(features=features).to_database_format(html or "")


class SafeRichTextField(RichTextField):
    """A RichTextField that sanitises its value on every save."""

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        cleaned = sanitise(value, self.features or SHORT_FEATURES)
        setattr(model_instance, self.attname, cleaned)
        return cleaned
