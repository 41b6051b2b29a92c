"""Signals of the workflows, for the layers above (the content API re-projects on them)."""

from django.dispatch import Signal

# A channel's decision changed for a live page (released or withheld): `page_id`.
# The first release publishes the page, which Wagtail's page_published already announces.
channel_release_changed = Signal()
