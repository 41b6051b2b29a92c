"""Forms of workflow actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm

from cms.models import Channel
from exemplar_pages.models import RecognitionLevel


def channel_choices() -> list[tuple[str, str]]:
    return [(channel.code, channel.name) for channel in Channel.objects.all()]


class VerificationForm(TaskStateCommentForm):
    """What the emulation & rewards role records when the achievements check out."""

    recognition_level = forms.ChoiceField(
        label=_("Mức độ điển hình"),
        choices=RecognitionLevel.choices,
        help_text=_("Ghi nhận sau khi đối chiếu thành tích với các quyết định khen thưởng."),
    )
    # Codes rather than model instances: when approving from the page editor, Wagtail sends
    # the cleaned data back to the browser as JSON before performing the action.
    channels = forms.MultipleChoiceField(
        label=_("Kênh đăng tải đề xuất"),
        choices=channel_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kênh của Báo và Tạp chí sẽ qua bước biên tập của cơ quan đó."),
    )


class ReleaseForm(TaskStateCommentForm):
    """The channels a publisher releases now (all of theirs when none is ticked)."""

    channels = forms.MultipleChoiceField(
        label=_("Kênh đăng tải"),
        choices=channel_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Chỉ các kênh bạn phụ trách và đang chờ; không chọn kênh nào là đăng lên tất cả các kênh đó."
        ),
    )


class WithholdForm(ReleaseForm):
    """A channel kept back, with the reason the proposer reads."""

    reason = forms.CharField(
        label=_("Lý do tạm giữ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Người đề xuất nhận được lý do này."),
    )
