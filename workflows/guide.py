"""The editors' guide, served by the project itself (the admin makes no request off its origin)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Hướng dẫn biên tập")
    header_icon = "help"
    template_name = "workflows/guide.html"
