"""`make run` has one demo exemplar waiting at each of the four approval stages."""

import pytest
from django.core.management import call_command

from exemplar_pages.models import ExemplarPage

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_exemplar_waiting_at_each_approval_stage_and_loads_twice(tmp_path):
    for _ in range(2):
        with open(tmp_path / "out.txt", "w") as out:
            call_command("load_demo", stdout=out)
    waiting = {
        page.slug: page.current_workflow_state.current_task_state.task.name
        for page in ExemplarPage.objects.filter(slug__startswith="mau-cho")
    }
    assert waiting == {
        "mau-cho-xac-nhan": "Xác nhận của thủ trưởng đơn vị",
        "mau-cho-tham-dinh": "Thẩm định thành tích",
        "mau-cho-bien-tap": "Biên tập (Báo, Tạp chí)",
        "mau-cho-phe-duyet": "Phê duyệt đăng tải (Văn phòng)",
    }
