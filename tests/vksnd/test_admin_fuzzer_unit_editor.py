"""
Every admin form and listing a unit's editor reaches answers garbage with a clear answer,
never a 500 (the fuzzer: tests/helpers/fuzz.py).
"""

import pytest

from tests.helpers.fuzz import fuzz_admin


@pytest.mark.heavy
def test_no_admin_form_or_listing_answers_garbage_with_a_500_for_a_unit_editor(
    lam_dong_editor, one_page_of_each_type
):
    assert fuzz_admin(lam_dong_editor) == []
