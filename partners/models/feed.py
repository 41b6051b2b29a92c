"""The change feed: an append-only log of what changed in the published projection."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from content_api.models import ChangeType


class ChangeEvent(models.Model):
    """
    One change of one item, written in the same transaction as the change itself.

    Ids follow commit order: the writer takes a transaction-level advisory lock on
    PostgreSQL before inserting (partners.feed.record), so an event can never become
    visible after a later one — a reader walking `id > cursor` neither skips nor repeats.
    The channels the item was in before and after the change let each partner see the
    change as it affects its own channels (an item entering them is "created" for it).
    """

    id = models.BigAutoField(primary_key=True)
    change = models.CharField(max_length=20, choices=ChangeType.choices)
    kind = models.CharField(max_length=20)
    page_id = models.PositiveBigIntegerField()
    locale = models.CharField(max_length=16)
    occurred_at = models.DateTimeField(auto_now_add=True)
    channels_before = models.ManyToManyField("cms.Channel", related_name="+", blank=True)
    channels_after = models.ManyToManyField("cms.Channel", related_name="+", blank=True)

    class Meta:
        verbose_name = _("thay đổi nội dung")
        verbose_name_plural = _("nhật ký thay đổi nội dung")
        indexes = [models.Index(fields=["page_id", "id"], name="event_page")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.change} {self.kind} {self.page_id}"

    def as_seen_by(self, channel_ids: Iterable[int]) -> tuple[str, str | None] | None:
        """
        What this change means to a caller reading `channel_ids`: (change, reason), or None
        when the item was never in those channels. An item entering them is "created" for
        the caller, an item leaving them "unpublished", with reason "channels".
        """
        mine = set(channel_ids)
        before = {c.pk for c in self.channels_before.all()} & mine
        after = {c.pk for c in self.channels_after.all()} & mine
        if not before and not after:
            return None
        if self.change in (ChangeType.UNPUBLISHED, ChangeType.DELETED):
            return self.change, None
        if not after:
            return ChangeType.UNPUBLISHED, "channels"
        if not before and self.change == ChangeType.UPDATED:
            return ChangeType.CREATED, "channels"
        return self.change, None
