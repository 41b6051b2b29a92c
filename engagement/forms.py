"""
The public's forms: a comment under a story, an opinion on a nominee. Both work without
JavaScript and carry two guards instead of a captcha (the network may be closed): a field
people never see (bots fill it) and a signed stamp of when the form was made (too fast, too
old or for another page is refused). Bad input is a form error, never a 500.

A form on a cached page (the comment form under a story) is made without a stamp: a stamp in
a cached copy is as old as the copy and would prove nothing. The page fetches a fresh one from
an uncached address of the site when the reader first touches the form (public_site/voice.py);
without JavaScript the first post comes back once with a fresh stamp, to be confirmed.
"""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from media.validators import validate_document_file

from .text import clean_text, count_links

STAMP_SALT = "engagement.form-stamp"
OPINION_MAX_BYTES = 10 * 1024 * 1024


def make_stamp(target: str) -> str:
    """A signed note of which form this is and when it was made."""
    return signing.dumps({"f": target, "t": int(time.time())}, salt=STAMP_SALT)


class GuardedForm(forms.Form):
    """A honeypot and a submission-time stamp (see the module docstring)."""

    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, target: str, stamped: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.target = target
        if not self.is_bound and stamped:
            self.initial["stamp"] = make_stamp(target)
        self.is_spam = False

    def refresh_stamp(self) -> None:
        """A bound form shown again (with its errors) carries a stamp made now."""
        self.data = self.data.copy()
        self.data[self.add_prefix("stamp")] = make_stamp(self.target)

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            self.is_spam = True
            raise forms.ValidationError(_("Không gửi được. Vui lòng thử lại."), code="honeypot")
        return ""

    def clean_stamp(self) -> str:
        if not self.cleaned_data.get("stamp"):
            # A cached page's form sent without JavaScript: shown again with a fresh stamp.
            raise forms.ValidationError(
                _("Vui lòng kiểm tra lại nội dung và bấm gửi lần nữa để xác nhận."), code="stamp_missing"
            )
        error = forms.ValidationError(
            _("Biểu mẫu đã quá hạn hoặc gửi quá nhanh. Vui lòng tải lại trang và gửi lại."), code="stamp"
        )
        try:
            data = signing.loads(
                self.cleaned_data["stamp"], salt=STAMP_SALT, max_age=settings.COMMENT_FORM_MAX_AGE
            )
        except signing.BadSignature:
            raise error from None
        if not isinstance(data, dict) or data.get("f") != self.target:
            raise error
        if time.time() - int(data.get("t", 0)) < settings.COMMENT_MIN_SECONDS:
            raise error
        return self.cleaned_data["stamp"]


def _clean_field(value: str, *, max_length: int, label) -> str:
    value = clean_text(value)
    if not value:
        raise forms.ValidationError(_("Vui lòng nhập %(label)s.") % {"label": label}, code="required")
    if len(value) > max_length:
        raise forms.ValidationError(
            _("%(label)s dài tối đa %(limit)d ký tự (hiện có %(count)d).")
            % {"label": label, "limit": max_length, "count": len(value)},
            code="max_length",
        )
    return value


class CommentForm(GuardedForm):
    """Họ tên, thư điện tử (không bắt buộc, không công khai), nội dung."""

    name = forms.CharField(
        label=_("Họ tên"), max_length=200, error_messages={"required": _("Vui lòng nhập họ tên.")}
    )
    email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc, không công khai)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    body = forms.CharField(
        label=_("Bình luận"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        error_messages={"required": _("Vui lòng nhập nội dung bình luận.")},
    )
    field_order = ["name", "email", "body", "website", "stamp"]

    def clean_name(self) -> str:
        return _clean_field(self.cleaned_data["name"], max_length=80, label=_("họ tên"))

    def clean_body(self) -> str:
        body = _clean_field(
            self.cleaned_data["body"], max_length=settings.COMMENT_MAX_LENGTH, label=_("bình luận")
        )
        if count_links(body) > settings.COMMENT_MAX_LINKS:
            raise forms.ValidationError(
                _("Bình luận chứa tối đa %(limit)d liên kết.") % {"limit": settings.COMMENT_MAX_LINKS},
                code="links",
            )
        return body


class OpinionForm(GuardedForm):
    """An opinion on one nominee: name, contact (the council may verify), text, an optional file."""

    nominee = forms.TypedChoiceField(
        label=_("Ứng viên"),
        coerce=int,
        error_messages={"invalid_choice": _("Vui lòng chọn ứng viên trong danh sách.")},
    )
    name = forms.CharField(
        label=_("Họ tên"), max_length=200, error_messages={"required": _("Vui lòng nhập họ tên.")}
    )
    contact = forms.CharField(
        label=_("Địa chỉ liên hệ (điện thoại, thư điện tử hoặc địa chỉ)"),
        max_length=500,
        error_messages={"required": _("Vui lòng nhập địa chỉ liên hệ để Hội đồng có thể xác minh.")},
    )
    body = forms.CharField(
        label=_("Ý kiến"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        error_messages={"required": _("Vui lòng nhập ý kiến.")},
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc; PDF, DOCX, XLSX, JPG, PNG, WebP; tối đa 10 MB)"),
        required=False,
    )
    field_order = ["nominee", "name", "contact", "body", "attachment", "website", "stamp"]

    def __init__(self, *args, nominees, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominee"].choices = [("", _("— Chọn ứng viên —"))] + [(n.pk, n.name) for n in nominees]

    def clean_name(self) -> str:
        return _clean_field(self.cleaned_data["name"], max_length=120, label=_("họ tên"))

    def clean_contact(self) -> str:
        return _clean_field(self.cleaned_data["contact"], max_length=255, label=_("địa chỉ liên hệ"))

    def clean_body(self) -> str:
        return _clean_field(self.cleaned_data["body"], max_length=5000, label=_("ý kiến"))

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if not file:
            return None
        if file.size > OPINION_MAX_BYTES:
            raise forms.ValidationError(_("Tệp đính kèm lớn hơn 10 MB."), code="file_size")
        validate_document_file(file)
        return file
