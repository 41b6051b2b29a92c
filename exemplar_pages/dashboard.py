"""Dashboard: "Đề xuất mới", one click from the dashboard to a new proposal in the user's own folder."""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from .models import ExemplarPage, UnitFolderPage

MAX_FOLDERS = 5


def folders_to_propose_in(user) -> list[UnitFolderPage]:
    """Folders (Vietnamese edition) where the user may add an exemplar today, at most a few."""
    if user.is_superuser:
        return []  # every folder: the administrator goes through the page tree
    folders = []
    for folder in UnitFolderPage.objects.live().filter(locale__language_code="vi").order_by("title"):
        if ExemplarPage.can_create_at(folder) and folder.permissions_for_user(user).can_add_subpage():
            folders.append(folder)
            if len(folders) == MAX_FOLDERS:
                break
    return folders


class ProposePanel(Component):
    name = "propose"
    order = 80
    template_name = "exemplar_pages/dashboard/propose.html"

    def __init__(self, folders):
        self.folders = folders

    def get_context_data(self, parent_context=None):
        return {"folders": self.folders}
