"""The units directory loads from the data file, twice without change, with the 2025 history."""

import datetime
import unicodedata

import pytest

from cms.models import CoordinatingRole, Unit, UnitLevel
from cms.services.units import LoadReport, load_units
from tests.fixtures.database import module_transaction

BEFORE = datetime.date(2025, 6, 30)
AFTER = datetime.date(2025, 7, 1)

# The loader's own tests start from a migrated database without units; the directory is loaded
# into it once for the module (each test's own `load_units()` is then a reload).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("first_load")]


@pytest.fixture(scope="module")
def first_load(empty_site, django_db_blocker):
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            report = load_units()
        yield report


def test_loading_twice_changes_nothing_the_second_time(first_load: LoadReport):
    first = first_load
    count = Unit.objects.count()
    second = load_units()
    assert first.changed and len(first.created) == count
    assert not second.changed
    assert Unit.objects.count() == count


def test_the_directory_has_63_provinces_before_and_34_after_the_merger():
    load_units()
    provincial = Unit.objects.filter(level=UnitLevel.PROVINCIAL)
    assert provincial.valid_on(BEFORE).count() == 63
    assert provincial.valid_on(AFTER).count() == 34


def test_binh_thuan_keeps_its_unit_and_the_directory_says_what_it_became():
    load_units()
    binh_thuan = Unit.objects.get(code="VKS-BINHTHUAN")
    assert binh_thuan.is_valid_on(datetime.date(2024, 6, 3))
    assert not binh_thuan.is_valid_on(AFTER)
    [successor] = binh_thuan.successors_on(AFTER)
    assert successor.code == "VKS-LAMDONG-2025"
    assert set(successor.predecessors.values_list("code", flat=True)) == {
        "VKS-LAMDONG",
        "VKS-DAKNONG",
        "VKS-BINHTHUAN",
    }


def test_high_level_procuracies_end_and_hand_over_to_the_appellate_institutes():
    load_units()
    assert not Unit.objects.filter(level=UnitLevel.HIGH_LEVEL).valid_on(AFTER).exists()
    [successor] = Unit.objects.get(code="CC2").successors_on(AFTER)
    assert successor.code == "VPT2"


def test_a_unit_is_found_by_its_former_code():
    load_units()
    Unit.objects.filter(code="V16").update(former_code="V16-OLD")
    assert Unit.objects.by_code("v16-old").code == "V16"
    assert Unit.objects.by_code("VKS-BINHTHUAN").province == "Bình Thuận"


def test_the_emulation_role_moves_from_vu_16_to_the_office_section_by_data():
    load_units()
    role = CoordinatingRole.objects.get(code="emulation_rewards")
    assert role.unit_on(datetime.date(2024, 7, 3)).code == "V16"
    assert role.unit_on(datetime.date(2025, 9, 10)).code == "VP-TDKT"
    assert role.unit_on(datetime.date(2025, 9, 10)).parent.code == "VP"


def test_every_coordinating_role_is_held_by_a_unit_today():
    load_units()
    for role in CoordinatingRole.objects.all():
        assert role.unit_on() is not None, role.code


def test_an_administrators_correction_survives_a_reload_unless_updating():
    load_units()
    Unit.objects.filter(code="VKS-BINHTHUAN").update(note="Đã kiểm tra: sáp nhập vào Lâm Đồng")
    load_units()
    assert Unit.objects.get(code="VKS-BINHTHUAN").note == "Đã kiểm tra: sáp nhập vào Lâm Đồng"
    report = load_units(update=True)
    assert report.updated == ["VKS-BINHTHUAN"]
    assert Unit.objects.get(code="VKS-BINHTHUAN").note == ""


def test_names_are_stored_in_nfc():
    load_units()
    for name in Unit.objects.values_list("name", flat=True):
        assert unicodedata.is_normalized("NFC", name)


def test_every_unit_has_an_official_english_name():
    load_units()
    assert not Unit.objects.filter(name_en="").exists()
    assert Unit.objects.get(code="VKSTC").name_en == "Supreme People's Procuracy"
    assert Unit.objects.get(code="VKS-BINHTHUAN").name_en == "People's Procuracy of Bình Thuận Province"


def test_loading_fills_blank_english_names_and_keeps_an_administrators():
    load_units()
    Unit.objects.filter(code="VKS-BINHTHUAN").update(name_en="", short_name_en="")
    Unit.objects.filter(code="VKSTC").update(name_en="The Supreme People's Procuracy of Viet Nam")
    report = load_units()
    assert report.updated == ["VKS-BINHTHUAN"]
    assert Unit.objects.get(code="VKS-BINHTHUAN").name_en == "People's Procuracy of Bình Thuận Province"
    assert Unit.objects.get(code="VKSTC").name_en == "The Supreme People's Procuracy of Viet Nam"


# The 27 units of the Supreme Procuracy from 1/7/2025 (Resolution 1745 of the National
# Assembly Standing Committee), as public reports of the resolution list them.
SUPREME_PROCURACY_2025 = {
    "UBKS", "VP", "V-CTAN", "V-CTTTXH", "V-CTKTTN", "V-CTMT", "V-CTTP", "V-CTXXHS", "VPT1", "VPT2", "VPT3",
    "CQDT", "V-KSGG", "V-KSDS", "V-KSHCKD", "V-KSTHADS", "V-KSKNTC", "VHTQT", "VPC", "V15", "CTK", "CTC",
    "TTRA", "DHKS-2025", "VKHKS", "BBVPL", "VKSQS-TW",
}  # fmt: skip


def test_the_supreme_procuracy_has_its_27_units_from_1_july_2025():
    load_units()
    assert len(SUPREME_PROCURACY_2025) == 27
    units = Unit.objects.filter(code__in=SUPREME_PROCURACY_2025).valid_on(AFTER)
    assert set(units.values_list("code", flat=True)) == SUPREME_PROCURACY_2025
    assert set(units.values_list("parent__code", flat=True)) == {"VKSTC"}
    assert Unit.objects.get(code="V-CTAN").source.startswith("Nghị quyết số 1745")
