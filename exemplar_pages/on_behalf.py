"""
Content filed on a unit's behalf (exemplars, unit news, plans): the page records who filed it,
and the unit's head is told who filed what.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _


def is_member(user, unit) -> bool:
    """Whether the user belongs to the unit's editor or head group."""
    groups = [pk for pk in (unit.editor_group_id, unit.head_group_id) if pk]
    return bool(groups) and user.groups.filter(pk__in=groups).exists()


def record_filer(page, user) -> None:
    """
    A new page created by someone outside its unit (the emulation role, on the unit's behalf)
    records who filed it. Called before the first save, so the first revision, and every
    revision after it, carries it.
    """
    if page.pk is None and user is not None and page.unit_id and not is_member(user, page.unit):
        page.filed_by = user


def tell_the_head(page) -> int:
    """Mail the heads of the page's unit that someone filed it for them; returns how many."""
    filer = getattr(page, "filed_by", None)
    unit = getattr(page, "unit", None)
    if filer is None or unit is None or not unit.head_group_id:
        return 0
    heads = sorted(
        {u.email for u in get_user_model().objects.filter(groups=unit.head_group, is_active=True) if u.email}
    )
    if not heads:
        return 0
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    link = f"{base}{reverse('wagtailadmin_pages:edit', args=(page.pk,))}"
    send_mail(
        _("[Gương điển hình] Nội dung được tạo thay đơn vị: %s") % page.title,
        _(
            "%(filer)s đã tạo “%(title)s” (%(kind)s) thay cho %(unit)s.\n"
            "Đề nghị lãnh đạo đơn vị xem và xác nhận khi nội dung được gửi duyệt: %(link)s"
        )
        % {
            "filer": filer.get_full_name() or filer.get_username(),
            "title": page.title,
            "kind": page._meta.verbose_name,
            "unit": unit.short_name,
            "link": link,
        },
        None,
        heads,
    )
    return len(heads)
