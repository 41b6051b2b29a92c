"""Demo moderation for `make run`: one sample exemplar waiting at each of the four approvals."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale

from cms.models import Unit
from exemplar_pages.demo import SAMPLE_EMAIL, SAMPLE_PHONE, WALKTHROUGH_UNIT_CODE
from exemplar_pages.models import ExemplarPage, UnitFolderPage

# (slug, title, how many approvals it has passed before waiting)
WAITING = [
    ("mau-cho-xac-nhan", "Cá nhân mẫu C – chờ lãnh đạo đơn vị xác nhận (dữ liệu mẫu)", 0),
    ("mau-cho-tham-dinh", "Cá nhân mẫu D – chờ thẩm định thành tích (dữ liệu mẫu)", 1),
    ("mau-cho-bien-tap", "Tập thể mẫu E – chờ Báo và Tạp chí biên tập (dữ liệu mẫu)", 2),
    ("mau-cho-phe-duyet", "Cá nhân mẫu F – chờ các kênh phê duyệt đăng tải (dữ liệu mẫu)", 4),
]


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _approve(page: ExemplarPage, username: str, **data) -> None:
    state = ExemplarPage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    state.task.specific.on_action(state, _user(username), "approve", **data)


@transaction.atomic
def load_demo_moderation() -> int:
    """Create the waiting exemplars that are missing; returns how many were created."""
    folder = UnitFolderPage.objects.get(unit__code=WALKTHROUGH_UNIT_CODE, locale=Locale.get_default())
    unit = Unit.objects.get(code=WALKTHROUGH_UNIT_CODE)
    editorial_channels = ["portal", "public", "newspaper", "journal"]
    created = 0
    for slug, title, passed in WAITING:
        if folder.get_children().filter(slug=slug).exists():
            continue
        page = folder.add_child(
            instance=ExemplarPage(
                title=title,
                slug=slug,
                kind="individual" if "Cá nhân" in title else "collective",
                position="Kiểm sát viên (dữ liệu mẫu)" if "Cá nhân" in title else "",
                unit=unit,
                lead="Hồ sơ mẫu để minh họa quy trình duyệt; không phải người hay tập thể có thật.",
                achievement_period="2024–2025",
                achievements=[("achievement", "Thành tích mẫu trong phong trào thi đua năm 2024–2025.")],
                # No award: the seed's two decisions went to one collective and four individuals,
                # who are Bình Thuận's samples and the decided rounds' nominees (emulation demo).
                awards=[],
                contact_phone=SAMPLE_PHONE,
                contact_email=SAMPLE_EMAIL,
                live=False,
            )
        )
        editor = _user("lamdong.bientap")
        page.save_revision(user=editor, log_action=True)
        page.get_workflow().start(page, editor)
        steps = [
            ("lamdong.lanhdao", {}),
            ("thidua", {"recognition_level": "typical", "channels": editorial_channels, "comment": ""}),
            ("baobvpl", {}),
            ("tapchi", {}),
        ]
        for username, data in steps[:passed]:
            _approve(page, username, **data)
        created += 1
    return created
