"""No request leaves the server's origin from the admin or the API docs."""

import json
import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers.workflow import as_user, role_user

pytestmark = pytest.mark.django_db

# What a browser fetches by itself: scripts, images, frames, stylesheets, form targets.
EXTERNAL = re.compile(r"""(?:src=|action=|<link[^>]*href=)["'](?:https?:)?//(?!testserver)""")


@pytest.mark.parametrize("name", ["wagtailadmin_home", "wagtailadmin_account", "editor_guide"])
def test_admin_screens_load_nothing_from_another_origin(site_tree, name):
    html = as_user(role_user("office", "vanphong")).get(reverse(name)).content.decode()
    assert "gravatar" not in html.lower()
    assert "guide.wagtail.org" not in html and "wagtail.org/" not in html
    assert EXTERNAL.findall(html) == []


def test_a_superusers_dashboard_does_not_ask_wagtail_org_for_new_releases(site_tree, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "w-upgrade" not in html


def test_the_help_menu_leads_to_the_projects_own_vietnamese_guide(site_tree):
    client = as_user(role_user("office", "vanphong"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar's menu is JSON in the page: its addresses are escaped.
    for label in ("Hướng dẫn biên tập", "Có gì mới"):
        assert json.dumps(label)[1:-1] in html
    assert '"url": "/admin/huong-dan/"' in html and "guide.wagtail.org" not in html
    guide = client.get(reverse("editor_guide")).content.decode()
    assert "Phê duyệt đăng tải theo kênh" in guide and 'id="co-gi-moi"' in guide


def test_the_api_docs_do_not_call_the_swagger_validator(client):
    html = client.get("/api/content/v1/docs/").content.decode()
    assert '"validatorUrl": null' in html
