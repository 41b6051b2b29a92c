"""Admin viewset of the content API's partners (Đối tác API), kept by the Office."""

from __future__ import annotations

from functools import partial

from django import forms
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, RelatedObjectsColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from . import access
from .forms import PartnerForm
from .models import Partner
from .views import (
    WEBHOOKS_LABEL,
    DeleteWebhookView,
    EditWebhookView,
    PartnerKeysView,
    PartnerWebhooksView,
    RedeliverWebhookView,
    RevokeKeyView,
    RotateWebhookSecretView,
    WebhookDeliveriesView,
)

KEYS_LABEL = _("Khóa API")
WEBHOOKS_ICON = "link-external"


def may_see_webhooks(user) -> bool:
    return user.has_perm("partners.view_webhooksubscription")


def usable_key_filter() -> Q:
    """Keys neither revoked nor expired (a paused partner's keys are listed as such too)."""
    return Q(tokens__token__revoked_at__isnull=True) & (
        Q(tokens__expires_at__isnull=True) | Q(tokens__expires_at__gt=timezone.now())
    )


class PartnerIndexView(generic.IndexView):
    """The partners with their channels and how many of their keys still work."""

    keys_url_name: str | None = None
    webhooks_url_name: str | None = None

    def get_base_queryset(self) -> QuerySet[Partner]:
        return (
            super()
            .get_base_queryset()
            .prefetch_related("channels")
            .annotate(usable_key_count=Count("tokens", filter=usable_key_filter()))
        )

    def get_list_more_buttons(self, instance: Partner) -> list:
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            keys_url = reverse(self.keys_url_name, args=[instance.pk])
            buttons.append(MenuItem(KEYS_LABEL, url=keys_url, icon_name="key", priority=15))
            if may_see_webhooks(self.request.user):
                webhooks_url = reverse(self.webhooks_url_name, args=[instance.pk])
                buttons.append(
                    MenuItem(WEBHOOKS_LABEL, url=webhooks_url, icon_name=WEBHOOKS_ICON, priority=16)
                )
        return buttons


class PartnerEditView(generic.EditView):
    """Editing a partner, with header buttons to its keys and its webhooks."""

    keys_url_name: str | None = None
    webhooks_url_name: str | None = None

    @cached_property
    def header_buttons(self) -> list:
        keys_url = reverse(self.keys_url_name, args=[self.object.pk])
        buttons = [HeaderButton(KEYS_LABEL, url=keys_url, icon_name="key")]
        if may_see_webhooks(self.request.user):
            webhooks_url = reverse(self.webhooks_url_name, args=[self.object.pk])
            buttons.append(HeaderButton(WEBHOOKS_LABEL, url=webhooks_url, icon_name=WEBHOOKS_ICON))
        return buttons

    def save_instance(self) -> Partner:
        partner = super().save_instance()
        # The handlers forget the partner's cached keys when the partner is saved: before the
        # form saves its channels and before the commit, so a request in between could cache
        # the old channels again. Forget them once more when the new channels are committed.
        transaction.on_commit(partial(access.forget_partner, partner))
        return partner


class PartnerViewSet(ModelViewSet):
    """Đối tác API: the partner portals, their channels, rate limits and keys."""

    model = Partner
    icon = "key"
    menu_label = _("Đối tác API")
    menu_name = "api-partners"
    menu_order = 330
    add_to_admin_menu = True
    # Partners are not content: nothing refers to them, nor do they need an inspect view.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = PartnerIndexView
    edit_view_class = PartnerEditView
    search_fields = ["name", "contact_name"]
    search_backend_name = None
    list_display = [
        "name",
        RelatedObjectsColumn("channels", label=_("Kênh được đọc")),
        Column("rate_limit", label=_("Truy vấn mỗi phút"), sort_key="rate_limit"),
        BooleanColumn("is_active", label=_("Đang hoạt động"), sort_key="is_active"),
        BooleanColumn("can_preview", label=_("Xem trước"), sort_key="can_preview"),
        Column("usable_key_count", label=_("Khóa còn hiệu lực"), sort_key="usable_key_count"),
    ]
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("contact_name"),
            FieldPanel("contact_email"),
            FieldPanel("channels", widget=forms.CheckboxSelectMultiple),
            FieldPanel("rate_limit"),
            FieldPanel("is_active"),
            FieldPanel("can_preview"),
            FieldPanel("preview_url"),
            FieldPanel("allowed_origins"),
        ],
        base_form_class=PartnerForm,
    )

    def get_common_view_kwargs(self, **kwargs) -> dict:
        # Only the views that declare these attributes receive them (see ViewSet.construct_view).
        return super().get_common_view_kwargs(
            keys_url_name=self.get_url_name("keys"),
            webhooks_url_name=self.get_url_name("webhooks"),
            deliveries_url_name=self.get_url_name("webhook_deliveries"),
            redeliver_url_name=self.get_url_name("redeliver_webhook"),
            **kwargs,
        )

    def get_urlpatterns(self) -> list:
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/keys/", self.construct_view(PartnerKeysView), name="keys"),
            path(
                "<int:pk>/keys/<int:key_pk>/revoke/",
                self.construct_view(RevokeKeyView),
                name="revoke_key",
            ),
            path(
                "<int:pk>/webhooks/",
                self.construct_view(PartnerWebhooksView, header_icon=WEBHOOKS_ICON),
                name="webhooks",
            ),
            path(
                "<int:pk>/webhooks/deliveries/",
                self.construct_view(WebhookDeliveriesView, header_icon=WEBHOOKS_ICON),
                name="webhook_deliveries",
            ),
            path(
                "<int:pk>/webhooks/deliveries/<int:delivery_pk>/redeliver/",
                self.construct_view(RedeliverWebhookView, header_icon=WEBHOOKS_ICON),
                name="redeliver_webhook",
            ),
            path(
                "<int:pk>/webhooks/<int:subscription_pk>/edit/",
                self.construct_view(EditWebhookView, header_icon=WEBHOOKS_ICON),
                name="edit_webhook",
            ),
            path(
                "<int:pk>/webhooks/<int:subscription_pk>/rotate/",
                self.construct_view(RotateWebhookSecretView, header_icon=WEBHOOKS_ICON),
                name="rotate_webhook_secret",
            ),
            path(
                "<int:pk>/webhooks/<int:subscription_pk>/delete/",
                self.construct_view(DeleteWebhookView, header_icon=WEBHOOKS_ICON),
                name="delete_webhook",
            ),
            path(
                "<int:pk>/webhooks/<int:subscription_pk>/deliveries/",
                self.construct_view(WebhookDeliveriesView, header_icon=WEBHOOKS_ICON),
                name="subscription_deliveries",
            ),
        ]
