"""The public sends opinions on nominees during a fixed window; opinions are never public."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from engagement import consultations as services
from engagement.models import ConsultationView, Opinion
from tests.helpers.api import API
from tests.helpers.voice import ORIGIN, opinion_data
from tests.helpers.workflow import as_user, role_user

pytestmark = pytest.mark.django_db

SECRET_OPINION = "Ý kiến kín về ứng viên 9137"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()


@pytest.fixture
def open_consultation(make_consultation, make_exemplar):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    return make_consultation(nominees=[exemplar, {"name": "Phòng 1 VKSND tỉnh Bình Thuận"}])


def send(client, consultation, **fields):
    nominee = fields.pop("nominee", None) or consultation.nominees.first().pk
    return client.post(
        f"/lay-y-kien/{consultation.pk}/",
        opinion_data(consultation.pk, nominee, **fields),
        HTTP_ORIGIN=ORIGIN,
    )


def test_the_page_lists_nominees_with_links_to_their_exemplars(client, open_consultation):
    html = client.get(f"/lay-y-kien/{open_consultation.pk}/").content.decode()
    exemplar = open_consultation.nominees.first().exemplar
    assert f'<a href="{exemplar.url}">Nguyễn Văn Đức</a>' in html
    assert "Phòng 1 VKSND tỉnh Bình Thuận" in html and "750/VKSTC-VP" in html
    assert "Gửi ý kiến" in html and "Đang lấy ý kiến" in html
    index = client.get("/lay-y-kien/").content.decode()
    assert open_consultation.title in index


def test_an_opinion_is_recorded_and_never_shown(client, open_consultation):
    response = send(client, open_consultation, body=SECRET_OPINION)
    assert response.status_code == 303
    opinion = Opinion.objects.get()
    assert opinion.body == SECRET_OPINION and opinion.channel.code == "portal"
    thanks = client.get(response["Location"]).content.decode()
    assert "đã được ghi nhận" in thanks
    for url in (
        f"/lay-y-kien/{open_consultation.pk}/",
        "/lay-y-kien/",
        f"{API}/consultations/",
        f"{API}/consultations/{open_consultation.pk}/",
        "/sitemap.xml",
        "/",
    ):
        body = client.get(url).content.decode()
        assert SECRET_OPINION not in body and "0912 345 678" not in body, url


def test_an_attachment_goes_through_the_upload_checks(client, open_consultation, media_root):
    fake = SimpleUploadedFile("bang-chung.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = send(client, open_consultation, attachment=fake)
    assert refused.status_code == 400 and "Chỉ nhận tài liệu" in refused.content.decode()
    pdf = SimpleUploadedFile(
        "Bằng chứng.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    )
    assert send(client, open_consultation, attachment=pdf).status_code == 303
    assert Opinion.objects.get().attachment.name.endswith("/bang-chung.pdf")


@pytest.mark.parametrize(
    "opens_in, message",
    [(datetime.timedelta(days=2), "chưa mở"), (datetime.timedelta(days=-20), "đã kết thúc")],
)
def test_outside_the_window_the_form_is_closed(client, make_consultation, opens_in, message):
    consultation = make_consultation(opens_in=opens_in)
    page = client.get(f"/lay-y-kien/{consultation.pk}/").content.decode()
    assert message in page and 'enctype="multipart/form-data"' not in page
    response = send(client, consultation)
    assert response.status_code == 409 and message in response.content.decode()
    assert not Opinion.objects.exists()


def test_a_draft_consultation_is_nowhere(client, make_consultation):
    draft = make_consultation(live=False)
    assert client.get(f"/lay-y-kien/{draft.pk}/").status_code == 404
    assert client.get(f"{API}/consultations/{draft.pk}/").status_code == 404
    assert client.get(f"{API}/consultations/").json()["items"] == []


def test_the_api_gives_nominees_window_and_state(client, open_consultation):
    data = client.get(f"{API}/consultations/{open_consultation.pk}/").json()
    assert data["state"] == "open" and data["legal_basis"] == "750/VKSTC-VP"
    first, second = data["nominees"]
    assert first["exemplar"]["id"] == open_consultation.nominees.first().exemplar_id
    assert second["exemplar"] is None and second["name"] == "Phòng 1 VKSND tỉnh Bình Thuận"
    assert set(first) == {
        "id",
        "name",
        "position_unit",
        "summary",
        "proposed_award",
        "position_unit_en",
        "summary_en",
        "proposed_award_en",
        "exemplar",
    }


def test_views_are_counted_per_channel_and_day_and_the_report_matches(client, open_consultation, media_root):
    for _ in range(3):
        client.get(f"/lay-y-kien/{open_consultation.pk}/")
    send(client, open_consultation, body="Ý kiến một")
    send(client, open_consultation, body="Ý kiến hai", nominee=open_consultation.nominees.last().pk)
    assert services.flush_views() == 3  # posting an opinion is no view
    assert services.flush_views() == 0
    client.get(f"/lay-y-kien/{open_consultation.pk}/")
    report = services.report(open_consultation)  # flushes first
    portal = open_consultation.channels.get(code="portal").name
    assert report.views_by_channel == {portal: 4} and report.total_views == 4
    assert [len(opinions) for _nominee, opinions in report.nominees] == [1, 1]
    book = load_workbook(io.BytesIO(services.report_xlsx(report)))
    rows = list(book["Lượt truy cập"].iter_rows(values_only=True))
    assert rows[-1] == ("Tổng cộng", "", 4) or rows[-1][2] == 4
    texts = [row[-1] for row in book["Ý kiến"].iter_rows(min_row=2, values_only=True)]
    assert texts == ["Ý kiến một", "Ý kiến hai"]
    assert ConsultationView.objects.get().count == 4


def test_emulation_and_rewards_reads_the_report_and_nobody_else(client, open_consultation):
    send(client, open_consultation, body=SECRET_OPINION)
    url = reverse("engagement_consultation_report", args=[open_consultation.pk])
    thidua = as_user(role_user("emulation_rewards", "thidua-kd"))
    assert SECRET_OPINION in thidua.get(url).content.decode()
    xlsx = thidua.get(url + "?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    docx = thidua.get(url + "?export=docx")
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert (
        "BÁO CÁO KẾT QUẢ LẤY Ý KIẾN NHÂN DÂN" in text and "750/VKSTC-VP" in text and SECRET_OPINION in cells
    )
    newspaper = as_user(role_user("newspaper", "baobvpl-kd"))
    assert SECRET_OPINION not in newspaper.get(url, follow=True).content.decode()


def test_the_docx_report_has_headings_per_section_and_nominee_and_tables_of_opinions(
    client, open_consultation, media_root
):
    for _ in range(2):
        client.get(f"/lay-y-kien/{open_consultation.pk}/")
    send(client, open_consultation, body=SECRET_OPINION)
    document = Document(io.BytesIO(services.report_docx(services.report(open_consultation))))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    first, second = (nominee.name for nominee in open_consultation.nominees.order_by("sort_order"))
    assert headings == [
        ("Heading 1", "I. Lượt truy cập theo kênh"),
        ("Heading 1", "II. Ý kiến theo ứng viên"),
        ("Heading 2", f"1. {first} (1)"),
        ("Heading 2", f"2. {second} (0)"),
    ]
    views, opinions = document.tables
    portal = open_consultation.channels.get(code="portal").name
    assert [[cell.text for cell in row.cells] for row in views.rows] == [
        ["Kênh", "Lượt truy cập"],
        [portal, "2"],
        ["Tổng cộng", "2"],
    ]
    assert [cell.text for cell in opinions.rows[0].cells] == [
        "Người gửi",
        "Liên hệ",
        "Kênh",
        "Gửi lúc",
        "Ý kiến",
    ]
    assert opinions.rows[1].cells[-1].text == SECRET_OPINION and len(opinions.rows) == 2
    assert "Chưa có ý kiến." in [p.text for p in document.paragraphs]


def test_closing_notifies_emulation_and_rewards_once(make_consultation, mailoutbox):
    role_user("emulation_rewards", "thidua-kd")
    make_consultation(opens_in=datetime.timedelta(days=-20))
    assert services.notify_closed() == 1 and "đã kết thúc" in mailoutbox[0].subject
    assert services.notify_closed() == 0 and len(mailoutbox) == 1
