"""
Lịch công tác tuần: a unit's weekly work schedule, one page per unit and ISO week in the
unit's folder (seed 004: VKSND tỉnh Bình Thuận, 08–14/7/2024).

It is the unit's own information, not a coordinated publication: the unit's editors draft
it, the unit's head publishes it through a workflow of its own (setup_site creates it under
`SCHEDULE_WORKFLOW`, with the unit-head task of workflows/), and nobody outside the unit may
edit it, whatever page permission a coordinating role holds on the tree.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.fields import StreamField
from wagtail.models import PagePermissionTester, Workflow

from ..closure import ClosedFolderContentMixin, closed_unit_above
from ..schedules import ScheduleBlock, format_day, iso_week_label, monday_of, shifted_days
from .base import BasePage
from .indexes import UnitFolderPage

# The workflow's name as setup_site stores it (workflows/names.py marks it for the catalogue).
SCHEDULE_WORKFLOW = gettext_noop("Quy trình duyệt lịch công tác của đơn vị")


def is_unit_member(user, unit) -> bool:
    """Whether the user belongs to the unit's editor or head group."""
    if user is None or unit is None:
        return False
    groups = [pk for pk in (unit.editor_group_id, unit.head_group_id) if pk]
    return bool(groups) and user.groups.filter(pk__in=groups).exists()


def schedule_title(monday: datetime.date) -> str:
    sunday = monday + datetime.timedelta(days=6)
    week = monday.isocalendar()[1]
    return f"Lịch công tác tuần {week}/{monday.isocalendar()[0]} ({monday:%d/%m} – {sunday:%d/%m/%Y})"


def schedule_slug(monday: datetime.date) -> str:
    return f"lich-cong-tac-{iso_week_label(monday).lower()}"


def _empty_week(monday: datetime.date) -> list[tuple[str, dict]]:
    """Seven days with their dates, the weekend with its duty roster: the printed form."""
    block = ScheduleBlock().child_blocks["day"]
    return [
        (
            "day",
            block.to_python(
                {
                    "date": (monday + datetime.timedelta(days=offset)).isoformat(),
                    "slots": [],
                    "duty": offset >= 5,
                    "duty_roster": [],
                    "note": "",
                }
            ),
        )
        for offset in range(7)
    ]


class WeeklyScheduleForm(WagtailAdminPageForm):
    """
    The unit is the folder's; the title and address follow the week. A new schedule starts
    as a copy of the unit's latest one, moved to the week after it (or as an empty week).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        folder = self.parent_page.specific if self.parent_page else None
        if self.instance.pk is None and isinstance(folder, UnitFolderPage):
            self.instance.unit = folder.unit
            if not self.is_bound:
                self._start_from_last_week(folder)

    def _start_from_last_week(self, folder: UnitFolderPage) -> None:
        latest = (
            WeeklySchedulePage.objects.child_of(folder)
            .filter(unit=folder.unit)
            .order_by("-week_start")
            .first()
        )
        if latest is not None:
            draft = latest.get_latest_revision_as_object()
            monday = draft.week_start + datetime.timedelta(days=7)
            days = shifted_days(draft.days, datetime.timedelta(days=(monday - draft.week_start).days))
        else:
            monday = monday_of(timezone.localdate())
            days = _empty_week(monday)
        self.instance.week_start = monday
        self.instance.days = days
        self.initial["week_start"] = monday
        self.initial["days"] = self.instance.days

    def clean(self):
        cleaned = super().clean()
        page = self.instance
        user = getattr(self, "for_user", None)
        if user is not None and not user.is_superuser and not is_unit_member(user, page.unit):
            raise ValidationError(
                _("Chỉ biên tập viên và lãnh đạo của đơn vị được soạn lịch công tác của đơn vị.")
            )
        week = cleaned.get("week_start")
        if week is None:
            return cleaned
        monday = monday_of(week)
        cleaned["week_start"] = monday
        self._check_days(cleaned.get("days"), monday)
        others = WeeklySchedulePage.objects.filter(unit_id=page.unit_id, week_start=monday)
        if self.parent_page is not None:
            others = others.filter(locale_id=self.parent_page.locale_id)
        if others.exclude(pk=page.pk).exists():
            self.add_error(
                "week_start",
                _("Đơn vị đã có lịch công tác của tuần %(week)s; hãy sửa lịch đó.")
                % {"week": schedule_title(monday)},
            )
        page.title = schedule_title(monday)
        page.slug = schedule_slug(monday)
        cleaned["title"] = page.title
        cleaned["slug"] = page.slug
        return cleaned

    def _check_days(self, days, monday: datetime.date) -> None:
        """Each day inside the week, and once only."""
        if not days:
            return
        sunday = monday + datetime.timedelta(days=6)
        errors, seen = {}, set()
        for index, block in enumerate(days):
            day = block.value.get("date")
            if day is None:
                continue
            if not monday <= day <= sunday:
                message = _("Ngày %(day)s không thuộc tuần từ %(start)s đến %(end)s.") % {
                    "day": f"{day:%d/%m/%Y}",
                    "start": f"{monday:%d/%m/%Y}",
                    "end": f"{sunday:%d/%m/%Y}",
                }
            elif day in seen:
                message = _("Ngày %(day)s đã có trong lịch; gộp các khung giờ vào một ngày.") % {
                    "day": format_day(day)
                }
            else:
                seen.add(day)
                continue
            errors[index] = StructBlockValidationError(block_errors={"date": ValidationError(message)})
        if errors:
            self.add_error("days", StreamBlockValidationError(block_errors=errors))


class UnitOnlyPermissionTester(PagePermissionTester):
    """
    Wagtail's tester, narrowed to the unit: outside its editor and head groups nobody edits,
    deletes, moves, copies or locks a schedule (the Office's publish grant on the whole tree
    included); and nobody publishes it but through the unit head's approval in the workflow.
    An ended unit's schedules are its archive: nothing new is submitted there.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.is_member = user.is_superuser or is_unit_member(user, getattr(page, "unit", None))
        self.closed = closed_unit_above(page) is not None

    def can_edit(self):
        return self.is_member and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.is_member and super().can_delete(ignore_bulk)

    def can_move(self):
        return self.user.is_superuser

    def can_copy(self):
        return False

    def can_copy_to(self, destination, recursive=False):
        return False

    def can_lock(self):
        return self.is_member and super().can_lock()

    def can_unlock(self):
        return self.is_member and super().can_unlock()

    def can_publish(self):
        return self.user.is_superuser and super().can_publish()

    def can_unpublish(self):
        return self.user.is_superuser and super().can_unpublish()

    def can_add_subpage(self):
        return False

    def can_submit_for_moderation(self):
        return self.is_member and not self.closed and super().can_submit_for_moderation()


class WeeklySchedulePage(ClosedFolderContentMixin, BasePage):
    """Lịch công tác tuần of a unit."""

    units_dated_by = {"unit": "week_start"}

    unit = models.ForeignKey(
        "cms.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("Đơn vị sở hữu thư mục chứa lịch."),
    )
    week_start = models.DateField(
        _("tuần"),
        db_index=True,
        help_text=_("Chọn một ngày bất kỳ trong tuần; lịch bắt đầu từ thứ 2 của tuần đó."),
    )
    days = StreamField(
        ScheduleBlock(),
        verbose_name=_("các ngày trong tuần"),
        blank=True,
        help_text=_("Mỗi ngày: các khung giờ (07h30, 08h00…), mỗi khung giờ một hoặc nhiều công việc."),
    )
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"),
        default=False,
        editable=False,
        help_text=_("Lịch do dữ liệu trình diễn tạo ra, không phải lịch thật của đơn vị."),
    )

    base_form_class = WeeklyScheduleForm
    # Published when the unit head approves it in its workflow (workflows/finish.py), never
    # by a publish permission: nobody holds one for it.
    published_by_its_workflow = True
    parent_page_types = ["exemplar_pages.UnitFolderPage"]
    subpage_types: list[str] = []
    content_panels = [
        HelpPanel(
            content=_(
                "Soạn lịch như bản in: mỗi ngày, các khung giờ và công việc; thứ 7, chủ nhật ghi "
                "phân công trực nghiệp vụ. Lịch mới được sao chép từ lịch tuần gần nhất để sửa tiếp. "
                "Lãnh đạo đơn vị duyệt để đăng; sửa sau khi đăng sẽ hiện “cập nhật” kèm thời điểm."
            )
        ),
        FieldPanel("week_start"),
        FieldPanel("days"),
    ]
    promote_panels: list = []
    settings_panels: list = []

    class Meta:
        verbose_name = _("lịch công tác tuần")
        verbose_name_plural = _("lịch công tác tuần")
        indexes = [models.Index(fields=["unit", "week_start"], name="schedule_unit_week")]

    @property
    def week_end(self) -> datetime.date:
        return self.week_start + datetime.timedelta(days=6)

    @property
    def iso_week(self) -> str:
        return iso_week_label(self.week_start)

    @property
    def updated_after_publication(self) -> datetime.datetime | None:
        """When the schedule was last changed after it was first published, if it was."""
        first, last = self.first_published_at, self.last_published_at
        if first and last and (last - first).total_seconds() > 60:
            return last
        return None

    def get_workflow(self):
        """Its own workflow (the unit head's approval), not the exemplar folder's."""
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        return Workflow.objects.filter(name=SCHEDULE_WORKFLOW, active=True).first()

    def permissions_for_user(self, user):
        return UnitOnlyPermissionTester(user, self)

    def full_clean(self, *args, **kwargs) -> None:
        if self.week_start:
            self.week_start = monday_of(self.week_start)
            self.title = self.title or schedule_title(self.week_start)
            self.slug = self.slug or schedule_slug(self.week_start)
        super().full_clean(*args, **kwargs)
