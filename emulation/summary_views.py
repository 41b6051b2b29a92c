"""Import and export of summary lists in the admin (the same checks as the command)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from exemplar_pages.models import ExemplarPage

from .access import is_emulation_office, units_for_choice, user_unit_ids
from .achievement_report import exemplar_report, nomination_report
from .models import Nomination, NominationRound, RoundStatus
from .summary_list import export_summary_list, import_summary_list

MAX_UPLOAD = 5 * 1024 * 1024


class ImportForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Đợt xét"), queryset=NominationRound.objects.none())
    unit = forms.ModelChoiceField(
        label=_("Đơn vị đề nghị"),
        queryset=None,
        required=False,
        help_text=_("Cho các tệp không có cột “Đơn vị đề nghị”."),
    )
    file = forms.FileField(label=_("Tệp danh sách trích ngang (XLSX)"))
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, chưa ghi"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise ValidationError(_("Tệp lớn hơn 5 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Chỉ nhận tệp XLSX."))
        return upload


class SummaryListImportView(WagtailAdminTemplateMixin, FormView):
    """Nhập danh sách trích ngang: every row checked; a file with any bad row writes nothing."""

    template_name = "emulation/import.html"
    form_class = ImportForm
    page_title = _("Nhập danh sách trích ngang")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.office = is_emulation_office(request.user)
        if not (self.office or request.user.has_perm("emulation.add_nomination")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        rounds = (
            NominationRound.objects.all()
            if self.office
            else NominationRound.objects.filter(status=RoundStatus.OPEN)
        )
        form.fields["round"].queryset = rounds
        form.fields["unit"].queryset = units_for_choice(self.request.user).order_by("short_name")
        return form

    def form_valid(self, form):
        allowed = None if self.office else user_unit_ids(self.request.user)
        try:
            report = import_summary_list(
                form.cleaned_data["file"],
                form.cleaned_data["round"],
                default_unit=form.cleaned_data["unit"],
                allowed_units=allowed,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form, report=report))


def summary_list_export(request, pk: int) -> HttpResponse:
    """A round's summary list as XLSX: every row for the office, a unit's own rows for the unit."""
    round = get_object_or_404(NominationRound, pk=pk)
    nominations = round.nominations.all()
    if not is_emulation_office(request.user):
        own = user_unit_ids(request.user)
        if not own:
            raise PermissionDenied
        nominations = nominations.filter(unit_id__in=own)
    response = HttpResponse(
        export_summary_list(round, nominations),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="danh-sach-trich-ngang-{round.pk}.xlsx"'
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def exemplar_report_docx(request, pk: int) -> HttpResponse:
    """An exemplar's achievement report, for the office and for the people of its unit."""
    page = get_object_or_404(ExemplarPage, pk=pk)
    if not (is_emulation_office(request.user) or page.unit_id in user_unit_ids(request.user)):
        raise PermissionDenied
    return _docx(exemplar_report(page), f"bao-cao-thanh-tich-{page.slug}.docx")


def nomination_report_docx(request, pk: int) -> HttpResponse:
    """A nomination's achievement report, for the office and for the proposing unit."""
    nomination = get_object_or_404(Nomination.objects.select_related("unit", "round", "exemplar"), pk=pk)
    if not (is_emulation_office(request.user) or nomination.unit_id in user_unit_ids(request.user)):
        raise PermissionDenied
    return _docx(nomination_report(nomination), f"bao-cao-thanh-tich-de-nghi-{nomination.pk}.docx")
