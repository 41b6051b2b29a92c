"""The page tree skeleton: a headless root, the three indexes and one folder per unit."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PagePermissionTester

from cms.richtext import SHORT_FEATURES, SafeRichTextField

from .base import BasePage


class HomePage(BasePage):
    """The root of the site in each language: the public site's home, the API's tree."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "exemplar_pages.ExemplarIndexPage",
        "exemplar_pages.CampaignIndexPage",
        "exemplar_pages.NewsIndexPage",
    ]
    max_count_per_parent = 1

    def route(self, request, path_components):
        """
        The page at a path in two queries whatever its depth (Wagtail's way costs two per
        segment): one for the chain of pages whose url_paths the path's prefixes name, one for
        the specific page with what it renders. Every page of the chain must be live — a page
        under an unpublished folder is not on the site. A path that names no page (a sub-route,
        or nothing) goes Wagtail's way.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "".join(f"{component}/" for component in path_components[:end])
            for end in range(1, len(path_components) + 1)
        ]
        chain = list(
            Page.objects.filter(path__startswith=self.path, url_path__in=prefixes)
            .order_by("depth")
            .values("pk", "content_type_id", "live", "depth", "url_path")
        )
        if not chain or chain[-1]["url_path"] != prefixes[-1] or len(chain) != len(prefixes):
            return super().route(request, path_components)
        if not all(row["live"] for row in chain):
            raise Http404
        model = ContentType.objects.get_for_id(chain[-1]["content_type_id"]).model_class()
        related = getattr(model, "serve_select_related", ("locale",))
        page = model._default_manager.select_related(*related).get(pk=chain[-1]["pk"])
        return page.route(request, [])

    class Meta:
        verbose_name = _("trang gốc")
        verbose_name_plural = _("trang gốc")


class IndexPage(BasePage):
    """An index page with a short introduction, one of each per locale."""

    intro = SafeRichTextField(
        _("giới thiệu"),
        blank=True,
        features=SHORT_FEATURES,
        help_text=_("Đoạn giới thiệu ngắn mà cổng thông tin đối tác có thể hiển thị."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["exemplar_pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class UnitFoldersPermissionTester(PagePermissionTester):
    """
    Who may add a unit folder under the exemplar index: only those who manage the units
    directory (`cms.add_unit`: the Office) or a superuser. The emulation role holds
    `add_page` on the index so that it can file content in every unit's folder on the unit's
    behalf; Wagtail's page permissions cannot say "in the folders, not beside them", so the
    index's tester says it (the add, copy and move views all ask `can_add_subpage`).
    """

    def can_add_subpage(self) -> bool:
        return super().can_add_subpage() and may_add_unit_folders(self.user)


def may_add_unit_folders(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("cms.add_unit"))


class ExemplarIndexPage(IndexPage):
    """Gương điển hình: holds one folder per unit, where that unit's exemplars live."""

    subpage_types = ["exemplar_pages.UnitFolderPage"]

    def permissions_for_user(self, user):
        return UnitFoldersPermissionTester(user, self)

    class Meta:
        verbose_name = _("danh mục gương điển hình")
        verbose_name_plural = _("danh mục gương điển hình")


class CampaignIndexPage(IndexPage):
    """Phong trào thi đua: emulation campaigns launched by the Supreme Procuracy or units."""

    subpage_types = ["exemplar_pages.CampaignPage"]

    class Meta:
        verbose_name = _("danh mục phong trào thi đua")
        verbose_name_plural = _("danh mục phong trào thi đua")


class NewsIndexPage(IndexPage):
    """Tin bài: articles about emulation activities."""

    subpage_types = ["exemplar_pages.NewsPage"]

    class Meta:
        verbose_name = _("danh mục tin bài")
        verbose_name_plural = _("danh mục tin bài")


class UnitFolderPage(BasePage):
    """
    A unit's own folder under the exemplar index.

    Page permissions are granted on this folder to the unit's editor and head groups, so
    a contributing unit only sees and creates pages here. Created by `setup_site`.
    """

    # One folder per unit and locale: the Vietnamese folder, and its English translation
    # that wagtail-localize creates for the unit's English editions (checked in clean()).
    unit = models.ForeignKey(
        "cms.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="folders",
        help_text=_("Đơn vị sở hữu thư mục; biên tập viên của đơn vị chỉ làm việc trong thư mục này."),
    )

    # Only the Office (which manages units) may re-assign a folder.
    serve_select_related = ("locale", "unit")
    content_panels = BasePage.content_panels + [FieldPanel("unit", permission="cms.change_unit")]
    parent_page_types = ["exemplar_pages.ExemplarIndexPage"]
    subpage_types = [
        "exemplar_pages.ExemplarPage",
        "exemplar_pages.UnitNewsPage",
        "exemplar_pages.PlanPage",
        "exemplar_pages.WeeklySchedulePage",
    ]

    class Meta:
        verbose_name = _("thư mục đơn vị")
        verbose_name_plural = _("thư mục đơn vị")

    def clean(self) -> None:
        super().clean()
        others = UnitFolderPage.objects.filter(unit_id=self.unit_id, locale_id=self.locale_id).exclude(
            pk=self.pk
        )
        if self.unit_id and others.exists():
            raise ValidationError({"unit": _("Đơn vị này đã có thư mục trong ngôn ngữ này.")})
