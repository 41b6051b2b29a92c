"""`make run` has one demo exemplar waiting at each of the four approval stages."""

import pytest

from exemplar_pages.models import ExemplarPage
from tests.helpers.demo import load_demo_command

# The demo template is the first run of load_demo; each test runs it a second time.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_the_demo_has_an_exemplar_waiting_at_each_approval_stage_and_loads_twice():
    load_demo_command()
    waiting = {
        page.slug: page.current_workflow_state.current_task_state.task.name
        for page in ExemplarPage.objects.filter(slug__startswith="mau-cho")
    }
    assert waiting == {
        "mau-cho-xac-nhan": "Xác nhận của thủ trưởng đơn vị",
        "mau-cho-tham-dinh": "Thẩm định thành tích",
        "mau-cho-bien-tap": "Biên tập (Báo, Tạp chí)",
        "mau-cho-phe-duyet": "Phê duyệt đăng tải theo kênh",
    }
