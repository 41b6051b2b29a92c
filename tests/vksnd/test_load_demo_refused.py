"""`load_demo` never runs under production settings."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.test import override_settings

from tests.helpers.demo import load_demo_command

pytestmark = pytest.mark.django_db


@override_settings(DEMO_CONTENT_ALLOWED=False)
def test_load_demo_is_refused_under_production_settings():
    with pytest.raises(CommandError):
        load_demo_command()
    assert not get_user_model().objects.exists()
