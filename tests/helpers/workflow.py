"""Steps of walking pages through the workflows via the admin views, as people do."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from cms.models import CoordinatingRole
from exemplar_pages.models import ExemplarPage
from tests.factories import UserFactory
from tests.helpers.forms import award_row, exemplar_form


def role_user(code: str, username: str):
    """A user in the group of a coordinating role."""
    return UserFactory(username=username, groups=[CoordinatingRole.objects.get(code=code).group])


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def submit_new_exemplar(people, folder, bang_khen, **award) -> ExemplarPage:
    client = as_user(people["editor"])
    data = exemplar_form(folder.unit, awards=[award_row(bang_khen, **award)])
    data["action-submit"] = "1"
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("exemplar_pages", "exemplarpage", folder.pk)), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ExemplarPage.objects.get()
    assert page.current_workflow_state is not None
    return page


def act(user, page, action, **data):
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return as_user(user).post(url, data)


def current_task_name(page) -> str:
    page.refresh_from_db()
    state = page.current_workflow_state
    return state.current_task_state.task.name if state else ""


def confirm_and_verify(people, page, *channel_codes: str, level: str = "typical") -> None:
    """The unit head confirms, then emulation & rewards verifies with these channels."""
    act(people["head"], page, "approve")
    act(people["emulation"], page, "approve", recognition_level=level, channels=list(channel_codes))


def channels(*codes: str) -> list[str]:
    """Channel codes as the verification form posts them."""
    return list(codes)


RELEASE_STAGE = "Phê duyệt đăng tải theo kênh"

# Who releases each channel in the demo data (cms/data/channels.json): (people key, channel).
PUBLISHERS = {"portal": "office", "public": "office", "newspaper": "newspaper", "journal": "journal"}


def release(people, page, *codes: str, who: str | None = None):
    """The channels' own publishers release them (one post per publisher)."""
    by_person: dict[str, list[str]] = {}
    for code in codes:
        by_person.setdefault(who or PUBLISHERS.get(code, "office"), []).append(code)
    responses = [
        act(people[person], page, "approve", channels=list(chosen)) for person, chosen in by_person.items()
    ]
    return responses[-1] if responses else None
