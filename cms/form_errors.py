"""
Form errors that name their field.

Wagtail's `messages.validation_error` lists the errors with their fields' labels only when a
form has a non-field error; otherwise its message says "could not be saved" and leaves the
reader to find the red fields, often on another tab of the editor. Every admin form view
(pages, snippets, generic model views) calls it through the module, and no hook reaches it,
so `install()` replaces it there with one that always lists "Label: error" for each field
(and each inline child) under the message, next to Wagtail's "Đến lỗi đầu tiên" button.
"""

from __future__ import annotations

from django.contrib import messages as django_messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from wagtail.admin import messages


def _label(form, name: str) -> str:
    try:
        return str(form[name].label)
    except KeyError:
        return name


def _formset_errors(form):
    for formset in getattr(form, "formsets", {}).values():
        label = capfirst(formset.model._meta.verbose_name)
        for index, child in enumerate(formset.forms, start=1):
            if child.errors:
                for field, line in _field_errors(child):
                    yield f"{label} {index} – {field}" if field else f"{label} {index}", line
        for line in formset.non_form_errors():
            yield str(label), line


def _field_errors(form):
    for name, errors in form.errors.items():
        field = "" if name == NON_FIELD_ERRORS else _label(form, name)
        for line in errors:
            yield field, line


def named_errors(form) -> list[str]:
    """Each error of the form and its inline children, as "Label: message"."""
    lines = []
    for field, line in [*_field_errors(form), *_formset_errors(form)]:
        lines.append(f"{field}: {line}" if field else str(line))
    return lines


def validation_error(request, message, form, buttons=None):
    lines = named_errors(form)
    detail = ""
    if lines:
        items = format_html_join("\n", "<li>{}</li>", ((line,) for line in lines))
        detail = format_html('<ul class="errorlist">{}</ul>', items)
    return django_messages.error(request, messages.render(message, buttons, detail=detail))


def install() -> None:
    messages.validation_error = validation_error
