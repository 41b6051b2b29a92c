"""The demo has two approved English editions and one waiting for the Office."""

import pytest
from django.test import Client

from exemplar_pages.models import CampaignPage, ExemplarPage
from tests.helpers.demo import load_demo_command

# The demo template is the first run of load_demo; the test runs it a second time.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_the_demo_has_approved_english_editions_and_one_waiting():
    load_demo_command()  # idempotent
    english = ExemplarPage.objects.filter(locale__language_code="en")
    assert english.filter(live=True).count() == 1
    [waiting] = english.filter(live=False)
    assert waiting.workflow_in_progress
    assert CampaignPage.objects.filter(locale__language_code="en", live=True).count() == 1
    api = Client()
    items = api.get("/api/content/v1/exemplars/", {"locale": "en"}).json()["items"]
    assert [item["title"] for item in items] == ["Sample individual A (sample data)"]
