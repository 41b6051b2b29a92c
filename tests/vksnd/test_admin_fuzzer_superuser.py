"""
Every admin form and listing a superuser reaches answers garbage with a clear answer, never
a 500 (the fuzzer: tests/helpers/fuzz.py). One module per role, so that the two walks run
in parallel workers.
"""

import pytest

from tests.factories import UserFactory
from tests.helpers.fuzz import fuzz_admin


@pytest.mark.heavy
def test_no_admin_form_or_listing_answers_garbage_with_a_500_for_a_superuser(
    site_tree, one_page_of_each_type
):
    superuser = UserFactory(username="fuzz-admin", is_superuser=True, is_staff=True)
    assert fuzz_admin(superuser) == []
