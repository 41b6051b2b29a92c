"""Signals of the public's voice, for the layers above (the public site purges its CDN)."""

from django.dispatch import Signal

# Sent after commit when what a page shows of its comments changed; kwargs: page_ids (list[int]).
comments_changed = Signal()
