from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kieubao.core.provinces import province_choices

from .models import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "CSV in UTF-8, UTF-16 or Windows-1258, or an Excel workbook; text typed in TCVN3 "
            "(ABC) or VNI is recognised and converted."
        ),
    )
    sheet = forms.CharField(
        label=_("Sheet (XLSX)"), required=False, max_length=100, help_text=_("Default: the first.")
    )
    province = forms.TypedChoiceField(label=_("Province"), coerce=int, required=False)

    def __init__(self, *args, choose_province: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if choose_province:
            self.fields["province"].choices = [("", "—"), *province_choices()]
            self.fields["province"].required = True
        else:
            del self.fields["province"]
