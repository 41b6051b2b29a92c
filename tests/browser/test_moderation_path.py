"""In headless Chromium: the demo accounts take an exemplar from submission to release by three publishers."""

import re
import time
import warnings

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from wagtail.models import TaskState

from cms.models import Unit
from exemplar_pages.demo import DECISION_1136, merit_award
from exemplar_pages.models import ExemplarPage, UnitFolderPage
from vksnd.demo import ensure_demo_accounts
from workflows.models import ChannelRelease

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(db):
    ensure_demo_accounts()  # on the baseline, which setup_site made
    folder = UnitFolderPage.objects.get(unit__code="VKS-LAMDONG-2025", locale__language_code="vi")
    page = folder.add_child(
        instance=ExemplarPage(
            title="Cá nhân mẫu G (dữ liệu mẫu)",
            unit=Unit.objects.get(code="VKS-LAMDONG-2025"),
            achievement_period="2024",
            achievements=[("achievement", "Thành tích mẫu.")],
            awards=[merit_award(DECISION_1136)],
            live=False,
        )
    )
    page.save_revision()
    return page


# Clicks people make, counted as the walks go (README, "Quy trình duyệt": the figures).
CLICKS = {"propose": 0, "chain": 0}


def click(locator, count: str = "chain", **kwargs):
    CLICKS[count] += 1
    locator.click(**kwargs)


def what_the_server_holds(page, draft, username) -> str:
    """The workflow as the server has it and the editor as the browser shows it, for a failure's log."""
    draft = ExemplarPage.objects.get(pk=draft.pk)
    state = draft.current_workflow_state
    revisions = [(r.pk, str(r.user), r.created_at.time().isoformat()) for r in draft.revisions.order_by("pk")]
    tasks = [
        (t.task.name, t.status, t.revision_id, str(t.finished_by))
        for t in TaskState.objects.filter(workflow_state__object_id=str(draft.pk)).order_by("pk")
    ]
    footer = page.locator("footer").last
    return (
        f"{username} at {page.url}: workflow {state and state.status!r}, revisions {revisions}, "
        f"task states {tasks}, messages {page.locator('.messages').all_inner_texts()!r}, "
        f"footer {footer.inner_text() if footer.count() else None!r}"
    )


def open_actions(page, draft, username):
    toggle = page.locator("footer [data-w-dropdown-target='toggle']").last
    try:
        toggle.wait_for(state="visible", timeout=20_000)
    except PlaywrightTimeout:
        # Seen once in CI (2026-12-02) and never here: the editor without its action menu. Say
        # what the server and the screen held, then load the editor again; a second miss fails
        # with both accounts, a hit leaves the first in the warnings summary.
        first = what_the_server_holds(page, draft, username)
        page.reload()
        try:
            toggle.wait_for(state="visible")
        except PlaywrightTimeout:
            raise AssertionError(
                f"no action menu, twice: {first}; then {what_the_server_holds(page, draft, username)}"
            ) from None
        warnings.warn(f"the action menu came only on a second load: {first}", stacklevel=2)
    click(toggle)


def run_action(page, live_server, draft, username, label, login, modal_fill=None):
    """Log in as `username`, open the draft in the editor and pick `label` in the action menu."""
    page.context.clear_cookies()
    login(username)
    CLICKS["chain"] += 1  # the login form's button
    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    CLICKS["chain"] += 1  # the page, from the dashboard's "Chờ bạn duyệt" list
    open_actions(page, draft, username)
    click(page.get_by_role("button", name=re.compile(rf"^{label}$")))
    if modal_fill:
        modal_fill(page)
        # The modal hands its data to the editor, which then posts the action: wait for both
        # (on a loaded machine "networkidle" came before the editor's post).
        expect(page.locator(".modal-content")).to_be_hidden(timeout=20_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_load_state("load")


def test_the_demo_accounts_walk_an_exemplar_to_its_release_on_each_channel(page, live_server, login, draft):
    page.set_default_timeout(45_000)  # a shared, loaded machine renders the editor slowly

    def stage():
        return ExemplarPage.objects.get(pk=draft.pk).current_workflow_state.current_task_state.task.name

    def reaches(name: str) -> bool:
        # The modal's JavaScript posts the editor's form after "networkidle" may already have
        # been seen: wait for the server to record the action rather than race it.
        for _attempt in range(100):
            if stage() == name:
                return True
            time.sleep(0.2)
        return stage() == name

    run_action(page, live_server, draft, "lamdong.bientap", "Gửi duyệt theo .*", login)
    assert reaches("Xác nhận của thủ trưởng đơn vị")

    run_action(page, live_server, draft, "lamdong.lanhdao", "Xác nhận", login)
    assert reaches("Thẩm định thành tích")

    def verify(p):
        modal = p.locator(".modal-content")
        expect(modal).to_be_visible()
        modal.locator("select[name=recognition_level]").select_option("outstanding")
        CLICKS["chain"] += 1
        for code in ("portal", "newspaper", "journal"):
            checkbox = modal.locator(f"input[name=channels][value='{code}']")
            if not checkbox.is_checked():
                CLICKS["chain"] += 1
                checkbox.check()
        click(modal.locator("button[type=submit]"))

    run_action(page, live_server, draft, "thidua", "Thẩm định đạt", login, verify)
    assert reaches("Biên tập (Báo, Tạp chí)")

    def sign(p):
        modal = p.locator(".modal-content")
        expect(modal).to_contain_text("chưa có ý kiến")
        click(modal.locator("button[type=submit]"))

    run_action(page, live_server, draft, "tapchi", "Biên tập đạt", login, sign)
    run_action(page, live_server, draft, "baobvpl", "Biên tập đạt", login, sign)
    assert reaches("Phê duyệt đăng tải theo kênh")

    # Each channel by its own publisher, in any order: the page goes live with the first.
    def release(p):
        modal = p.locator(".modal-content")
        expect(modal).to_contain_text("chờ đăng tải")
        click(modal.locator("button[type=submit]"))

    def released(count: int) -> bool:
        # As above: wait for the server to record the release rather than race the editor's post.
        for _attempt in range(100):
            if ChannelRelease.objects.filter(page_id=draft.pk, status="released").count() >= count:
                return True
            time.sleep(0.2)
        return False

    run_action(page, live_server, draft, "baobvpl", "Đăng tải lên kênh", login, release)
    assert released(1)
    assert ExemplarPage.objects.get(pk=draft.pk).live
    run_action(page, live_server, draft, "vanphong", "Đăng tải lên kênh", login, release)
    assert released(2)
    run_action(page, live_server, draft, "tapchi", "Đăng tải lên kênh", login, release)
    assert released(3)
    published = ExemplarPage.objects.get(pk=draft.pk)
    assert published.live and published.current_workflow_state is None
    assert published.recognition_level == "outstanding"
    releases = ChannelRelease.objects.filter(page=published, status="released")
    assert sorted(releases.values_list("user__username", flat=True)) == ["baobvpl", "tapchi", "vanphong"]
    # Submission, confirmation, verification, two sign-offs, three releases: each a login, the
    # page, the action menu, the action and its dialog. The README gives this figure.
    print(f"clicks from submission to the third release: {CLICKS['chain']}")
    assert CLICKS["chain"] <= 45


def test_an_editor_proposes_from_the_dashboard_to_a_saved_draft_in_at_most_15_clicks(
    page, live_server, login
):
    ensure_demo_accounts()
    page.set_default_timeout(45_000)  # a shared, loaded machine renders the editor slowly
    CLICKS["propose"] = 0
    login("lamdong.bientap")
    click(
        page.get_by_role("link", name=re.compile(r"^Đề xuất gương điển hình — VKSND tỉnh Lâm Đồng")),
        "propose",
    )
    page.fill("#id_title", "Cá nhân mẫu H (dữ liệu mẫu)")
    page.fill("#id_position", "Kiểm sát viên trung cấp")
    click(page.get_by_role("tab", name="Thành tích & khen thưởng"), "propose")
    page.fill("#id_achievement_period", "2024")
    click(page.get_by_role("button", name=re.compile(r"^Thêm khen thưởng")), "propose")
    click(
        page.locator("#id_awards-0-award_form-chooser .unchosen [data-chooser-action-choose]").first,
        "propose",
    )
    modal = page.locator(".modal-content")
    modal.locator("input[name=q]").fill("bang khen chu tich")
    click(modal.get_by_role("link", name=re.compile("Bằng khen của Chủ tịch UBND")).first, "propose")
    expect(modal).to_be_hidden()
    page.fill("#id_awards-0-decision_number", "1136/QĐ-UBND")
    page.fill("#id_awards-0-decision_date", "03/06/2024")
    page.keyboard.press("Escape")  # the date picker
    click(page.get_by_role("button", name="Lưu bản nháp"), "propose")
    page.wait_for_load_state("load")
    expect(page.locator(".messages")).to_contain_text("Cá nhân mẫu H (dữ liệu mẫu)")

    saved = ExemplarPage.objects.get(title="Cá nhân mẫu H (dữ liệu mẫu)")
    draft = saved.get_latest_revision_as_object()
    assert [award.decision_number for award in draft.awards.all()] == ["1136/QĐ-UBND"]
    assert draft.unit.code == "VKS-LAMDONG-2025"  # preselected: the folder's unit
    print(f"clicks from the dashboard to a saved draft proposal: {CLICKS['propose']}")
    assert CLICKS["propose"] <= 15
