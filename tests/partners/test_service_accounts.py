"""A partner's service account owns API keys and can never sign in with a password."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import aauthenticate, authenticate
from django.urls import reverse

from tests.helpers.api import API, bearer
from tests.helpers.workflow import role_user

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-rat-dai-2026"


@pytest.fixture
def service_account(make_partner):
    """A partner's service account to which someone has given a password."""
    partner, _token, _plaintext = make_partner()
    user = partner.service_account
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_new_service_account_has_no_usable_password(make_partner):
    partner, _token, _plaintext = make_partner()
    assert not partner.service_account.has_usable_password()


def test_a_service_account_with_a_password_cannot_log_into_the_admin(client, service_account):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": service_account.username, "password": PASSWORD}
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_even_a_superuser_service_account_cannot_log_in(client, service_account):
    service_account.is_superuser = service_account.is_staff = True
    service_account.save()

    client.post(reverse("wagtailadmin_login"), {"username": service_account.username, "password": PASSWORD})

    assert "_auth_user_id" not in client.session


def test_password_authentication_refuses_a_service_account(service_account, rf):
    # Every login of the site authenticates a request (django-axes counts it per address).
    request = rf.post("/admin/login/", REMOTE_ADDR="203.0.113.5")
    credentials = {"username": service_account.username, "password": PASSWORD}
    assert authenticate(request, **credentials) is None
    assert async_to_sync(aauthenticate)(request, **credentials) is None


def test_a_session_opened_for_a_service_account_is_not_honoured(client, service_account):
    service_account.is_superuser = True
    service_account.save()
    client.force_login(service_account)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_people_still_log_in_with_their_password(client, site_tree):
    office = role_user("office", "office")

    response = client.post(
        reverse("wagtailadmin_login"), {"username": "office", "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(office.pk)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_service_accounts_key_still_reads_the_api(api, make_partner):
    _partner, _token, plaintext = make_partner()
    assert api.get(f"{API}/exemplars/", **bearer(plaintext)).status_code == 200
