"""
Signals of the published projection, for the apps above the content API.

The projection must not know who listens: partner sync (partners/) records its change feed
and sends webhooks from `document_changed`, the public site purges its pages. Receivers run
inside the transaction of the change, so what they write commits or rolls back with it.
"""

from django.dispatch import Signal

# Sent by content_api.projection when a published document is created, updated, unpublished or
# deleted, with keyword arguments `change` (a ChangeType value), `kind` ("exemplar", "campaign",
# "news"), `page_id`, `locale`, `before` / `after`: the ids of the channels the item was in,
# `urls`: its public addresses before and after (to purge), `unit_ids`: its units before and after,
# `refs`: the ids of the items it refers to (an exemplar's campaigns), before and after, and
# `previously_removed=True` for the deletion of an item that had already left the API (its
# channels are then unknown here: the feed takes them from the item's last event).
document_changed = Signal()
