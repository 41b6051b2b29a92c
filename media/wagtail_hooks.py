"""
Admin registration of video clips (listing, search, the chooser used by body blocks), the
direct-to-S3 upload endpoints, and who may read a document through Wagtail's serve view.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import upload_views
from .documents import is_public_document, user_may_read_private
from .forms import VideoClipForm
from .models import VideoClip
from .views import (
    VideoChooserViewSet,
    VideoCreateView,
    VideoDeleteView,
    VideoEditView,
    VideoHistoryView,
    VideoIndexView,
    VideoUsageView,
    permission_policy,
)


class VideoClipViewSet(SnippetViewSet):
    """Video clips in the admin menu, permissions by collection, with a chooser for blocks."""

    model = VideoClip
    icon = "media"
    menu_label = pgettext_lazy("menu", "Video clip")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "duration", "collection", "created_at"]
    list_filter = ["collection"]
    index_view_class = VideoIndexView
    add_view_class = VideoCreateView
    edit_view_class = VideoEditView
    delete_view_class = VideoDeleteView
    history_view_class = VideoHistoryView
    usage_view_class = VideoUsageView
    chooser_viewset_class = VideoChooserViewSet
    # The clip form takes files uploaded straight to S3 (media/uploads.py).
    edit_handler = ObjectList(VideoClip.panels, base_form_class=VideoClipForm)


register_permission_policy(VideoClip, permission_policy, exact_class=True)
register_snippet(VideoClipViewSet)


@hooks.register("register_media_permissions")
def video_permissions():
    """Whoever may upload images and documents to a collection may upload clips to it too."""
    return ("media.add_videoclip", "media.change_videoclip", "media.choose_videoclip")


@hooks.register("register_admin_urls")
def register_video_upload_urls():
    return [
        path("media/video-uploads/start/", upload_views.start_upload, name="media_video_upload_start"),
        path(
            "media/video-uploads/complete/", upload_views.complete_upload, name="media_video_upload_complete"
        ),
        path("media/video-uploads/abort/", upload_views.abort_upload, name="media_video_upload_abort"),
        path("media/video-uploads/local/", upload_views.store_local_upload, name="media_video_upload_local"),
    ]


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    """Award decisions and documents only drafts use are for the editors who may see them."""
    if is_public_document(document) or user_may_read_private(request.user, document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    return HttpResponseForbidden(_("Tài liệu này không công khai."))
