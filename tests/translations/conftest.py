"""Fixtures of the English-edition tests: the English tree with its workflow, a translator."""

from __future__ import annotations

import pytest

from tests.content_api.conftest import api, make_campaign, make_exemplar, make_partner  # noqa: F401
from tests.unit_fixtures import role_user
from tests.workflows.conftest import people, workflows  # noqa: F401
from translations.services import setup_english_editions


@pytest.fixture
def english_tree(site_tree, workflows):  # noqa: F811 (the imported fixture)
    return setup_english_editions(site_tree.home)


@pytest.fixture
def translator(english_tree):
    return role_user("journal", "bientap-tieng-anh")
