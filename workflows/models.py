"""
Task types of the coordination workflow (regulation of 31/3/2021). Behaviour that is not a
Task or TaskState method lives in sibling modules: `approvers.py` (who may act),
`forms.py` (action forms) and `setup.py` (the workflows themselves).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState, WorkflowState

from . import approvers
from .forms import ReleaseForm, VerificationForm, WithholdForm


class ReviewerTaskMixin(models.Model):
    """Common behaviour of tasks whose reviewers are computed by `reviewers_for(obj)`."""

    target_working_days = models.PositiveSmallIntegerField(
        _("thời hạn (ngày làm việc)"),
        default=5,
        help_text=_("Số ngày làm việc để hoàn thành bước này; quá hạn sẽ được nhắc hằng ngày."),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def reviewers_for(self, obj):  # pragma: no cover - overridden
        raise NotImplementedError

    def can_review(self, obj, user) -> bool:
        return user.is_superuser or approvers.in_any_group(user, self.reviewers_for(obj))

    def user_can_access_editor(self, obj, user):
        return self.can_review(obj, user)

    def locked_for_user(self, obj, user):
        # Nobody but the reviewers of the current stage edits a page in moderation.
        return not self.can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self.can_review(obj, user)

    def get_actions(self, obj, user):
        if not self.can_review(obj, user):
            return []
        return [
            ("reject", _("Yêu cầu chỉnh sửa"), True),
            ("approve", self.approve_label, False),
            ("approve", _("%(label)s kèm ý kiến") % {"label": self.approve_label}, True),
        ]

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        # Resubmitted after this stage asked for changes: the workflow resumes here, and the
        # earlier stages' approvals (of the earlier revision) still count; see approvers.
        approvers.carry_earlier_approvals(task_state)
        return task_state

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        return states.filter(
            pk__in=[
                s.pk
                for s in states.select_related("workflow_state")
                if self.can_review(s.workflow_state.content_object, user)
            ]
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # The action view already hides actions; this guards direct calls and races.
        if not self.can_review(task_state.workflow_state.content_object, user):
            raise PermissionDenied
        locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
        if locked.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)


class UnitHeadConfirmationTask(ReviewerTaskMixin, Task):
    """
    Xác nhận của thủ trưởng đơn vị: the head group of the page's own unit confirms that the
    proposal speaks for the unit. One task serves every unit.
    """

    approve_label = _("Xác nhận")
    admin_form_fields = [*Task.admin_form_fields, "target_working_days"]

    class Meta:
        verbose_name = _("bước xác nhận của thủ trưởng đơn vị")
        verbose_name_plural = _("bước xác nhận của thủ trưởng đơn vị")

    def reviewers_for(self, obj):
        return approvers.unit_head_groups(obj)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # The dashboard asks this on every visit: select by unit in SQL, not page by page.
        states = TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        return states.filter(workflow_state__object_id__in=approvers.page_ids_headed_by(user))

    @classmethod
    def get_description(cls):
        return _("Lãnh đạo của chính đơn vị đề xuất xác nhận trang.")


class RoleApprovalTask(ReviewerTaskMixin, Task):
    """An approval by a coordinating role (its group at the time), never by a unit name."""

    role = models.ForeignKey(
        "cms.CoordinatingRole",
        verbose_name=_("vai trò phối hợp"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Vai trò thực hiện bước duyệt này."),
    )

    admin_form_fields = [*Task.admin_form_fields, "role", "target_working_days"]
    approve_label = _("Phê duyệt")

    class Meta:
        verbose_name = _("bước phê duyệt của vai trò phối hợp")
        verbose_name_plural = _("bước phê duyệt của vai trò phối hợp")

    def reviewers_for(self, obj):
        return [self.role.group] if self.role.group_id else []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # One group reviews every page at this stage: no need to look at each page.
        states = TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser or approvers.in_any_group(user, self.reviewers_for(None)):
            return states
        return TaskState.objects.none()

    @classmethod
    def get_description(cls):
        return _("Nhóm của vai trò phối hợp được chọn phê duyệt bước này.")


class AchievementVerificationTask(RoleApprovalTask):
    """
    Thẩm định thành tích (emulation & rewards): approving records the recognition level
    and the proposed channels, and is refused while an award lacks its decision.
    """

    approve_label = _("Thẩm định đạt")

    class Meta:
        verbose_name = _("bước thẩm định thành tích")
        verbose_name_plural = _("bước thẩm định thành tích")

    def get_actions(self, obj, user):
        if not self.can_review(obj, user):
            return []
        actions = [("reject", _("Yêu cầu chỉnh sửa"), True)]
        if approvers.awards_documented(obj):
            actions.append(("approve", self.approve_label, True))
        return actions

    def get_form_for_action(self, action):
        return VerificationForm if action == "approve" else super().get_form_for_action(action)

    def get_template_for_action(self, action):
        # Opens on the proposer's channels and the current level.
        return "workflows/verification_action_modal.html" if action == "approve" else ""

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        page = task_state.workflow_state.content_object
        if not self.can_review(page, user):
            raise PermissionDenied
        locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
        if locked.status != TaskState.STATUS_IN_PROGRESS or not approvers.awards_documented(page):
            raise PermissionDenied
        # Edited since this stage began? Then, as WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT
        # wants, the earlier stages approve the new content again.
        unedited = type(page.specific).objects.get(pk=page.pk).latest_revision_id == task_state.revision_id
        revision = approvers.record_verification(
            page, user, kwargs.get("recognition_level"), kwargs.get("channels") or []
        )
        task_state.approve(user=user, update=False, comment=kwargs.get("comment", ""))
        # Otherwise the verified revision carries the earlier approvals forward: the unit
        # head is not asked again for the verifier's own findings. The workflow state is
        # read afresh, as its cached page still points at the previous revision.
        workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        if unedited:
            approvers.carry_approvals(workflow_state, revision)
        else:
            TaskState.objects.filter(pk=task_state.pk).update(revision=revision)
        workflow_state.update(user=user)


class EditorialTask(ReviewerTaskMixin, Task):
    """
    Biên tập (the journal and the newspaper), in parallel: every editorial role whose
    channel was chosen must approve, in any order; any of them may request changes. Stock
    Wagtail tasks are sequential and single-group; this fills the gap. With no editorial
    channel chosen the task completes itself.
    """

    approve_label = _("Biên tập đạt")
    admin_form_fields = [*Task.admin_form_fields, "target_working_days"]
    task_state_class = None  # set below: EditorialTaskState, defined after this class

    class Meta:
        verbose_name = _("bước biên tập (song song)")
        verbose_name_plural = _("bước biên tập (song song)")

    def reviewers_for(self, obj):
        return [role.group for role in approvers.editorial_roles(obj) if role.group_id]

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        if not approvers.editorial_roles(workflow_state.content_object):
            task_state.status = TaskState.STATUS_SKIPPED
            task_state.save(update_fields=["status"])
        return task_state

    def get_actions(self, obj, user):
        if not approvers.pending_editorial_roles(obj, user):
            return []
        # Approving opens the dialog that shows who has and has not signed off yet.
        return [
            ("reject", _("Yêu cầu chỉnh sửa"), True),
            ("approve", self.approve_label, True),
        ]

    def get_template_for_action(self, action):
        return "workflows/editorial_action_modal.html"

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        page = task_state.workflow_state.content_object
        locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
        pending = approvers.pending_editorial_roles(page, user, task_state=locked)
        if locked.status != TaskState.STATUS_IN_PROGRESS or not (pending or user.is_superuser):
            raise PermissionDenied
        comment = kwargs.get("comment", "")
        if action_name == "reject":
            # on_action returns nothing: Wagtail's action view treats a return value as a
            # response to send back.
            task_state.reject(user=user, comment=comment)
            return
        for role in pending:
            EditorialSignOff.objects.create(task_state=locked, role=role, user=user, comment=comment)
        if not approvers.pending_editorial_roles(page, None, task_state=locked):
            task_state.approve(user=user, comment=comment)

    def pending_roles_for_reminders(self, obj, task_state):
        """Groups of the editorial roles that have not signed off yet."""
        return [role.group for role in approvers.pending_editorial_roles(obj, None, task_state=task_state)]

    @classmethod
    def get_description(cls):
        return _("Mỗi cơ quan báo chí có kênh được chọn đều phải biên tập và đồng ý.")


class EditorialTaskState(TaskState):
    """The state of a parallel editorial task, which knows its sign-offs."""

    class Meta:
        verbose_name = _("trạng thái bước biên tập")
        verbose_name_plural = _("trạng thái bước biên tập")

    @property
    def sign_off_status(self) -> list[tuple[object, object]]:
        """(editorial role, its sign-off or None) for every role this task waits for."""
        signed = {s.role_id: s for s in self.editorial_sign_offs.select_related("user")}
        page = self.workflow_state.content_object
        return [(role, signed.get(role.pk)) for role in approvers.editorial_roles(page)]


EditorialTask.task_state_class = EditorialTaskState


class EditorialSignOff(models.Model):
    """One editorial role's approval inside a parallel editorial task."""

    task_state = models.ForeignKey(TaskState, on_delete=models.CASCADE, related_name="editorial_sign_offs")
    role = models.ForeignKey("cms.CoordinatingRole", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("ý kiến biên tập")
        verbose_name_plural = _("ý kiến biên tập")
        constraints = [models.UniqueConstraint(fields=["task_state", "role"], name="one_sign_off_per_role")]

    def __str__(self) -> str:
        return f"{self.role} – {self.user}"


class ChannelReleaseTask(ReviewerTaskMixin, Task):
    """
    Phê duyệt đăng tải theo kênh (regulation of 31/3/2021: each unit within its function):
    each chosen channel is released by its own publisher (`Channel.publisher_role`, or the
    proposing unit's head), in any order, or withheld with a reason. The page goes live with
    the first release and reaches each channel once that channel is released; the stage
    completes when every channel is decided. With no channel chosen, the Office publishes.
    """

    approve_label = _("Đăng tải lên kênh")
    admin_form_fields = [*Task.admin_form_fields, "target_working_days"]
    task_state_class = None  # set below: ChannelReleaseTaskState

    class Meta:
        verbose_name = _("bước đăng tải theo kênh")
        verbose_name_plural = _("bước đăng tải theo kênh")

    def reviewers_for(self, obj):
        return releases.publisher_groups(obj)

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        releases.open_releases(task_state)
        return task_state

    def _office_decides(self, obj, user) -> bool:
        """No channel chosen: the Office publishes the page itself (on no channel)."""
        return not approvers.chosen_channels(obj) and self.can_review(obj, user)

    def get_actions(self, obj, user):
        if self._office_decides(obj, user):
            return [("reject", _("Yêu cầu chỉnh sửa"), True), ("approve", _("Phê duyệt"), False)]
        if not releases.pending_releases(obj, user):
            return []
        return [
            ("reject", _("Yêu cầu chỉnh sửa"), True),
            ("approve", self.approve_label, True),
            ("withhold", _("Tạm giữ kênh"), True),
        ]

    def get_form_for_action(self, action):
        if action == "approve":
            return ReleaseForm
        if action == "withhold":
            return WithholdForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        return "workflows/release_action_modal.html" if action in ("approve", "withhold") else ""

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        page = task_state.workflow_state.content_object
        # Two publishers acting at once: the second waits here and sees the first's result.
        locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
        if locked.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied
        comment = kwargs.get("comment", "")
        if self._office_decides(page, user) and action_name in ("approve", "reject"):
            getattr(task_state, action_name)(user=user, comment=comment)
            return
        pending = releases.pending_releases(page, user, task_state=locked)
        if not pending:
            raise PermissionDenied
        if action_name == "reject":
            task_state.reject(user=user, comment=comment)
            return
        chosen = set(kwargs.get("channels") or [])
        targets = [release for release in pending if not chosen or release.channel.code in chosen]
        if not targets:
            raise PermissionDenied
        if action_name == "withhold":
            releases.withhold(targets, user, kwargs.get("reason", ""))
        elif action_name == "approve":
            releases.release(locked, targets, user, comment)
        else:
            raise PermissionDenied
        if not releases.pending_releases(page, None, task_state=locked):
            if releases.any_released(locked):
                task_state.approve(user=user, comment=comment)
            else:  # every channel withheld: nothing goes live, the proposer is told why
                task_state.reject(user=user, comment=releases.withheld_summary(locked))

    def pending_roles_for_reminders(self, obj, task_state):
        """Groups of the publishers whose channels are still undecided."""
        return releases.publisher_groups(obj, task_state=task_state, pending_only=True)

    @classmethod
    def get_description(cls):
        return _("Mỗi kênh được chọn do đơn vị quản lý kênh đó quyết định đăng tải, theo thứ tự bất kỳ.")


class ChannelReleaseTaskState(TaskState):
    """The state of a release stage, which knows each channel's decision."""

    class Meta:
        verbose_name = _("trạng thái bước đăng tải theo kênh")
        verbose_name_plural = _("trạng thái bước đăng tải theo kênh")

    @property
    def release_status(self) -> list[tuple[object, str]]:
        """(channel release, what became of it) for every channel of this stage."""
        return [(row, releases.describe(row)) for row in releases.releases_of(self)]


ChannelReleaseTask.task_state_class = ChannelReleaseTaskState


class ReleaseStatus(models.TextChoices):
    PENDING = "pending", _("Chờ đăng tải")
    RELEASED = "released", _("Đã đăng tải")
    WITHHELD = "withheld", _("Tạm giữ")


class ChannelRelease(models.Model):
    """
    One channel's decision for a page: pending while its publisher has not acted, released
    or withheld (with a reason). One row per page and channel, the latest decision; the
    content API shows the page on a channel only if that channel has no row or is released.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="channel_releases")
    channel = models.ForeignKey(
        "cms.Channel", on_delete=models.CASCADE, related_name="+", verbose_name=_("kênh")
    )
    task_state = models.ForeignKey(
        TaskState, null=True, on_delete=models.SET_NULL, related_name="channel_releases"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReleaseStatus.choices, default=ReleaseStatus.PENDING
    )
    role = models.ForeignKey(
        "cms.CoordinatingRole",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vai trò"),
    )
    unit = models.ForeignKey(
        "cms.Unit", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("đơn vị")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True)
    reason = models.TextField(_("lý do tạm giữ"), blank=True)

    class Meta:
        verbose_name = _("quyết định đăng tải theo kênh")
        verbose_name_plural = _("quyết định đăng tải theo kênh")
        constraints = [
            models.UniqueConstraint(fields=["page", "channel"], name="one_release_per_page_channel")
        ]

    def __str__(self) -> str:
        return f"{self.channel} – {self.get_status_display()}"


class Approval(models.Model):
    """One approval of a published revision: stage, unit and role at the time, person, time."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="approvals")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(_("bước duyệt"), max_length=255)
    unit = models.ForeignKey(
        "cms.Unit", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("đơn vị")
    )
    role = models.ForeignKey(
        "cms.CoordinatingRole",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vai trò"),
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(_("thời điểm phê duyệt"), null=True)
    channel = models.ForeignKey(
        "cms.Channel", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("kênh")
    )
    # The revision the stage itself approved: an earlier one when the proposer's later edits
    # were resubmitted to a later stage (which carried this approval forward).
    approved_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("phê duyệt")
        verbose_name_plural = _("phê duyệt")
        ordering = ["approved_at", "pk"]

    def __str__(self) -> str:
        return f"{self.stage} – {self.unit}"


class ReminderLog(models.Model):
    """A reminder sent for an overdue task state on a day (reminders go once a day)."""

    task_state = models.ForeignKey(TaskState, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lần nhắc hạn")
        verbose_name_plural = _("lần nhắc hạn")
        constraints = [models.UniqueConstraint(fields=["task_state", "sent_on"], name="one_reminder_per_day")]

    def __str__(self) -> str:
        return f"{self.task_state_id} {self.sent_on}"


# The release logic needs the models above; imported last, as it imports them.
from . import releases  # noqa: E402
