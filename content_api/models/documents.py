"""
The published projection the content API reads: one row per live, public page.

Wagtail's page tables hold drafts, revisions, private and expired pages next to live
content, and rendering a page for the API walks its StreamField, renditions, awards and
approvals. Doing that per request cannot meet the API's speed goals and makes every
endpoint responsible for not leaking drafts. So each publish writes the page's API
representation here (content_api.projection), each unpublish or delete removes it, and the
API only ever reads this table: what is not here does not exist for a partner.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeType(models.TextChoices):
    """How a published document changed; partner sync keeps these as its change feed."""

    CREATED = "created", _("Đăng mới")
    UPDATED = "updated", _("Cập nhật")
    UNPUBLISHED = "unpublished", _("Gỡ xuống")
    DELETED = "deleted", _("Đã xóa")


class DocumentKind(models.TextChoices):
    EXEMPLAR = "exemplar", _("Gương điển hình")
    CAMPAIGN = "campaign", _("Phong trào thi đua")
    NEWS = "news", _("Tin bài")
    UNIT_NEWS = "unit_news", _("Tin hoạt động của đơn vị")
    PLAN = "plan", _("Kế hoạch của đơn vị")


class ContentDocument(models.Model):
    """One live, public page as the content API serves it (see the module docstring)."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="content_document"
    )
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    locale = models.CharField(max_length=16)
    translation_key = models.UUIDField()
    slug = models.SlugField(max_length=255, allow_unicode=False)
    title = models.CharField(max_length=255)
    unit = models.ForeignKey("cms.Unit", null=True, on_delete=models.SET_NULL, related_name="+")
    channels = models.ManyToManyField("cms.Channel", related_name="+")
    published_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    expire_at = models.DateTimeField(null=True)
    # Facets used by filters (which ones are set depends on the kind).
    subject_kind = models.CharField(max_length=20, blank=True)
    level = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20, blank=True)
    date = models.DateField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    # Accent-folded text for search: a tsvector on PostgreSQL, plain text elsewhere.
    search_text = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True)
    # The API representations, as JSON text written once per publish.
    summary = models.TextField()
    detail = models.TextField()
    # Pages the detail refers to, filtered by the caller's visibility at request time.
    refs = models.JSONField(default=list)

    class Meta:
        verbose_name = _("bản công bố qua API")
        verbose_name_plural = _("bản công bố qua API")
        indexes = [
            models.Index(fields=["kind", "locale", "-published_at", "-page"], name="doc_kind_published"),
            models.Index(fields=["kind", "locale", "-updated_at", "-page"], name="doc_kind_updated"),
            models.Index(fields=["kind", "locale", "title", "page"], name="doc_kind_title"),
            models.Index(fields=["kind", "locale", "-date", "-page"], name="doc_kind_date"),
            models.Index(fields=["translation_key"], name="doc_translation"),
            models.Index(fields=["kind", "slug"], name="doc_slug"),
            models.Index(fields=["unit", "kind"], name="doc_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.page_id}: {self.title}"
