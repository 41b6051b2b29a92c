"""Rich text that is safe whatever wrote it: the admin editor, an import or a script."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.module_loading import import_string
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import LinkRewriter

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
    converter = import_string("wagtail.admin.rich_text.converters.editor_html.EditorHTMLConverter")(
        features=features
    )
    # Stored rich text names internal links as <a linktype="page" id="…">, which the
    # editor-format whitelister does not know: it would drop every page and document link.
    # Expanding to the editor's format first keeps them; anything else is still filtered.
    return converter.to_database_format(converter.from_database_format(html or ""))


class SafeRichTextField(RichTextField):
    """A RichTextField that sanitises its value on every save."""

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        cleaned = sanitise(value, self.features or SHORT_FEATURES)
        setattr(model_instance, self.attname, cleaned)
        return cleaned


def _api_page_links(attrs_list: list[dict]) -> list[str]:
    """Opening tags of links to pages: public URL and API URL of live targets, nothing else."""
    ids = {int(attrs["id"]) for attrs in attrs_list if str(attrs.get("id", "")).isdigit()}
    pages = {page.pk: page for page in Page.objects.live().public().filter(pk__in=ids).specific()}
    tags = []
    for attrs in attrs_list:
        page = pages.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
        if page is None:
            # A link to a draft or private page: keep the text, drop the address.
            tags.append("<a>")
            continue
        parts = [f'href="{escape(page.get_full_url() or "")}"', f'data-page-id="{page.pk}"']
        collection = getattr(page, "api_collection", None)
        if collection:
            parts.append(f'data-api-url="/api/content/v1/{collection}/{page.pk}/"')
        tags.append(f"<a {' '.join(parts)}>")
    return tags


def api_html(db_html: str, features: list[str]) -> str:
    """
    Rich text for the content API: sanitised, with internal page links resolved to the
    page's public URL plus its API address (`data-api-url`), so a partner portal can route
    them itself; links to pages that are not live and public lose their address.
    """
    page_links = LinkRewriter(bulk_rules={"page": _api_page_links})
    return expand_db_html(page_links(sanitise(db_html, features)))
