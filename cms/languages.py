"""The language each person is written to in."""

from __future__ import annotations

from django.conf import settings
from wagtail.users.models import UserProfile


def recipient_language(user) -> str:
    """The language of a user's e-mails: their Wagtail profile's choice, else LANGUAGE_CODE ("vi")."""
    # Not profile.get_preferred_language(): without a choice it answers the language active
    # at the time (the request being served, i.e. the actor's) before LANGUAGE_CODE.
    return UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE
