"""Forms of the scope, the review report and the strategy."""

from django import forms

from incluportal.forms import (
    MarkedBoundField,
    count_characters,
    mark_required_to_submit,
)
from incluportal.validators import group_length_limits, reject_nul
from schemes.models import Scope
from schemes.work.models.scope import SCOPE_FIELDS


def _texts(form, rows):
    for formfield in form.fields.values():
        formfield.widget = forms.Textarea(attrs={"rows": rows})
        formfield.validators.append(reject_nul)
        group_length_limits(formfield)
    count_characters(form)


class ScopeForm(forms.ModelForm):
    class Meta:
        model = Scope
        fields = list(SCOPE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _texts(self, 5)


class _SectionsForm(forms.ModelForm):
    # A section required before submitting is marked beside its label.
    bound_field_class = MarkedBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _texts(self, 6)
        for name, required in self._meta.model.SECTIONS:
            if required:
                mark_required_to_submit(self.fields[name])


def city_report_form_class(model):
    """The form of a review report or a strategy: one text a section."""
    return forms.modelform_factory(
        model,
        form=_SectionsForm,
        fields=[name for name, _required in model.SECTIONS],
    )
