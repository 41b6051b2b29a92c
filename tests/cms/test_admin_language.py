"""The admin speaks Vietnamese from the first screen."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_admin_login_page_renders_in_vietnamese(client):
    response = client.get(reverse("wagtailadmin_login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="vi"' in html
    assert "Đăng nhập hệ thống quản trị" in html
    assert "Quên mật khẩu?" in html
    assert "Sign in" not in html


@pytest.mark.django_db
def test_wrong_password_is_explained_in_vietnamese(client):
    response = client.post(reverse("wagtailadmin_login"), {"username": "nobody", "password": "wrong"})
    assert "hoặc mật khẩu. Vui lòng thử lại." in response.content.decode()
