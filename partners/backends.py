"""
Password authentication for people only.

A partner's service account exists to own the partner's API keys. It is created with an
unusable password, but should anyone give it one (the users admin, `changepassword`), it
must still never open a session in the admin or anywhere else a password is accepted.
"""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser

from .models import Partner


def is_service_account(user: AbstractBaseUser) -> bool:
    """Whether `user` is the service account of a partner (one query unless select_related)."""
    try:
        user.partner  # noqa: B018 (the reverse one-to-one raises when there is no partner)
    except Partner.DoesNotExist:
        return False
    return True


class NoServiceAccountModelBackend(ModelBackend):
    """Django's model backend, refusing the service accounts of API partners."""

    def user_can_authenticate(self, user: AbstractBaseUser) -> bool:
        return super().user_can_authenticate(user) and not is_service_account(user)

    def get_user(self, user_id):
        # Runs on every request of a session: fetch the partner link in the same query.
        User = get_user_model()
        try:
            user = User._default_manager.select_related("partner").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    # Django's async variants call user_can_authenticate from async code, where the
    # partner lookup may not query the database: run the sync versions in a thread.
    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        return await sync_to_async(self.authenticate)(request, username=username, password=password, **kwargs)

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)
