"""
Signal wiring of partner sync. Each handler only says *when* to act: the feed records the
projection's changes (partners.feed), and the token cache forgets what changed
(partners.access).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import APIToken

from cms.models import Channel
from content_api.signals import document_changed

from . import access, feed
from .models import Partner, PartnerToken


def _document_changed(
    sender, *, change, kind, page_id, locale, before, after, previously_removed=False, **kwargs
):
    if previously_removed:
        feed.record_late_deletion(kind=kind, page_id=page_id, locale=locale)
    else:
        feed.record(change, kind=kind, page_id=page_id, locale=locale, before=before, after=after)


def _channels_changed(sender, **kwargs):
    access.forget_all()


def _partner_changed(sender, instance, **kwargs):
    # Now, and again once committed: a request in between may have cached the old state.
    access.forget_partner(instance)
    transaction.on_commit(lambda: access.forget_partner(instance))


def _partner_channels_changed(sender, instance, **kwargs):
    if isinstance(instance, Partner):
        _partner_changed(sender, instance)


def _token_changed(sender, instance, **kwargs):
    token_id = instance.pk if isinstance(instance, APIToken) else instance.token_id
    # The stored hash may be newer than this instance's (re-hashed after a key rotation).
    hashes = {
        getattr(instance, "key_hash", None),
        *APIToken.objects.filter(pk=token_id).values_list("key_hash", flat=True),
    }

    def forget():
        for key_hash in hashes:
            access.forget_token_hash(key_hash)

    forget()
    transaction.on_commit(forget)


def connect() -> None:
    document_changed.connect(_document_changed, dispatch_uid="partners-change-feed")
    post_save.connect(_channels_changed, sender=Channel, dispatch_uid="partners-channel")
    post_save.connect(_partner_changed, sender=Partner, dispatch_uid="partners-partner")
    post_delete.connect(_partner_changed, sender=Partner, dispatch_uid="partners-partner-del")
    m2m_changed.connect(
        _partner_channels_changed, sender=Partner.channels.through, dispatch_uid="partners-partner-channels"
    )
    post_save.connect(_token_changed, sender=APIToken, dispatch_uid="partners-token")
    post_delete.connect(_token_changed, sender=APIToken, dispatch_uid="partners-token-del")
    post_save.connect(_token_changed, sender=PartnerToken, dispatch_uid="partners-ptoken")
