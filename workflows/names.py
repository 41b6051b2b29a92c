"""
Names of the workflows and tasks that setup_site creates.

They are database records, in Vietnamese, and Wagtail's own screens show them as stored.
They are marked here for the message catalogue so that what this project shows itself
(e-mails, reminders, reports) names a stage in the reader's language; a name an
administrator changed is not in the catalogue and is shown as written.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, gettext_noop

from exemplar_pages.models import SCHEDULE_WORKFLOW as SCHEDULE_WORKFLOW

DEFAULT_WORKFLOW = gettext_noop("Phê duyệt đăng tải")
OFFICE_APPROVAL = gettext_noop("Phê duyệt đăng tải (Văn phòng)")
EXEMPLAR_WORKFLOW = gettext_noop("Quy trình duyệt gương điển hình")
CAMPAIGN_WORKFLOW = gettext_noop("Quy trình duyệt phong trào thi đua")
NEWS_WORKFLOW = gettext_noop("Quy trình duyệt tin bài")
TRANSLATION_WORKFLOW = gettext_noop("Quy trình duyệt bản tiếng Anh")
UNIT_HEAD_CONFIRMATION = gettext_noop("Xác nhận của thủ trưởng đơn vị")
ACHIEVEMENT_VERIFICATION = gettext_noop("Thẩm định thành tích")
EDITORIAL = gettext_noop("Biên tập (Báo, Tạp chí)")
CAMPAIGN_VERIFICATION = gettext_noop("Thẩm định phong trào (Thi đua - Khen thưởng)")
TRANSLATION_APPROVAL = gettext_noop("Phê duyệt bản tiếng Anh (Văn phòng)")
CHANNEL_RELEASE = gettext_noop("Phê duyệt đăng tải theo kênh")


def stage_label(task) -> Promise:
    """A task's name in the active language when rendered (lazy: e-mails switch per recipient)."""
    return gettext_lazy(task.name)
