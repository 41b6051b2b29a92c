"""
The admin of the public's voice: the comment moderation queue (per channel owner, with
approve / reject / spam as bulk actions, a filter by page and state, and erasure of a
commenter's data), and the consultations with their report.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.models import Page
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from . import comments as services
from . import consultations as consultation_services
from .models import Comment, CommentModeration, CommentStatus, Consultation, Opinion


class CommentFilterSet(WagtailFilterSet):
    """Lọc theo trạng thái và trang."""

    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=CommentStatus.choices)
    page = django_filters.ModelChoiceFilter(
        label=_("Trang"),
        queryset=Page.objects.filter(public_comments__isnull=False).distinct().order_by("title"),
    )

    class Meta:
        model = Comment
        fields = ["status", "page"]


class CommentIndexView(SnippetIndexView):
    """The queue: only the channels whose comments the user's roles moderate."""

    def get_base_queryset(self) -> QuerySet[Comment]:
        return services.queue_for(self.request.user)

    def get_list_more_buttons(self, instance: Comment) -> list:
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "change") and not instance.erased_at:
            buttons.append(
                MenuItem(
                    _("Xóa dữ liệu cá nhân"),
                    url=reverse("engagement_comment_erase", args=[instance.pk]),
                    icon_name="bin",
                    priority=40,
                )
            )
        return buttons


def _body_excerpt(comment: Comment) -> str:
    return comment.body[:120] + ("…" if len(comment.body) > 120 else "")


class CommentViewSet(SnippetViewSet):
    """Bình luận của bạn đọc: hàng đợi kiểm duyệt."""

    model = Comment
    icon = "comment"
    menu_label = _("Bình luận")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = CommentIndexView
    filterset_class = CommentFilterSet
    list_display = [
        Column("body", label=_("Nội dung"), accessor=_body_excerpt),
        "name",
        "page",
        "channel",
        "status",
        "created_at",
    ]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "page",
        "channel",
        "name",
        "body",
        "status",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    panels = [FieldPanel("status")]
    copy_view_enabled = False


class ConsultationIndexView(SnippetIndexView):
    """Consultations, each with a link to its report."""

    def get_list_more_buttons(self, instance: Consultation) -> list:
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("engagement.view_opinion"):
            url = reverse("engagement_consultation_report", args=[instance.pk])
            buttons.append(MenuItem(_("Báo cáo"), url=url, icon_name="doc-full", priority=30))
        return buttons


class ConsultationViewSet(SnippetViewSet):
    """Đợt lấy ý kiến nhân dân về ứng viên khen thưởng."""

    model = Consultation
    icon = "group"
    menu_label = _("Lấy ý kiến")
    menu_order = 251
    add_to_admin_menu = True
    index_view_class = ConsultationIndexView
    list_display = ["title", "legal_basis", "starts_at", "ends_at", "live"]
    copy_view_enabled = False


class CommentModerationViewSet(SnippetViewSet):
    """Which role moderates the comments of each channel (by default the Office)."""

    model = CommentModeration
    icon = "comment"
    list_display = ["channel", "role"]


def erase_view(request, pk: int):
    """A commenter asks for their data to be erased (Decree 13/2023/NĐ-CP): confirm, then erase."""
    comment = get_object_or_404(services.queue_for(request.user), pk=pk)
    if not request.user.has_perm("engagement.change_comment"):
        return redirect("wagtailadmin_home")
    if request.method == "POST":
        services.erase(comment)
        messages.success(request, _("Đã xóa dữ liệu cá nhân của người bình luận."))
        return redirect(Comment.snippet_viewset.get_url_name("list"))
    return TemplateResponse(request, "engagement/admin/confirm_erase.html", {"comment": comment})


def report_view(request, pk: int):
    """The report of a consultation: views per channel and day, opinions per nominee; XLSX export."""
    if not request.user.has_perm("engagement.view_opinion"):
        return redirect("wagtailadmin_home")
    consultation = get_object_or_404(Consultation, pk=pk)
    data = consultation_services.report(consultation)
    if request.GET.get("export") == "xlsx":
        response = HttpResponse(
            consultation_services.report_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="bao-cao-lay-y-kien-{consultation.pk}.xlsx"'
        return response
    if request.GET.get("export") == "docx":
        response = HttpResponse(
            consultation_services.report_docx(data),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="bao-cao-lay-y-kien-{consultation.pk}.docx"'
        return response
    return TemplateResponse(
        request, "engagement/admin/report.html", {"report": data, "consultation": consultation}
    )


def attachment_view(request, pk: int):
    """An opinion's attachment, for those who read the report only (it is never public)."""
    if not request.user.has_perm("engagement.view_opinion"):
        return redirect("wagtailadmin_home")
    opinion = get_object_or_404(Opinion.objects.exclude(attachment=""), pk=pk)
    return FileResponse(
        opinion.attachment.open("rb"), as_attachment=True, filename=opinion.attachment.name.rsplit("/", 1)[-1]
    )


def admin_urls() -> list:
    return [
        path("engagement/comments/<int:pk>/erase/", erase_view, name="engagement_comment_erase"),
        path("engagement/consultations/<int:pk>/report/", report_view, name="engagement_consultation_report"),
        path(
            "engagement/opinions/<int:pk>/attachment/", attachment_view, name="engagement_opinion_attachment"
        ),
    ]
