"""
The public's voice in a real browser: a reader comments under a story, a moderator approves it in
the admin, and a citizen sends an opinion on a nominee; both forms are axe-clean, in Vietnamese,
and load nothing from another origin.
"""

from __future__ import annotations

import pytest

from engagement.demo import OPEN_TITLE
from engagement.models import Comment, CommentStatus, Consultation, Opinion
from tests.browser.public_site import ENGLISH_LABELS, screens, words_of
from tests.helpers.axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

COMMENT = "Một tấm gương rất đáng để học tập, xin chúc mừng đồng chí."


@pytest.fixture
def reader(browser, live_server, settings):
    settings.COMMENT_MIN_SECONDS = 0  # a browser test types faster than a person
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: (
            request.url.startswith((live_server.url, "data:", "blob:")) or foreign.append(request.url)
        ),
    )
    page.foreign = foreign
    page.stamps = []
    page.on("request", lambda request: "/dau-thoi-gian/" in request.url and page.stamps.append(request.url))
    yield page
    context.close()


def test_a_reader_comments_and_a_moderator_approves(browser, reader, page, login, live_server, demo_database):
    story = live_server.url + screens("vi")["exemplar"][0]
    reader.goto(story)
    form = reader.locator("#gui-binh-luan")
    assert form.is_visible()
    assert serious_violations(reader) == []
    reader.get_by_label("Họ tên", exact=True).fill("Trần Thị Bình")
    reader.get_by_label("Thư điện tử (không bắt buộc, không công khai)").fill("binh@example.vn")
    reader.get_by_label("Bình luận", exact=True).fill(COMMENT)
    reader.get_by_role("button", name="Gửi bình luận").click()
    notice = reader.get_by_role("status")
    assert "đang chờ kiểm duyệt" in notice.inner_text()
    # The cached story had no stamp: the form fetched a fresh one from this site when touched.
    assert reader.stamps and all(url.startswith(live_server.url) for url in reader.stamps)
    assert COMMENT not in reader.locator("#binh-luan .comment-list").all_inner_texts().__str__()
    assert words_of(reader, ENGLISH_LABELS) == []
    assert Comment.objects.get(body=COMMENT).status == CommentStatus.PENDING

    # A refused submission shows Vietnamese errors on an axe-clean form (the browser itself
    # checks the required fields first).
    reader.goto(story)
    reader.get_by_label("Họ tên", exact=True).fill("Người quảng cáo")
    reader.get_by_label("Bình luận", exact=True).fill("http://a.example http://b.example http://c.example")
    reader.get_by_role("button", name="Gửi bình luận").click()
    assert "tối đa 2 liên kết" in reader.locator(".form-error").first.inner_text()
    assert serious_violations(reader) == []

    login("vanphong")
    comment = Comment.objects.get(body=COMMENT)
    page.goto(f"{live_server.url}/admin/snippets/engagement/comment/?status=pending")
    page.locator(f"input[data-bulk-action-checkbox][data-object-id='{comment.pk}']").check()
    page.get_by_role("link", name="Duyệt các bình luận đã chọn").click()
    page.get_by_role("button", name="Đồng ý").click()
    page.wait_for_url("**/admin/snippets/engagement/comment/**")
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.APPROVED

    # Another reader (the first one's browser may keep its copy for max-age=60 s) sees it at once.
    other = browser.new_context(locale="vi-VN").new_page()
    other.goto(story)
    assert COMMENT in other.locator("#binh-luan").inner_text()
    assert "(1) Bình luận" in other.locator("#binh-luan h2").inner_text()
    assert "binh@example.vn" not in other.content()
    other.context.close()
    assert reader.foreign == []


def test_a_citizen_sends_an_opinion_on_a_nominee(reader, live_server, demo_database):
    consultation = Consultation.objects.get(title=OPEN_TITLE)
    nominee = consultation.nominees.order_by("sort_order").first()
    reader.goto(f"{live_server.url}/lay-y-kien/")
    reader.get_by_role("link", name=OPEN_TITLE).click()
    assert reader.get_by_role("heading", level=1).inner_text() == OPEN_TITLE
    assert reader.get_by_role("link", name=nominee.name).first.is_visible()  # to the exemplar's page
    assert serious_violations(reader) == []
    reader.get_by_label("Ứng viên", exact=True).select_option(str(nominee.pk))
    reader.get_by_label("Họ tên", exact=True).fill("Lê Văn Công")
    reader.get_by_label("Địa chỉ liên hệ (điện thoại, thư điện tử hoặc địa chỉ)").fill("0912 345 678")
    reader.get_by_label("Ý kiến", exact=True).fill("Tôi xác nhận đồng chí có nhiều đóng góp.")
    reader.get_by_role("button", name="Gửi ý kiến").click()
    assert "đã được ghi nhận" in reader.get_by_role("status").first.inner_text()
    assert "0912 345 678" not in reader.content()
    assert words_of(reader, ENGLISH_LABELS) == []
    assert serious_violations(reader) == []
    assert Opinion.objects.filter(nominee=nominee, name="Lê Văn Công").exists()
    assert reader.foreign == []
