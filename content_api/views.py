"""
Admin views of a partner's API keys: the list, issuing a key (its plaintext shown once,
in the response to the issuing request, never stored nor logged) and revoking one.

Reached from the partner listing and edit view (content_api/viewsets.py); only users who
may change partners get in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log

from . import access
from .forms import IssueKeyForm
from .models import Partner, PartnerToken

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
    template_name = "content_api/partner_keys.html"
    issued_template_name = "content_api/partner_key_issued.html"
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
                name=form.cleaned_data["name"], valid_for=form.valid_for
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
    template_name = "content_api/partner_key_revoke.html"

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
