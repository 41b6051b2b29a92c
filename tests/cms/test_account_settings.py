"""The account page works for every demo user, whose names have no family name part."""

import re

import pytest
from django.urls import reverse

from tests.helpers.workflow import role_user

pytestmark = pytest.mark.django_db


def form_data(html: str) -> dict:
    """What the browser would post back unchanged: inputs, checked boxes, selected options."""
    data: dict = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or (kind and kind.group(1) in ("checkbox", "radio") and "checked" not in tag):
            continue
        if kind and kind.group(1) == "file":
            continue
        data[name.group(1)] = value.group(1) if value else ""
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = selected.group(1) if selected else ""
    data.pop("csrfmiddlewaretoken", None)
    return data


def test_a_user_with_one_name_saves_the_account_settings(client, site_tree):
    user = role_user("office", "vanphong")
    user.first_name = "Cán bộ Văn phòng (mẫu)"  # as load_demo names it: no family name
    user.save()
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    data = form_data(html)
    assert data.get("name_email-last_name", "") == ""
    data["name_email-first_name"] = "Nguyễn Thị Lan"
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert user.first_name == "Nguyễn Thị Lan" and user.last_name == ""


def test_the_time_zones_offered_are_ones_a_browser_knows(client, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", "quantri@example.invalid", "x")
    client.force_login(admin)
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'value="Asia/Ho_Chi_Minh"' in html
    for bogus in ("localtime", "posixrules", "Factory"):
        assert f'value="{bogus}"' not in html
