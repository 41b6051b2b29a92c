"""
Signal wiring of the content API. Each handler only says *when* to act; what to do lives
in content_api.projection, content_api.versioning and content_api.access.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import Channel, Unit
from exemplar_pages.models import (
    Award,
    AwardForm,
    CampaignPage,
    CommendationKind,
    ExemplarPage,
    NewsPage,
    WeeklySchedulePage,
)
from workflows.signals import channel_release_changed

from . import access, projection, versioning
from .models import ContentDocument
from .representations import KIND_BY_MODEL
from .tasks import reproject_pages


def _page_changed(sender, instance, **kwargs):
    projection.sync_page(instance.pk)


def _page_unpublished(sender, instance, **kwargs):
    # Not sync_page: Wagtail also sends page_unpublished from its pre_delete handler, while
    # the page is still live in the database, which sync_page would take for a publish.
    projection.remove_page(instance.pk)


def _page_deleted(sender, instance, **kwargs):
    projection.remove_page(instance.pk, deleted=True, page=instance)


def _subtree_changed(page: Page) -> None:
    """A move or a view restriction changes the URL or visibility of a whole subtree."""
    ids = Page.objects.descendant_of(page, inclusive=True).type(*KIND_BY_MODEL).values_list("pk", flat=True)
    reproject_pages.enqueue(list(ids))


def _page_moved(sender, instance, **kwargs):
    _subtree_changed(instance)


def _restriction_changed(sender, instance, **kwargs):
    _subtree_changed(instance.page)


def _published_referrers(sender, instance, **kwargs):
    """
    Exemplars and news embed the title, slug and address of the campaigns they refer to (an
    edition in another language refers to the campaign's translation in its language).
    """
    key = instance.translation_key
    referrers = set(
        ExemplarPage.objects.live().filter(campaigns__translation_key=key).values_list("pk", flat=True)
    )
    referrers |= set(
        NewsPage.objects.live().filter(related_campaigns__translation_key=key).values_list("pk", flat=True)
    )
    if referrers:
        reproject_pages.enqueue(sorted(referrers))


def _unit_changed(sender, instance, **kwargs):
    ids = list(ContentDocument.objects.filter(unit=instance).values_list("pk", flat=True))
    if ids:
        reproject_pages.enqueue(ids)
    versioning.content_changed([f"unit-{instance.pk}"], kind="unit", pk=instance.pk)


def _vocabulary_changed(sender, instance, created=False, **kwargs):
    """Exemplars embed the names of their award forms and kinds, in their own language."""
    is_source = instance.locale_id == Locale.get_default().pk
    if created and is_source:
        return  # a new Vietnamese entry: no award uses it yet
    field = "award_form" if isinstance(instance, AwardForm) else "kind"
    awards = Award.objects.filter(**{f"{field}__translation_key": instance.translation_key})
    documents = ContentDocument.objects.filter(page_id__in=awards.values("exemplar_id"))
    if not is_source:  # a translation only names the awards of editions in its language
        documents = documents.filter(locale=instance.locale.language_code)
    ids = list(documents.values_list("pk", flat=True))
    if ids:
        reproject_pages.enqueue(ids)


def _channel_release_changed(sender, page_id, **kwargs):
    """A channel released or withheld: the page and its editions in other languages."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    ids = (
        Page.objects.filter(translation_key=page.translation_key)
        .type(*KIND_BY_MODEL)
        .values_list("pk", flat=True)
    )
    for pk in ids:
        projection.sync_page(pk)


def _schedule_changed(sender, instance, **kwargs):
    """A unit's weekly schedule published, unpublished or deleted: the schedules endpoint is stale."""
    versioning.content_changed(["schedules", f"unit-{instance.unit_id}"], kind="schedule", pk=instance.pk)


def _channels_changed(sender, **kwargs):
    access.forget_public_channels()
    versioning.bump()


def connect() -> None:
    for model in KIND_BY_MODEL:
        page_published.connect(_page_changed, sender=model, dispatch_uid=f"content-api-pub-{model.__name__}")
        page_unpublished.connect(
            _page_unpublished, sender=model, dispatch_uid=f"content-api-unpub-{model.__name__}"
        )
        pre_delete.connect(_page_deleted, sender=model, dispatch_uid=f"content-api-del-{model.__name__}")
    page_published.connect(
        _published_referrers, sender=CampaignPage, dispatch_uid="content-api-campaign-refs"
    )
    page_published.connect(
        _schedule_changed, sender=WeeklySchedulePage, dispatch_uid="content-api-pub-schedule"
    )
    page_unpublished.connect(
        _schedule_changed, sender=WeeklySchedulePage, dispatch_uid="content-api-unpub-schedule"
    )
    pre_delete.connect(_schedule_changed, sender=WeeklySchedulePage, dispatch_uid="content-api-del-schedule")
    post_page_move.connect(_page_moved, dispatch_uid="content-api-move")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="content-api-restrict")
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="content-api-unrestrict"
    )
    post_save.connect(_unit_changed, sender=Unit, dispatch_uid="content-api-unit")
    for model in (AwardForm, CommendationKind):
        post_save.connect(_vocabulary_changed, sender=model, dispatch_uid=f"content-api-{model.__name__}")
    post_save.connect(_channels_changed, sender=Channel, dispatch_uid="content-api-channel")
    channel_release_changed.connect(_channel_release_changed, dispatch_uid="content-api-channel-release")
