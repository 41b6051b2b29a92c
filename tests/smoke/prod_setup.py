"""
The people and the partner of `make smoke-prod`, created in its database (run by tests/smoke/prod.py
through `manage.py shell` under settings.smoke); prints what the journey needs as JSON.
"""

from __future__ import annotations

import json
import os

from django.contrib.auth import get_user_model

from cms.models import CoordinatingRole, Unit
from exemplar_pages.models import AwardForm, UnitFolderPage
from partners.models import Partner, WebhookSubscription
from tests.helpers.api import channels


def main() -> None:
    password = os.environ["SMOKE_PASSWORD"]
    unit = Unit.objects.get(code="VKS-LAMDONG-2025")  # a unit that exists today
    folder = UnitFolderPage.objects.get(unit=unit, locale__language_code="vi")
    groups = {
        "editor": unit.editor_group,
        "head": unit.head_group,
        **{
            name: CoordinatingRole.objects.get(code=code).group
            for name, code in (
                ("emulation", "emulation_rewards"),
                ("journal", "journal"),
                ("newspaper", "newspaper"),
                ("office", "office"),
            )
        },
    }
    users = {}
    for name, group in groups.items():
        user = get_user_model().objects.create_user(f"smoke-{name}", password=password)
        user.groups.add(group)
        users[name] = user.username
    partner = Partner.objects.create(name="Cổng đối tác (smoke)", rate_limit=600)
    partner.channels.set(channels("public"))
    _token, key = partner.issue_token(name="smoke")
    subscription = WebhookSubscription.objects.create(
        partner=partner, url=os.environ["SMOKE_WEBHOOK_URL"], events=["content.published"]
    )
    print(
        json.dumps(
            {
                "users": users,
                "unit": unit.pk,
                "folder": folder.pk,
                "collection": unit.collection_id if hasattr(unit, "collection_id") else None,
                "award_form": AwardForm.source_entries().get(name="Bằng khen của Chủ tịch UBND cấp tỉnh").pk,
                "partner_key": key,
                "webhook_secret": subscription.secret,
            }
        )
    )


main()
