"""Admin logins lock after repeated failures — per username *and* address — and the Office unlocks them."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from cms.models import CoordinatingRole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
LOGIN = "/admin/login/"


def attempt(username: str, password: str, ip: str = "203.0.113.5", **headers) -> object:
    return Client(REMOTE_ADDR=ip, **headers).post(LOGIN, {"username": username, "password": password})


def fail(username: str, times: int, ip: str = "203.0.113.5", **headers) -> list[int]:
    return [attempt(username, "wrong-password", ip, **headers).status_code for _ in range(times)]


@pytest.fixture
def victim(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return UserFactory(username="nhanvien")


def test_repeated_failures_lock_that_username_at_that_address_with_a_vietnamese_message(victim):
    assert fail("nhanvien", 3) == [200, 200, 429]

    response = attempt("nhanvien", PASSWORD)

    assert response.status_code == 429
    assert "Tài khoản tạm khóa do đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in response.client.session


def test_an_attacker_elsewhere_cannot_lock_the_user_out_of_their_own_desk(victim):
    fail("nhanvien", 5, ip="198.51.100.66")

    response = attempt("nhanvien", PASSWORD, ip="203.0.113.5")

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_a_locked_address_still_lets_other_users_log_in(victim):
    UserFactory(username="dongnghiep")
    fail("nhanvien", 3)

    assert attempt("dongnghiep", PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw_not_one_the_client_forged(victim, settings):
    settings.CONTENT_API_TRUSTED_PROXIES = 1
    # The proxy appends the address it saw; whatever the client put before it is ignored.
    assert fail("nhanvien", 3, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.66") == [
        200,
        200,
        429,
    ]
    assert (
        attempt(
            "nhanvien", PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="7.7.7.7, 198.51.100.66"
        ).status_code
        == 429
    )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"

    # The same user through the same proxy from another client is not locked.
    assert attempt("nhanvien", PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302


def test_the_office_unlocks_a_locked_login_in_the_admin(victim, client, site_tree):
    fail("nhanvien", 3)
    office = UserFactory(groups=[CoordinatingRole.objects.get(code="office").group])
    client.force_login(office)
    lock = AccessAttempt.objects.get()

    listing = client.get(reverse("lockouts:index"))
    assert listing.status_code == 200
    assert "nhanvien" in listing.content.decode()
    assert client.post(reverse("lockouts:delete", args=[lock.pk])).status_code == 302

    assert attempt("nhanvien", PASSWORD).status_code == 302


def test_an_editor_can_neither_see_nor_lift_locks(victim, client, editor):
    fail("nhanvien", 3)
    lock = AccessAttempt.objects.get()
    client.force_login(editor)

    assert client.get(reverse("lockouts:index")).status_code in (302, 403)
    client.post(reverse("lockouts:delete", args=[lock.pk]))

    assert AccessAttempt.objects.filter(pk=lock.pk).exists()
