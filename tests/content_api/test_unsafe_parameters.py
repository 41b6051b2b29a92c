"""A control character (NUL above all) in any parameter is a 400 naming it, never a 500."""

from __future__ import annotations

import pytest

from tests.helpers.api import API

pytestmark = pytest.mark.django_db

# Every text parameter of every collection, and a parameter the endpoint does not know.
PARAMETERS = (
    [
        ("exemplars", name)
        for name in ("slug", "search", "unit", "channel", "tag", "award_form", "locale", "cursor", "unknown")
    ]
    + [("campaigns", name) for name in ("slug", "unit", "channel", "status")]
    + [("news", name) for name in ("slug", "unit", "channel", "tag")]
    + [("units", name) for name in ("code", "parent", "search", "level")]
    + [("changes", "since")]
)


def problem_param(response) -> str:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()["errors"][0]["param"]


@pytest.mark.parametrize(("collection", "name"), PARAMETERS)
def test_a_nul_byte_in_any_parameter_is_a_400_naming_it(api, collection, name):
    assert problem_param(api.get(f"{API}/{collection}/", {name: "binh\x00thuan"})) == name


@pytest.mark.parametrize("character", ["\x01", "\x1f", "\x7f"])
def test_every_other_control_character_is_refused_too(api, character):
    assert problem_param(api.get(f"{API}/exemplars/", {"search": f"thi{character}dua"})) == "search"


def test_a_control_character_in_a_parameter_name_is_refused_too(api):
    response = api.get(f"{API}/exemplars/", {"se\x00arch": "thi đua"})
    assert response.status_code == 400


def test_a_detail_endpoint_refuses_a_control_character_like_any_unknown_parameter(api):
    response = api.get(f"{API}/units/1/", {"q": "\x00"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["param"] == "q"
