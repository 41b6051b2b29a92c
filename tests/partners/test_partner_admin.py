"""The Office keeps the API partners and their keys in the admin; nobody else reaches them."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.models import Channel
from partners.models import Partner, PartnerToken
from tests.factories import UserFactory
from tests.helpers.api import API, bearer
from tests.helpers.workflow import role_user

pytestmark = pytest.mark.django_db

PLAINTEXT_RE = re.compile(r"wagtail_[0-9A-Za-z]{30,}")


def keys_url(partner: Partner) -> str:
    return reverse("partners:keys", args=[partner.pk])


def revoke_url(partner_token: PartnerToken) -> str:
    return reverse("partners:revoke_key", args=[partner_token.partner_id, partner_token.pk])


def issue_key(client, partner: Partner, name: str = "Máy chủ cổng thông tin", valid_days="365"):
    """Issue a key through the admin; return the response and the plaintext it shows."""
    response = client.post(keys_url(partner), {"name": name, "valid_days": valid_days})
    found = PLAINTEXT_RE.findall(response.content.decode())
    return response, found[0] if found else None


def test_the_office_creates_a_partner_with_its_channels(office_client, vocabularies):
    portal, journal = Channel.objects.get(code="portal"), Channel.objects.get(code="journal")

    response = office_client.post(
        reverse("partners:add"),
        {
            "name": "Cổng thông tin điện tử VKSND tối cao",
            "contact_name": "Nguyễn Thị Lan",
            "contact_email": "lan@vksndtc.gov.vn",
            "channels": [portal.pk, journal.pk],
            "rate_limit": "300",
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    partner = Partner.objects.get(name="Cổng thông tin điện tử VKSND tối cao")
    assert set(partner.channels.values_list("code", flat=True)) == {"portal", "journal"}
    assert partner.rate_limit == 300
    assert not partner.service_account.has_usable_password()


def test_the_partner_form_offers_channels_as_checkboxes(office_client, vocabularies):
    html = office_client.get(reverse("partners:add")).content.decode()
    assert 'type="checkbox" name="channels"' in html
    for label in ("Tên đối tác", "Người liên hệ", "Thư điện tử liên hệ", "Giới hạn truy vấn mỗi phút"):
        assert label in html


def test_the_listing_counts_only_usable_keys_and_links_to_them(office_client, make_partner):
    partner, revoked, _plaintext = make_partner("Tạp chí Kiểm sát", channel_codes=("journal",))
    revoked.token.revoke()
    partner.issue_token(name="đã hết hạn", valid_for=timedelta(days=-1))
    partner.issue_token(name="còn hiệu lực")

    response = office_client.get(reverse("partners:index"))

    [row] = response.context["object_list"]
    assert row.usable_key_count == 1
    assert keys_url(partner) in response.content.decode()
    by_keys = office_client.get(reverse("partners:index"), {"ordering": "-usable_key_count"})
    assert by_keys.status_code == 200


def test_the_listing_is_searched_by_name(office_client, make_partner):
    make_partner("Tạp chí Kiểm sát", channel_codes=("journal",))
    make_partner("Báo Bảo vệ pháp luật", channel_codes=("newspaper",))

    response = office_client.get(reverse("partners:index"), {"q": "Kiểm sát"})

    assert [p.name for p in response.context["object_list"]] == ["Tạp chí Kiểm sát"]


def test_the_edit_page_leads_to_the_partners_keys(office_client, partner):
    html = office_client.get(reverse("partners:edit", args=[partner.pk])).content.decode()
    assert keys_url(partner) in html
    assert "Khóa API" in html


def test_the_office_issues_a_key_that_is_shown_once_and_then_works(
    office_client, api, partner, make_exemplar
):
    exemplar = make_exemplar("Trần Văn Bình", channel_codes=("newspaper",))

    response, plaintext = issue_key(office_client, partner, name="Máy chủ báo điện tử", valid_days="30")

    assert response.status_code == 200
    assert plaintext is not None
    html = response.content.decode()
    assert "không bao giờ hiển thị lại" in html
    assert f'curl -H "Authorization: Bearer {plaintext}" http://testserver{API}/exemplars/' in html
    assert "no-store" in response["Cache-Control"]
    issued = partner.tokens.select_related("token").get(token__name="Máy chủ báo điện tử")
    assert timedelta(days=29) < issued.expires_at - timezone.now() <= timedelta(days=30)

    listing = office_client.get(keys_url(partner)).content.decode()
    assert plaintext not in listing
    assert issued.token.prefix in listing

    answer = api.get(f"{API}/exemplars/", **bearer(plaintext))
    assert answer.status_code == 200
    assert [item["id"] for item in answer.json()["items"]] == [exemplar.pk]


def test_a_change_of_channels_applies_at_once_to_a_key_in_use(
    office_client, api, partner, make_exemplar, django_capture_on_commit_callbacks
):
    make_exemplar("Trần Văn Bình", channel_codes=("newspaper",))
    _response, plaintext = issue_key(office_client, partner)
    assert len(api.get(f"{API}/exemplars/", **bearer(plaintext)).json()["items"]) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("partners:edit", args=[partner.pk]),
            {
                "name": partner.name,
                "channels": [Channel.objects.get(code="journal").pk],
                "rate_limit": "600",
                "is_active": "on",
            },
        )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert api.get(f"{API}/exemplars/", **bearer(plaintext)).json()["items"] == []


def test_the_validity_defaults_to_the_setting(office_client, partner, settings):
    settings.CONTENT_API_TOKEN_VALID_DAYS = 90
    response = office_client.get(keys_url(partner))
    assert response.context["form"]["valid_days"].value() == 90


@pytest.mark.parametrize(
    ("valid_days", "message"),
    [
        ("0", "Thời hạn ít nhất là 1 ngày."),
        ("3651", "Thời hạn nhiều nhất là 3650 ngày."),
        ("một năm", "Thời hạn phải là một số nguyên (số ngày)."),
    ],
)
def test_a_validity_out_of_range_is_refused_in_vietnamese_and_issues_no_key(
    office_client, partner, valid_days, message
):
    before = PartnerToken.objects.count()

    response, plaintext = issue_key(office_client, partner, valid_days=valid_days)

    assert response.status_code == 200
    assert response.context["form"].errors["valid_days"] == [message]
    assert message in response.content.decode()
    assert plaintext is None
    assert PartnerToken.objects.count() == before


def test_a_revoked_key_is_refused_by_the_api_at_once(office_client, api, partner):
    _response, plaintext = issue_key(office_client, partner)
    # A first call puts the key's partner in the cache.
    assert api.get(f"{API}/exemplars/", **bearer(plaintext)).status_code == 200
    key = partner.tokens.select_related("token").get(token__name="Máy chủ cổng thông tin")

    confirm = office_client.get(revoke_url(key))
    assert confirm.status_code == 200
    assert "Có, thu hồi" in confirm.content.decode()
    assert api.get(f"{API}/exemplars/", **bearer(plaintext)).status_code == 200

    response = office_client.post(revoke_url(key))

    assert response.status_code == 302
    assert response["Location"] == keys_url(partner)
    key.token.refresh_from_db()
    assert key.token.revoked_at is not None
    assert api.get(f"{API}/exemplars/", **bearer(plaintext)).status_code == 401
    listing = office_client.get(keys_url(partner)).content.decode()
    assert "đã thu hồi" in listing
    assert revoke_url(key) not in listing


def test_revoking_a_key_leaves_the_partners_other_keys_working(office_client, api, make_partner):
    partner, first, first_plaintext = make_partner()
    _response, second_plaintext = issue_key(office_client, partner)

    office_client.post(revoke_url(first))

    assert api.get(f"{API}/exemplars/", **bearer(first_plaintext)).status_code == 401
    assert api.get(f"{API}/exemplars/", **bearer(second_plaintext)).status_code == 200


def test_keys_of_another_partner_cannot_be_revoked_through_this_one(office_client, make_partner):
    partner, _token, _plaintext = make_partner("Tạp chí Kiểm sát", channel_codes=("journal",))
    _other, other_token, _other_plaintext = make_partner("Báo Bảo vệ pháp luật")

    url = reverse("partners:revoke_key", args=[partner.pk, other_token.pk])
    response = office_client.post(url)

    assert response.status_code == 404
    other_token.token.refresh_from_db()
    assert other_token.token.revoked_at is None


def test_issuing_and_revoking_are_in_the_audit_log_without_the_key(office_client, office, partner):
    _response, plaintext = issue_key(office_client, partner, name="Máy chủ báo điện tử")
    key = partner.tokens.select_related("token").get(token__name="Máy chủ báo điện tử")
    office_client.post(revoke_url(key))

    entries = ModelLogEntry.objects.for_instance(partner).filter(action__startswith="content_api.")
    by_action = {entry.action: entry for entry in entries}
    assert set(by_action) == {"content_api.issue_key", "content_api.revoke_key"}
    for entry in by_action.values():
        assert entry.user == office
        assert entry.data["prefix"] == key.token.prefix
        assert entry.data["name"] == "Máy chủ báo điện tử"
        assert plaintext not in json.dumps(entry.data)
    history = office_client.get(reverse("partners:history", args=[partner.pk])).content.decode()
    assert "Đã cấp khóa API “Máy chủ báo điện tử”" in history
    assert "Đã thu hồi khóa API “Máy chủ báo điện tử”" in history
    assert plaintext not in history


def test_a_superuser_may_issue_keys(client, partner):
    client.force_login(UserFactory(username="root", is_superuser=True))
    _response, plaintext = issue_key(client, partner)
    assert plaintext is not None


def test_the_office_sees_the_partners_in_the_menu(office_client):
    html = office_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("partners:index") in html
    # The sidebar is rendered from JSON, non-ASCII characters escaped.
    assert json.dumps("Đối tác API") in html


@pytest.fixture(params=["unit_editor", "emulation_rewards", "journal"])
def outsider(request, editor):
    """Someone with admin access but no business with partners."""
    if request.param == "unit_editor":
        return editor
    return role_user(request.param, request.param)


def test_others_do_not_see_the_partners_in_the_menu(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert reverse("partners:index") not in response.content.decode()


def denied(response) -> bool:
    """Wagtail answers a forbidden admin page with a redirect to the dashboard (403 for XHR)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def test_others_cannot_reach_the_partner_views(client, outsider, make_partner):
    partner, partner_token, _plaintext = make_partner()
    client.force_login(outsider)

    for url in (
        reverse("partners:index"),
        reverse("partners:add"),
        reverse("partners:edit", args=[partner.pk]),
        reverse("partners:delete", args=[partner.pk]),
        keys_url(partner),
        revoke_url(partner_token),
    ):
        assert denied(client.get(url)), url


def test_others_can_neither_issue_nor_revoke_keys(client, outsider, make_partner):
    partner, partner_token, _plaintext = make_partner()
    client.force_login(outsider)

    issued = client.post(keys_url(partner), {"name": "lén", "valid_days": "30"})
    revoked = client.post(revoke_url(partner_token))
    xhr = client.post(revoke_url(partner_token), headers={"x-requested-with": "XMLHttpRequest"})

    assert denied(issued) and denied(revoked)
    assert xhr.status_code == 403
    assert PLAINTEXT_RE.search(issued.content.decode()) is None
    assert partner.tokens.count() == 1
    partner_token.token.refresh_from_db()
    assert partner_token.token.revoked_at is None
    assert not ModelLogEntry.objects.filter(action__startswith="content_api.").exists()


def test_a_user_who_may_only_view_partners_cannot_manage_keys(client, site_tree, make_partner):
    partner, partner_token, _plaintext = make_partner()
    viewer = role_user("journal", "viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_partner"))
    client.force_login(viewer)

    assert denied(client.get(keys_url(partner)))
    assert denied(client.post(revoke_url(partner_token)))
