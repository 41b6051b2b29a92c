"""The abstract base every page type of the project builds on."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from cms.text import normalize, slugify_vi

# Wagtail's admin slugifier drops most Vietnamese letters ("Nguyễn" -> "nguyn") and maps đ
# to "dj" (its Serbian map). These replacements run in the browser first, so the slug it
# proposes matches cms.text.slugify_vi ("Nguyễn Văn Đức" -> "nguyen-van-duc").
_VIETNAMESE_LETTERS = {
    "a": "àáạảãâầấậẩẫăằắặẳẵ",
    "e": "èéẹẻẽêềếệểễ",
    "i": "ìíịỉĩ",
    "o": "òóọỏõôồốộổỗơờớợởỡ",
    "u": "ùúụủũưừứựửữ",
    "y": "ỳýỵỷỹ",
    "d": "đ",
}
VIETNAMESE_SLUG_FORMATTERS = [
    (f"[{letters}{letters.upper()}]", base, "g") for base, letters in _VIETNAMESE_LETTERS.items()
]


class BasePage(Page):
    """
    A page of this headless CMS.

    Slugs are ASCII transliterations of the Vietnamese title ("Nguyễn Văn Đức" ->
    "nguyen-van-duc"), both in the admin editor and when pages are created in code.
    Pages are rendered by partner portals from the content API; the site itself only
    shows a short placeholder (used by the admin preview until headless preview exists).
    """

    template = "exemplar_pages/headless_page.html"

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug", widget=SlugInput(formatters=VIETNAMESE_SLUG_FORMATTERS)),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            heading=_("Địa chỉ và mô tả"),
        ),
    ]

    class Meta:
        abstract = True

    @property
    def preview_modes(self):
        modes = [("", _("Bản xem trước"))]
        if getattr(self, "api_collection", None):
            # Headless preview: signed links to the partners' own sites (content_api.preview).
            modes.append(("partners", _("Xem trên trang đối tác")))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name == "partners" and getattr(self, "api_collection", None):
            from content_api.preview import partner_links_response

            return partner_links_response(self, request)
        return super().serve_preview(request, mode_name)

    def full_clean(self, *args, **kwargs) -> None:
        self.title = normalize(self.title or "")
        if not self.slug:
            parent = self.get_parent() if self.path else getattr(self, "_cached_parent_obj", None)
            base_slug = slugify_vi(self.title)
            if parent is not None and base_slug:
                self.slug = find_available_slug(parent, base_slug, ignore_page_id=self.pk)
        super().full_clean(*args, **kwargs)
