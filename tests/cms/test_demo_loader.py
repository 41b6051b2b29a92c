"""`load_demo` on an empty database, twice; never under production settings."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse

from cms.models import Unit
from cms.services.demo import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db


def load_demo():
    with open("/dev/null", "w") as devnull:
        call_command("load_demo", stdout=devnull)


def test_load_demo_runs_twice_on_an_empty_database():
    load_demo()
    users = list(get_user_model().objects.order_by("username").values_list("username", "password"))
    load_demo()
    assert list(get_user_model().objects.order_by("username").values_list("username", "password")) == users
    assert {u for u, _ in users} == {a.username for a in DEMO_ACCOUNTS}


@override_settings(DEMO_CONTENT_ALLOWED=False)
def test_load_demo_is_refused_under_production_settings():
    with pytest.raises(CommandError):
        load_demo()
    assert not get_user_model().objects.exists()


def test_every_demo_account_logs_into_the_vietnamese_admin(settings):
    load_demo()
    for account in DEMO_ACCOUNTS:
        client = Client()
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": account.username, "password": settings.DEMO_PASSWORD},
            follow=True,
        )
        assert response.wsgi_request.user.username == account.username
        assert response.status_code == 200
        assert "Trang tổng quan" in response.content.decode()


def test_the_binh_thuan_editor_is_in_the_units_editor_group():
    load_demo()
    editor = get_user_model().objects.get(username="binhthuan.bientap")
    assert editor.groups.filter(pk=Unit.objects.get(code="VKS-BINHTHUAN").editor_group_id).exists()
    assert not editor.is_superuser
