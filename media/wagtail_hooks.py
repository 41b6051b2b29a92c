"""Admin registration of video clips: listing, search, and the chooser used by body blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import VideoClip
from .views import (
    VideoChooserViewSet,
    VideoCreateView,
    VideoDeleteView,
    VideoEditView,
    VideoIndexView,
    permission_policy,
)


class VideoClipViewSet(SnippetViewSet):
    """Video clips in the admin menu, permissions by collection, with a chooser for blocks."""

    model = VideoClip
    icon = "media"
    menu_label = _("Video clip")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "duration", "collection", "created_at"]
    list_filter = ["collection"]
    index_view_class = VideoIndexView
    add_view_class = VideoCreateView
    edit_view_class = VideoEditView
    delete_view_class = VideoDeleteView
    chooser_viewset_class = VideoChooserViewSet


register_permission_policy(VideoClip, permission_policy, exact_class=True)
register_snippet(VideoClipViewSet)
