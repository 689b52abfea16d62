"""Forms built from the annex declarations (``schemes.annexes``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from schemes.annexes import FieldKind, SensitiveIssue
from schemes.models import GoodPractice, SupportGroupMember


def _reject_nul(value):
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(_("This text contains a null character."))


class AnnexPartForm(forms.ModelForm):
    """One annex part: its fields in the template's order, labelled with the
    template's questions."""

    part = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for annex_field in self.part.fields:
            formfield = self.fields[annex_field.name]
            formfield.label = annex_field.label
            formfield.help_text = annex_field.help_text
            if annex_field.kind == FieldKind.TICKLIST:
                self.fields[annex_field.name] = forms.MultipleChoiceField(
                    label=annex_field.label,
                    help_text=annex_field.help_text,
                    choices=SensitiveIssue.choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
                self.fields[annex_field.name + "_text"].widget = forms.Textarea(
                    attrs={"rows": 3}
                )
            elif annex_field.kind in (FieldKind.TEXT, FieldKind.URLS):
                formfield.widget = forms.Textarea(attrs={"rows": 4})
        for formfield in self.fields.values():
            formfield.validators.append(_reject_nul)

    def clean(self):
        cleaned = super().clean()
        for annex_field in self.part.fields:
            if annex_field.kind == FieldKind.URLS:
                validate = URLValidator(schemes=["http", "https"])
                for line in (cleaned.get(annex_field.name) or "").splitlines():
                    if line.strip():
                        try:
                            validate(line.strip())
                        except ValidationError:
                            self.add_error(
                                annex_field.name,
                                _(
                                    "“%(line)s” is not a web address (http:// or https://)."
                                )
                                % {"line": line.strip()[:100]},
                            )
        return cleaned


def part_form_class(model, part):
    """A ModelForm class for one annex part of a document model."""
    meta = type("Meta", (), {"model": model, "fields": part.field_names()})
    return type(
        f"{model.__name__}{part.key}Form",
        (AnnexPartForm,),
        {"Meta": meta, "part": part},
    )


class MentorLinksForm(forms.Form):
    """Annex 3 Part A links: key factors the city is strong in, its good practices."""

    key_factors = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Key factors your city is strong in"),
        widget=forms.CheckboxSelectMultiple,
    )
    good_practices = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Your good practices"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, key_factors, good_practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_factors"].queryset = key_factors
        self.fields["good_practices"].queryset = good_practices


class GoodPracticeMetaForm(forms.ModelForm):
    """What the library needs beyond the template: themes, key factors, year."""

    class Meta:
        model = GoodPractice
        fields = ["themes", "key_factors", "start_year", "is_public"]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "key_factors": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        from benchmarks.models import FrameworkKind, KeyFactor

        super().__init__(*args, **kwargs)
        self.fields["key_factors"].queryset = KeyFactor.objects.filter(
            benchmark__kind=FrameworkKind.BENCHMARK
        ).select_related("benchmark")
        self.fields["key_factors"].label_from_instance = lambda kf: (
            f"{kf.benchmark.title} – {kf}"
        )


class SupportGroupMemberForm(forms.ModelForm):
    class Meta:
        model = SupportGroupMember
        fields = [
            "name",
            "organisation",
            "stakeholder_type",
            "represents_migrants",
            "role",
            "contact",
            "visits_attended",
        ]
        widgets = {"visits_attended": forms.CheckboxSelectMultiple}

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this scheme's visits: another scheme's ids are not choices.
        self.fields["visits_attended"].queryset = scheme.visits.all()
        for formfield in self.fields.values():
            formfield.validators.append(_reject_nul)
