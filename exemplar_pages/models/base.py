"""The abstract base every page type of the project builds on."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.fields import SynchronizedField

from cms.text import normalize, slugify_vi

from .. import alt_text, restrictions
from ..forms import MediaPermissionPageForm
from ..previews import preview_mode, registered_preview_modes
from ..rendering import renderer_for

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


# Fields of a revision's content that record the page's bookkeeping (publication, locks, tree
# position), not what an editor wrote.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "live",
        "live_revision",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "locked",
        "locked_at",
        "locked_by",
        "expired",
        "path",
        "depth",
        "numchild",
        "url_path",
    }
)


def _written(content: dict) -> dict:
    """A revision's content as stored (JSON), without the bookkeeping fields."""
    stored = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
    return {key: value for key, value in stored.items() if key not in BOOKKEEPING_FIELDS}


class BasePage(Page):
    """
    A page of this headless CMS.

    Slugs are ASCII transliterations of the Vietnamese title ("Nguyễn Văn Đức" ->
    "nguyen-van-duc"), both in the admin editor and when pages are created in code.
    Pages are rendered by partner portals from the content API; the site itself only
    shows a short placeholder (used by the admin preview until headless preview exists).
    """

    template = "exemplar_pages/headless_page.html"
    # Media only from the collections the editor may choose from (exemplar_pages/forms.py).
    base_form_class = MediaPermissionPageForm

    # The link to Wagtail's Page row, declared so that its reverse name carries the app:
    # Django's automatic one ("homepage", "newspage") would clash with a host site's own
    # HomePage or NewsPage when the apps are installed as a plugin (docs/install-as-plugin.md).
    page_ptr = models.OneToOneField(
        Page,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        serialize=False,
        related_name="%(app_label)s_%(class)s",
    )

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
            # Modes registered by the apps above (exemplar_pages/previews.py), e.g. headless
            # preview: signed links to the partners' own sites.
            modes += [(mode.name, mode.label) for mode in registered_preview_modes()]
        return modes

    def serve_preview(self, request, mode_name):
        mode = preview_mode(mode_name) if getattr(self, "api_collection", None) else None
        if mode is not None:
            return mode.serve(self, request)
        return super().serve_preview(request, mode_name)

    # Rendering: the template and context the rendering app registered (exemplar_pages/rendering.py).
    # What HomePage.route fetches with the page it serves.
    serve_select_related: tuple[str, ...] = ("locale",)

    def get_template(self, request, *args, **kwargs):
        renderer = renderer_for(self)
        return renderer.template if renderer else super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        renderer = renderer_for(self)
        if renderer is not None:
            context.update(renderer.context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        renderer = renderer_for(self)
        if renderer is not None and renderer.may_serve is not None and not renderer.may_serve(self, request):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_view_restrictions(self):
        """Wagtail's answer, asked only when some page has a restriction (exemplar_pages/restrictions.py)."""
        if not restrictions.any_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def synchronised_facts(self) -> list[str]:
        """
        Facts that must be the same in every language (unit, contacts, images…): the
        concrete fields this type declares as synchronised and not overridable.
        """
        names = []
        for declared in getattr(self, "override_translatable_fields", []):
            if not isinstance(declared, SynchronizedField) or declared.overridable:
                continue
            field = self._meta.get_field(declared.field_name)
            if field.concrete and not field.many_to_many:
                names.append(field.name)
        return names

    def clean(self) -> None:
        """
        A translation keeps the source's facts: they are changed in the Vietnamese page, by
        who may edit it, and reach the translation when it is synchronised; any other path
        (a stopped translation edited in Wagtail's editor, a crafted POST) is refused here.
        The source's live row and its latest draft are both accepted, so that syncing a
        draft of the source works.
        """
        super().clean()
        default = Locale.get_default()
        if self.locale_id is None or self.locale_id == default.pk:
            # The source's image texts are kept in the page, for the translator (alt_text.py).
            alt_text.fill_page(self)
        facts = self.synchronised_facts()
        if not facts or not self.pk or not self.locale_id:
            return
        if self.locale_id == default.pk:
            return
        source = type(self).objects.filter(translation_key=self.translation_key, locale=default).first()
        if source is None:
            return
        versions = [source]
        if source.has_unpublished_changes:
            versions.append(source.get_latest_revision_as_object())
        errors = {}
        for name in facts:
            attname = self._meta.get_field(name).attname
            if all(getattr(self, attname) != getattr(version, attname) for version in versions):
                errors[name] = _(
                    "Thông tin này được đồng bộ từ bản tiếng Việt; chỉ người có quyền sửa bản tiếng Việt "
                    "thay đổi nó, ở bản tiếng Việt."
                )
        if errors:
            raise ValidationError(errors)

    def save_revision(self, user=None, *args, clean=True, overwrite_revision=None, **kwargs):
        """
        While the page is in moderation, saving what the latest revision already says adds no
        revision. WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT ties approvals to the latest
        revision, so an identical one, written by a reviewer's editor (an autosave of a form
        that only looked changed, a workflow action taken from the editor), would send an
        exemplar approved by every stage back to the first with nothing changed.
        """
        if clean:
            self.full_clean()
        if self.pk and self.workflow_in_progress:
            latest = self.get_latest_revision()
            if latest is not None and _written(latest.content) == _written(self.serializable_data()):
                return latest
        if overwrite_revision is not None and overwrite_revision.user_id != (user and user.pk):
            # Only handed back by the branch above (Wagtail refuses any other revision that
            # is not the latest): a later, real change is a revision of its own.
            overwrite_revision = None
        return super().save_revision(
            user, *args, clean=False, overwrite_revision=overwrite_revision, **kwargs
        )

    def full_clean(self, *args, **kwargs) -> None:
        self.title = normalize(self.title or "")
        if not self.slug:
            parent = self.get_parent() if self.path else getattr(self, "_cached_parent_obj", None)
            base_slug = slugify_vi(self.title)
            if parent is not None and base_slug:
                self.slug = find_available_slug(parent, base_slug, ignore_page_id=self.pk)
        super().full_clean(*args, **kwargs)
