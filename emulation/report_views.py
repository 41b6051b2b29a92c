"""The yearly report in the admin: filters, tables, bar charts drawn on the server as SVG, exports."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.models import Unit

from .access import is_emulation_office, user_unit_ids
from .report import Table, build_report, to_csv, to_xlsx

BAR_HEIGHT = 22
CHART_WIDTH = 640
LABEL_WIDTH = 260


class ReportFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)


def bar_chart(table: Table) -> dict:
    """Bars of the first numeric column (proposed, or count) per row: geometry for the SVG template."""
    rows = [r for r in table.rows[:15] if isinstance(r[1] if len(r) > 1 else None, int | float)]
    largest = max((r[1] for r in rows), default=0) or 1
    bars = []
    for index, row in enumerate(rows):
        width = round((CHART_WIDTH - LABEL_WIDTH - 50) * row[1] / largest)
        bars.append(
            {"label": str(row[0])[:40], "value": row[1], "y": index * BAR_HEIGHT, "width": max(width, 1)}
        )
    return {
        "bars": bars,
        "height": len(bars) * BAR_HEIGHT,
        "width": CHART_WIDTH,
        "label_width": LABEL_WIDTH,
        "title": table.title,
        "series": table.headers[1] if len(table.headers) > 1 else "",
    }


class YearReportView(WagtailAdminTemplateMixin, TemplateView):
    """Báo cáo thi đua năm: emulation & rewards sees every unit, a unit its own."""

    template_name = "emulation/year_report.html"
    page_title = _("Báo cáo thi đua, khen thưởng năm")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        self.office = is_emulation_office(request.user)
        self.own_units = None if self.office else user_unit_ids(request.user)
        if not self.office and not self.own_units:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self) -> ReportFilterForm:
        data = self.request.GET.copy()
        data.setdefault("year", str(timezone.localdate().year))
        form = ReportFilterForm(data)
        units = Unit.objects.filter(is_contributing=True)
        if self.own_units is not None:
            units = units.filter(pk__in=self.own_units)
        form.fields["unit"].queryset = units.order_by("short_name")
        return form

    def get(self, request, *args, **kwargs):
        self.form = self.get_form()
        if self.form.is_valid():
            year = self.form.cleaned_data["year"]
            unit = self.form.cleaned_data["unit"]
            unit_ids = unit.descendant_ids() if unit else self.own_units
            self.report = build_report(year, unit_ids)
        else:
            self.report = None
        export = request.GET.get("export")
        if self.report and export == "xlsx":
            response = HttpResponse(
                to_xlsx(self.report),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="bao-cao-thi-dua-{self.report.year}.xlsx"'
            )
            return response
        if self.report and export == "csv":
            response = HttpResponse(to_csv(self.report), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="bao-cao-thi-dua-{self.report.year}.csv"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("export", None)
        context.update(
            form=self.form,
            report=self.report,
            charts=[bar_chart(t) for t in self.report.tables if t.chart and t.rows] if self.report else [],
            query=query.urlencode(),
        )
        return context
