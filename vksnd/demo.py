"""
Demo accounts and content for `make run` (never in production: DEMO_CONTENT_ALLOWED).
Composition only: each app builds its own demo content from the source documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from cms.models import CoordinatingRole, RoleCode, Unit
from emulation.demo import load_demo_emulation
from engagement.demo import load_demo_engagement
from exemplar_pages.demo import DEMO_UNIT_CODE, WALKTHROUGH_UNIT_CODE, load_demo_content
from translations.demo import load_demo_translations
from workflows.demo import load_demo_moderation

from .setup import setup_site


@dataclass(frozen=True)
class DemoAccount:
    """One demo login and what it stands for."""

    username: str
    full_name: str
    description: str
    role: str | None = None  # a RoleCode
    unit_group: str | None = None  # "editors" or "heads" of `unit_code`
    superuser: bool = False
    unit_code: str = WALKTHROUGH_UNIT_CODE


DEMO_ACCOUNTS = (
    DemoAccount("admin", "Quản trị hệ thống (mẫu)", "Quản trị viên toàn quyền", superuser=True),
    DemoAccount(
        "thidua",
        "Cán bộ Thi đua - Khen thưởng (mẫu)",
        "Thẩm định thành tích",
        role=RoleCode.EMULATION_REWARDS,
    ),
    DemoAccount(
        "tapchi", "Biên tập viên Tạp chí Kiểm sát (mẫu)", "Biên tập cho Tạp chí", role=RoleCode.JOURNAL
    ),
    DemoAccount("baobvpl", "Biên tập viên Báo BVPL (mẫu)", "Biên tập cho Báo", role=RoleCode.NEWSPAPER),
    DemoAccount("vanphong", "Cán bộ Văn phòng (mẫu)", "Phê duyệt đăng tải", role=RoleCode.OFFICE),
    # The walk-through: a unit that exists today.
    DemoAccount(
        "lamdong.bientap",
        "Biên tập viên VKSND tỉnh Lâm Đồng (mẫu)",
        "Đề xuất gương điển hình, tin hoạt động, kế hoạch",
        unit_group="editors",
    ),
    DemoAccount(
        "lamdong.lanhdao", "Lãnh đạo VKSND tỉnh Lâm Đồng (mẫu)", "Xác nhận đề xuất", unit_group="heads"
    ),
    # Bình Thuận ended on 30/6/2025 (merged into Lâm Đồng): its accounts show its history.
    DemoAccount(
        "binhthuan.bientap",
        "Biên tập viên VKSND tỉnh Bình Thuận (mẫu)",
        "Xem nội dung của đơn vị đã kết thúc",
        unit_group="editors",
        unit_code=DEMO_UNIT_CODE,
    ),
    DemoAccount(
        "binhthuan.lanhdao",
        "Lãnh đạo VKSND tỉnh Bình Thuận (mẫu)",
        "Xem nội dung của đơn vị đã kết thúc",
        unit_group="heads",
        unit_code=DEMO_UNIT_CODE,
    ),
)


def demo_password() -> str:
    return settings.DEMO_PASSWORD


def _group_for(account: DemoAccount) -> Group | None:
    if account.role:
        return CoordinatingRole.objects.get(code=account.role).group
    if account.unit_group:
        unit = Unit.objects.get(code=account.unit_code)
        return unit.editor_group if account.unit_group == "editors" else unit.head_group
    return None


@transaction.atomic
def ensure_demo_accounts() -> list[str]:
    """Create the demo accounts that do not exist yet; returns the usernames created."""
    if not settings.DEMO_CONTENT_ALLOWED:
        raise ImproperlyConfigured("Demo accounts are not allowed with these settings.")
    user_model = get_user_model()
    created = []
    for account in DEMO_ACCOUNTS:
        user, was_created = user_model.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.full_name,
                "email": f"{account.username}@demo.invalid",
                "is_staff": account.superuser,
                "is_superuser": account.superuser,
            },
        )
        if was_created:
            user.set_password(demo_password())
            user.save(update_fields=["password"])
            created.append(account.username)
        group = _group_for(account)
        if group is not None:
            user.groups.add(group)
    return created


@dataclass
class DemoReport:
    """What one run of `load_demo` created, line by line for the command's output."""

    accounts: list[str]
    content: str
    waiting: int
    english: int
    emulation: str = ""
    consultations: int = 0

    def lines(self) -> list[str]:
        return [
            f"Demo accounts created: {len(self.accounts)}.",
            self.content,
            self.emulation,
            f"Exemplars waiting at an approval stage created: {self.waiting}.",
            f"English editions created: {self.english}.",
            f"Public consultations created: {self.consultations}.",
        ]


def load_demo() -> DemoReport:
    """The site set up, the demo accounts, then each app's demo content (idempotent)."""
    if not settings.DEMO_CONTENT_ALLOWED:
        raise ImproperlyConfigured("Demo content is not allowed with these settings.")
    setup_site()
    accounts = ensure_demo_accounts()
    content = load_demo_content().summary()
    emulation = load_demo_emulation().summary()
    return DemoReport(
        accounts=accounts,
        content=content,
        emulation=emulation,
        waiting=load_demo_moderation(),
        english=load_demo_translations(),
        consultations=load_demo_engagement(),
    )
