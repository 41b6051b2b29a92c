"""
Admin views of a partner's API keys: the list, issuing a key (its plaintext shown once,
in the response to the issuing request, never stored nor logged) and revoking one.

Then the partner's webhook subscriptions: adding one (its signing secret shown once, like
a key), editing, rotating the secret (the new one shown once, the old one still signing for
24 hours), deleting, and the delivery log with "send again".

Reached from the partner listing and edit view (partners/viewsets.py); only users who
may change partners get in, and for webhooks only those with the webhook permissions too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log

from . import access, tasks, webhooks
from .forms import IssueKeyForm, WebhookSubscriptionForm
from .models import (
    Partner,
    PartnerToken,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from .models.webhooks import ROTATION_OVERLAP

# Log action names are stored in the audit log, so they keep the app label they were born with.
ISSUE_KEY_ACTION = "content_api.issue_key"
REVOKE_KEY_ACTION = "content_api.revoke_key"


@dataclass(frozen=True)
class KeyStatus:
    """What the Office reads in the status column of a key."""

    code: str
    label: str


def key_status(partner_token: PartnerToken) -> KeyStatus:
    if partner_token.token.revoked_at is not None:
        return KeyStatus("revoked", _("đã thu hồi"))
    if partner_token.is_expired:
        return KeyStatus("expired", _("hết hạn"))
    return KeyStatus("active", _("đang dùng"))


def key_log_data(partner_token: PartnerToken) -> dict:
    """What the audit log keeps of a key: enough to recognise it, never the key itself."""
    token = partner_token.token
    return {
        "key_id": partner_token.pk,
        "token_id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "expires_at": partner_token.expires_at.isoformat() if partner_token.expires_at else None,
    }


class PartnerKeysMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin, BaseObjectMixin):
    """A view of one partner's keys, for users who may change partners."""

    model = Partner
    permission_required = "change"
    header_icon = "key"
    index_url_name: str | None = None
    edit_url_name: str | None = None
    keys_url_name: str | None = None

    @cached_property
    def keys_url(self) -> str:
        return reverse(self.keys_url_name, args=[self.object.pk])

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": capfirst(Partner._meta.verbose_name_plural)},
            {"url": reverse(self.edit_url_name, args=[self.object.pk]), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]


class PartnerKeysView(PartnerKeysMixin, FormView):
    """Khóa API: the partner's keys with their status, and the form that issues a new one."""

    page_title = gettext_lazy("Khóa API")
    template_name = "partners/partner_keys.html"
    issued_template_name = "partners/partner_key_issued.html"
    form_class = IssueKeyForm

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        keys = self.object.tokens.select_related("token").order_by("-token__created")
        context.update(
            partner=self.object,
            keys=[(key, key_status(key)) for key in keys],
            action_url=self.keys_url,
            edit_url=reverse(self.edit_url_name, args=[self.object.pk]),
        )
        return context

    def form_valid(self, form: IssueKeyForm) -> TemplateResponse:
        with transaction.atomic():
            partner_token, plaintext = self.object.issue_token(
                name=form.cleaned_data["name"], valid_for=form.valid_for, scopes=form.cleaned_data["scopes"]
            )
            log(
                instance=self.object,
                action=ISSUE_KEY_ACTION,
                user=self.request.user,
                data=key_log_data(partner_token),
            )
        return self.render_issued(partner_token, plaintext)

    def render_issued(self, partner_token: PartnerToken, plaintext: str) -> TemplateResponse:
        """The only page that ever shows the key: the answer to the request that issued it."""
        base = settings.CONTENT_API_BASE_URL.rstrip("/")
        context = self.get_context_data(form=self.get_form_class()())
        context.update(
            page_title=_("Đã cấp khóa API"),
            header_title=_("Đã cấp khóa API"),
            issued=partner_token,
            plaintext=plaintext,
            sample_url=f"{base}{reverse('content_api:list_exemplars')}",
        )
        response = TemplateResponse(self.request, self.issued_template_name, context)
        add_never_cache_headers(response)
        return response


class RevokeKeyView(PartnerKeysMixin, TemplateView):
    """Thu hồi: confirm, then revoke one key of the partner; the row stays for the record."""

    page_title = gettext_lazy("Thu hồi khóa API")
    template_name = "partners/partner_key_revoke.html"

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.key = get_object_or_404(self.object.tokens.select_related("token"), pk=kwargs["key_pk"])

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            partner=self.object,
            key=self.key,
            status=key_status(self.key),
            keys_url=self.keys_url,
            action_url=self.request.path,
        )
        return context

    def post(self, request, *args, **kwargs) -> HttpResponseRedirect:
        token = self.key.token
        if token.revoked_at is not None:
            messages.warning(request, _("Khóa “%(name)s” đã được thu hồi trước đó.") % {"name": token.name})
            return HttpResponseRedirect(self.keys_url)
        with transaction.atomic():
            token.revoke()
            log(
                instance=self.object,
                action=REVOKE_KEY_ACTION,
                user=request.user,
                data=key_log_data(self.key),
            )
            # The handlers forget the key when it is saved, before this commits; a request in
            # between could cache it as valid again, so forget it once more after the commit.
            transaction.on_commit(partial(access.forget_token_hash, token.key_hash))
        messages.success(
            request,
            _("Đã thu hồi khóa “%(name)s” (%(prefix)s…); đối tác không dùng được khóa này nữa.")
            % {"name": token.name, "prefix": token.prefix},
        )
        return HttpResponseRedirect(self.keys_url)


# Webhook subscriptions


CREATE_WEBHOOK_ACTION = "content_api.create_webhook"
CHANGE_WEBHOOK_ACTION = "content_api.change_webhook"
ROTATE_WEBHOOK_KEY_ACTION = "content_api.rotate_webhook_secret"
DELETE_WEBHOOK_ACTION = "content_api.delete_webhook"
REDELIVER_WEBHOOK_ACTION = "content_api.redeliver_webhook"

WEBHOOKS_LABEL = gettext_lazy("Webhook")
DELIVERIES_PER_PAGE = 20
WEBHOOKS_STANDARD_URL = "https://www.standardwebhooks.com/"
WEBHOOKS_DOCS_FILE = "docs/webhooks.md"


def subscription_status(subscription: WebhookSubscription) -> KeyStatus:
    if subscription.disabled_at is not None:
        return KeyStatus("disabled", _("đã tự động tắt"))
    if not subscription.is_active:
        return KeyStatus("paused", _("tạm dừng"))
    return KeyStatus("active", _("đang hoạt động"))


def subscription_log_data(subscription: WebhookSubscription) -> dict:
    """What the audit log keeps of a subscription: never its signing secret."""
    return {
        "subscription_id": subscription.pk,
        "url": subscription.url,
        "events": list(subscription.events),
        "is_active": subscription.is_active,
    }


def event_labels(events) -> list[str]:
    labels = dict(WebhookEvent.choices)
    return [str(labels.get(event, event)) for event in events]


class PartnerWebhooksMixin(PartnerKeysMixin):
    """
    A view of one partner's webhook subscriptions: for users who may change partners and
    who hold the webhook permissions of the view (the Office, see partners/wagtail_hooks.py).
    """

    header_icon = "link-external"
    webhooks_url_name: str | None = None
    deliveries_url_name: str | None = None
    # Model permissions ("app_label.codename") needed for every request, then for a POST.
    webhook_permissions: tuple[str, ...] = ("partners.view_webhooksubscription",)
    webhook_post_permissions: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        needed = self.webhook_permissions
        if request.method == "POST":
            needed = (*needed, *self.webhook_post_permissions)
        if not request.user.has_perms(needed):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def webhooks_url(self) -> str:
        return reverse(self.webhooks_url_name, args=[self.object.pk])

    def get_subscription(self, pk) -> WebhookSubscription:
        return get_object_or_404(self.object.subscriptions.all(), pk=pk)

    def get_breadcrumbs_items(self) -> list[dict]:
        items = super().get_breadcrumbs_items()
        if self.request.path != self.webhooks_url:
            items.insert(-1, {"url": self.webhooks_url, "label": WEBHOOKS_LABEL})
        return items

    def user_may(self, *permissions: str) -> bool:
        return self.request.user.has_perms(permissions)

    def render_secret(
        self, subscription: WebhookSubscription, secret: str, *, rotated: bool
    ) -> TemplateResponse:
        """The only pages that ever show a signing secret: the answers to creating and rotating."""
        title = _("Đã đổi khóa ký webhook") if rotated else _("Đã thêm webhook")
        # The page's own context (titles, breadcrumbs), not the listing nor a bound form.
        context = super().get_context_data(form=None)
        context.update(
            page_title=title,
            header_title=title,
            partner=self.object,
            subscription=subscription,
            secret=secret,
            rotated=rotated,
            overlap_hours=int(ROTATION_OVERLAP.total_seconds() // 3600),
            events=event_labels(subscription.events),
            webhooks_url=self.webhooks_url,
            docs_file=WEBHOOKS_DOCS_FILE,
            docs_url=getattr(settings, "WEBHOOKS_DOCS_URL", ""),
            standard_url=WEBHOOKS_STANDARD_URL,
        )
        response = TemplateResponse(self.request, "partners/webhook_secret.html", context)
        add_never_cache_headers(response)
        return response


class PartnerWebhooksView(PartnerWebhooksMixin, FormView):
    """Webhook: the partner's subscriptions and the form that adds one."""

    page_title = WEBHOOKS_LABEL
    template_name = "partners/partner_webhooks.html"
    form_class = WebhookSubscriptionForm
    webhook_post_permissions = ("partners.add_webhooksubscription",)

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = WebhookSubscription(partner=self.object)
        return kwargs

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        subscriptions = self.object.subscriptions.order_by("created_at", "pk")
        context.update(
            partner=self.object,
            subscriptions=[
                (subscription, subscription_status(subscription), event_labels(subscription.events))
                for subscription in subscriptions
            ],
            action_url=self.webhooks_url,
            edit_url=reverse(self.edit_url_name, args=[self.object.pk]),
            deliveries_url=reverse(self.deliveries_url_name, args=[self.object.pk]),
            can_add=self.user_may("partners.add_webhooksubscription"),
            can_change=self.user_may("partners.change_webhooksubscription"),
            can_delete=self.user_may("partners.delete_webhooksubscription"),
            can_view_deliveries=self.user_may("partners.view_webhookdelivery"),
        )
        return context

    def form_valid(self, form: WebhookSubscriptionForm) -> TemplateResponse:
        with transaction.atomic():
            subscription = form.save()
            log(
                instance=self.object,
                action=CREATE_WEBHOOK_ACTION,
                user=self.request.user,
                data=subscription_log_data(subscription),
            )
        return self.render_secret(subscription, subscription.secret, rotated=False)


class SubscriptionMixin(PartnerWebhooksMixin):
    """A view of one subscription of the partner (its `subscription_pk` in the URL)."""

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.subscription = self.get_subscription(kwargs["subscription_pk"])

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            partner=self.object,
            subscription=self.subscription,
            webhooks_url=self.webhooks_url,
            action_url=self.request.path,
        )
        return context


class EditWebhookView(SubscriptionMixin, FormView):
    """Sửa webhook: the URL, the events, on or off (turning on clears an automatic disabling)."""

    page_title = gettext_lazy("Sửa webhook")
    template_name = "partners/webhook_edit.html"
    form_class = WebhookSubscriptionForm
    webhook_post_permissions = ("partners.change_webhooksubscription",)

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.subscription
        return kwargs

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "status": subscription_status(self.subscription)}

    def form_valid(self, form: WebhookSubscriptionForm) -> HttpResponseRedirect:
        with transaction.atomic():
            subscription = form.save()
            log(
                instance=self.object,
                action=CHANGE_WEBHOOK_ACTION,
                user=self.request.user,
                data=subscription_log_data(subscription),
            )
        messages.success(self.request, _("Đã lưu webhook tới %(url)s.") % {"url": subscription.url})
        return HttpResponseRedirect(self.webhooks_url)


class RotateWebhookSecretView(SubscriptionMixin, TemplateView):
    """Đổi khóa ký: confirm, then a new secret shown once; the old one signs for 24 more hours."""

    page_title = gettext_lazy("Đổi khóa ký webhook")
    template_name = "partners/webhook_rotate.html"
    webhook_post_permissions = ("partners.change_webhooksubscription",)

    def get_context_data(self, **kwargs) -> dict:
        overlap_hours = int(ROTATION_OVERLAP.total_seconds() // 3600)
        return {**super().get_context_data(**kwargs), "overlap_hours": overlap_hours}

    def post(self, request, *args, **kwargs) -> TemplateResponse:
        with transaction.atomic():
            subscription = WebhookSubscription.objects.select_for_update().get(pk=self.subscription.pk)
            secret = subscription.rotate_secret()
            log(
                instance=self.object,
                action=ROTATE_WEBHOOK_KEY_ACTION,
                user=request.user,
                data={
                    **subscription_log_data(subscription),
                    "previous_secret_expires_at": subscription.previous_secret_expires_at.isoformat(),
                },
            )
        return self.render_secret(subscription, secret, rotated=True)


class DeleteWebhookView(SubscriptionMixin, TemplateView):
    """Xóa webhook: confirm, then delete the subscription with its delivery log."""

    page_title = gettext_lazy("Xóa webhook")
    template_name = "partners/webhook_delete.html"
    webhook_post_permissions = ("partners.delete_webhooksubscription",)

    def get_context_data(self, **kwargs) -> dict:
        delivery_count = self.subscription.deliveries.count()
        return {**super().get_context_data(**kwargs), "delivery_count": delivery_count}

    def post(self, request, *args, **kwargs) -> HttpResponseRedirect:
        subscription = self.subscription
        with transaction.atomic():
            data = subscription_log_data(subscription)
            subscription.delete()
            log(instance=self.object, action=DELETE_WEBHOOK_ACTION, user=request.user, data=data)
        messages.success(request, _("Đã xóa webhook tới %(url)s.") % {"url": data["url"]})
        return HttpResponseRedirect(self.webhooks_url)


@dataclass(frozen=True)
class DeliveryItem:
    """The content item a delivery is about, read from its payload (`data.type`, `data.id`)."""

    type: str
    id: object
    title: str
    tombstone: bool


def delivery_item(delivery: WebhookDelivery) -> DeliveryItem | None:
    try:
        data = json.loads(delivery.payload).get("data") or {}
    except (ValueError, AttributeError):
        return None
    if not isinstance(data, dict):
        return None
    return DeliveryItem(
        type=str(data.get("type", "")),
        id=data.get("id", ""),
        title=str(data.get("title") or ""),
        tombstone=bool(data.get("tombstone")),
    )


class WebhookDeliveriesView(PartnerWebhooksMixin, TemplateView):
    """Nhật ký gửi webhook: the deliveries of a partner (or of one subscription), newest first."""

    page_title = gettext_lazy("Nhật ký gửi webhook")
    template_name = "partners/webhook_deliveries.html"
    redeliver_url_name: str | None = None
    webhook_permissions = ("partners.view_webhooksubscription", "partners.view_webhookdelivery")
    page_kwarg = "p"

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        pk = kwargs.get("subscription_pk")
        self.subscription = self.get_subscription(pk) if pk is not None else None

    def get_queryset(self):
        deliveries = WebhookDelivery.objects.filter(subscription__partner=self.object)
        if self.subscription is not None:
            deliveries = deliveries.filter(subscription=self.subscription)
        attempts = WebhookAttempt.objects.order_by("-attempted_at", "-pk")
        return (
            deliveries.select_related("subscription")
            .prefetch_related(Prefetch("attempt_log", queryset=attempts))
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        paginator = WagtailPaginator(self.get_queryset(), DELIVERIES_PER_PAGE)
        page_number = self.request.GET.get(self.page_kwarg)
        page = paginator.get_page(page_number)
        context.update(
            partner=self.object,
            subscription=self.subscription,
            deliveries=[(delivery, delivery_item(delivery)) for delivery in page.object_list],
            page_obj=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
            webhooks_url=self.webhooks_url,
            redeliver_url_name=self.redeliver_url_name,
            can_redeliver=self.user_may("partners.change_webhooksubscription"),
            next_url=self.request.get_full_path(),
            page_url=self.request.path,
        )
        return context


class RedeliverWebhookView(PartnerWebhooksMixin, View):
    """Gửi lại: the same message (same id) gets a fresh series of attempts."""

    http_method_names = ["post"]
    webhook_permissions = (
        "partners.view_webhooksubscription",
        "partners.view_webhookdelivery",
        "partners.change_webhooksubscription",
    )

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.delivery = get_object_or_404(
            WebhookDelivery.objects.select_related("subscription").filter(subscription__partner=self.object),
            pk=kwargs["delivery_pk"],
        )

    def post(self, request, *args, **kwargs) -> HttpResponseRedirect:
        delivery = self.delivery
        with transaction.atomic():
            webhooks.redeliver(delivery)
            tasks.schedule_on_commit(delivery.pk)
            log(
                instance=self.object,
                action=REDELIVER_WEBHOOK_ACTION,
                user=request.user,
                data={
                    "delivery_id": delivery.pk,
                    "message_id": delivery.message_id,
                    "event_type": delivery.event_type,
                    "url": delivery.subscription.url,
                },
            )
        subscription = delivery.subscription
        if subscription.is_active and subscription.disabled_at is None:
            messages.success(
                request,
                _("Đang gửi lại thông điệp %(message_id)s tới %(url)s; kết quả có trong nhật ký gửi.")
                % {"message_id": delivery.message_id, "url": subscription.url},
            )
        else:
            messages.warning(
                request,
                _(
                    "Đã đặt gửi lại thông điệp %(message_id)s; webhook đang tắt nên thông điệp chỉ "
                    "được gửi sau khi webhook được bật lại."
                )
                % {"message_id": delivery.message_id},
            )
        next_url = get_valid_next_url_from_request(request)
        return HttpResponseRedirect(next_url or reverse(self.deliveries_url_name, args=[self.object.pk]))
