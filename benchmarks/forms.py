from django import forms
from django.utils.translation import gettext_lazy as _


class BenchmarkFilterForm(forms.Form):
    theme = forms.ModelChoiceField(
        queryset=None, required=False, empty_label=_("All themes"), label=_("Theme")
    )
    kind = forms.ChoiceField(required=False, label=_("Kind"))

    def __init__(self, *args, **kwargs):
        from benchmarks.models import FrameworkKind, Theme

        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["theme"].to_field_name = "slug"
        self.fields["kind"].choices = [("", _("All kinds")), *FrameworkKind.choices]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
