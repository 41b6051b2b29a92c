"""
Ended units are closed: their folders take no new page and their pages no new submission.

A unit that ended (its `valid_until` is past) keeps its folder, groups and content, so its
history stays visible to its people and on the site; but nothing new may start there: no
page is created, copied or moved into the folder, and no page in it is submitted to the
workflow. The rule follows the date, not a flag, so a unit closes on the day after its last.
"""

from __future__ import annotations

from wagtail.models import Page, PagePermissionTester

from cms.models import Unit


def closed_unit_of_folder(folder: Page | None) -> Unit | None:
    """The ended unit whose folder (in any locale) this page is, else None."""
    if folder is None or not folder.pk:
        return None
    return Unit.objects.ended().filter(folders__pk=folder.pk).first()


def closed_unit_above(page: Page) -> Unit | None:
    """The ended unit whose folder holds this page, else None."""
    if not page.path or page.depth <= 1:
        return None
    return Unit.objects.ended().filter(folders__path=page.path[: -page.steplen]).first()


class ClosedFolderPermissionTester(PagePermissionTester):
    """Wagtail's tester, less what would start something new in an ended unit's folder."""

    def can_add_subpage(self) -> bool:
        return False

    def can_submit_for_moderation(self) -> bool:
        return False

    def can_copy_to(self, destination, recursive: bool = False) -> bool:
        return False


class ClosedFolderContentMixin:
    """For page types that live in unit folders: closed when the folder's unit has ended."""

    @classmethod
    def can_create_at(cls, parent) -> bool:
        return super().can_create_at(parent) and closed_unit_of_folder(parent) is None

    def permissions_for_user(self, user):
        if closed_unit_above(self) is not None:
            return ClosedFolderPermissionTester(user, self)
        return super().permissions_for_user(user)
