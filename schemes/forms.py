"""Forms built from the annex declarations (``schemes.work.annexes``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incluportal.forms import (
    LocalDecimalField,
    MarkedBoundField,
    ModelMultipleChoiceField,
    count_characters,
    mark_required_to_submit,
)
from incluportal.validators import group_length_limits, reject_nul
from schemes.models import (
    ActionPlanRow,
    GoodPractice,
    Organisation,
    SupportGroupMember,
    Visit,
)
from schemes.selectors import visit_team_candidates
from schemes.work import timeline
from schemes.work.annexes import FieldKind, SensitiveIssue
from schemes.work.services.action_plans import decision_too_early


class AnnexPartForm(forms.ModelForm):
    """One annex part: its fields in the template's order, labelled with the
    template's questions."""

    part = None
    bound_field_class = MarkedBoundField

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
            elif annex_field.kind == FieldKind.MONEY:
                # "98,5" typed in Latvian or French is 98.5, never 985.
                self.fields[annex_field.name] = LocalDecimalField(
                    label=annex_field.label,
                    help_text=annex_field.help_text,
                    required=formfield.required,
                    max_digits=formfield.max_digits,
                    decimal_places=formfield.decimal_places,
                    min_value=0,
                )
            elif annex_field.kind in (FieldKind.TEXT, FieldKind.URLS):
                formfield.widget = forms.Textarea(attrs={"rows": 4})
            if annex_field.required:
                mark_required_to_submit(self.fields[annex_field.name])
        count_characters(self)
        for formfield in self.fields.values():
            formfield.validators.append(reject_nul)
            group_length_limits(formfield)

    def clean(self):
        cleaned = super().clean()
        for annex_field in self.part.fields:
            if (
                annex_field.kind == FieldKind.TICKLIST
                and SensitiveIssue.OTHER in (cleaned.get(annex_field.name) or [])
                and not (cleaned.get(annex_field.name + "_text") or "").strip()
            ):
                self.add_error(
                    annex_field.name + "_text",
                    _("Explain what “other” means here."),
                )
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

    key_factors = ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Key factors your city is strong in"),
        widget=forms.CheckboxSelectMultiple,
    )
    good_practices = ModelMultipleChoiceField(
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
        field_classes = {
            "themes": ModelMultipleChoiceField,
            "key_factors": ModelMultipleChoiceField,
        }
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            # Boxes to tick: a <select multiple> needs Ctrl-click, which
            # few know, and loses the choice at the first plain click.
            "key_factors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        from benchmarks.models import FrameworkKind, KeyFactor

        super().__init__(*args, **kwargs)
        self.fields["key_factors"].queryset = (
            KeyFactor.objects.current()
            .filter(benchmark__kind=FrameworkKind.BENCHMARK)
            .select_related("benchmark")
        )
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
        field_classes = {"visits_attended": ModelMultipleChoiceField}

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this scheme's visits: another scheme's ids are not choices.
        self.fields["visits_attended"].queryset = scheme.visits.all()
        for formfield in self.fields.values():
            formfield.validators.append(reject_nul)
            group_length_limits(formfield)


class TimelineField(forms.CharField):
    """When an action takes place, as people write it: a day, a month, a
    quarter, a year or a range of them (``schemes.work.timeline``). Cleans to
    a ``Timeline``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", _("e.g. 03.2024 – 06.2024"))
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        text = super().to_python(value) or ""
        try:
            return timeline.parse(text)
        except timeline.TimelineError as error:
            if error.code == "order":
                raise ValidationError(
                    _("The end cannot come before the start."), code="order"
                ) from None
            raise ValidationError(
                _(
                    "Write a day, a month, a quarter or a range of them, for "
                    "example 12.03.2024, 03.2024, March 2024, Q3 2024 or "
                    "03.2024 – 06.2024."
                ),
                code="invalid",
            ) from None

    def validate(self, value):
        return None

    def run_validators(self, value):
        return None


class ActionPlanRowForm(forms.ModelForm):
    timeline = TimelineField(label=_("Timeline"))

    # The order on the screen, so the first field in error is the first seen.
    field_order = [
        "action",
        "results",
        "timeline",
        "leads",
        "resources",
        "success",
        "need",
        "key_factor",
        "added_at_visit",
    ]

    class Meta:
        model = ActionPlanRow
        fields = [
            "action",
            "results",
            "leads",
            "resources",
            "success",
            "need",
            "key_factor",
            "added_at_visit",
        ]
        widgets = {
            "action": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "resources": forms.Textarea(attrs={"rows": 3}),
            "success": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, **kwargs):
        from schemes.work.annexes import ACTION_PLAN_COLUMNS

        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            # A row's form opens inside the plan, beside the form that adds
            # one: its own ids keep each label tied to its own field.
            kwargs.setdefault("auto_id", f"id_row{instance.pk}_%s")
        super().__init__(*args, **kwargs)
        columns = {c.key: c for c in ACTION_PLAN_COLUMNS}
        for key in ("action", "results", "leads", "resources", "success"):
            self.fields[key].label = columns[key].title
            self.fields[key].help_text = columns[key].help_text
        self.fields["timeline"].label = columns["timeline"].title
        self.fields["timeline"].help_text = _(
            "%(question)s A day, a month, a quarter or a range: 12.03.2024, "
            "03.2024, Q3 2024, 03.2024 – 06.2024."
        ) % {"question": columns["timeline"].help_text}
        scheme = plan.scheme
        # Only this scheme's key factors and visits can be chosen.
        factors = self.fields["key_factor"].queryset.none()
        if scheme.benchmark_id:
            factors = scheme.benchmark.key_factors.all()
        self.fields["key_factor"].queryset = factors
        self.fields["added_at_visit"].queryset = scheme.visits.all()
        if self.instance.pk:
            # As every page prints it, which reads back the same.
            self.initial["timeline"] = timeline.display(self.instance)
        count_characters(self)
        for field in self.fields.values():
            field.validators.append(reject_nul)
            group_length_limits(field)

    def values(self):
        data = self.cleaned_data
        when = data["timeline"]
        return {
            "action": data["action"],
            "results": data["results"],
            "start": when.start,
            "start_precision": when.start_precision,
            "end": when.end,
            "end_precision": when.end_precision,
            "leads": data["leads"],
            "resources": data["resources"],
            "success": data["success"],
            "need": data["need"],
            "key_factor": data["key_factor"],
            "added_at_visit": data["added_at_visit"],
        }


class PlanApprovalForm(forms.Form):
    """The council's decision on ``version``, the one submitted to it."""

    decision_date = forms.DateField(
        label=_("Date of the council's decision"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    decision_reference = forms.CharField(
        label=_("Reference of the decision"), max_length=200
    )

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        if version is not None:
            # The browser's date picker offers no earlier day.
            first = timezone.localdate(version.frozen_at)
            self.fields["decision_date"].widget.attrs["min"] = first.isoformat()

    def clean_decision_date(self):
        day = self.cleaned_data["decision_date"]
        if self.version is not None:
            too_early = decision_too_early(version=self.version, decision_date=day)
            if too_early:
                raise ValidationError(too_early)
        if day > timezone.localdate():
            raise ValidationError(
                _("The council's decision cannot be dated in the future.")
            )
        return day


class ProgressNoteForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("Progress"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_text(self):
        reject_nul(self.cleaned_data["text"])
        return self.cleaned_data["text"]


class StepMarkForm(forms.Form):
    """A step no document shows, marked done by a coordinator."""

    reached_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where and how it took place, who attended."),
    )

    def clean_note(self):
        reject_nul(self.cleaned_data["note"])
        return self.cleaned_data["note"]


class VisitForm(forms.ModelForm):
    agenda = forms.CharField(
        label=_("Agenda"),
        help_text=_("One item per line, in order."),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    team = ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Participants from the city teams"),
        widget=forms.CheckboxSelectMultiple,
    )
    support = ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Participants from the local support groups"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Visit
        fields = [
            "host_city",
            "purpose",
            "start_date",
            "end_date",
            "place",
            "notes",
            "questions_answered",
            "outcomes",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "questions_answered": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_city"].queryset = Organisation.objects.filter(
            pk__in=scheme.city_ids
        ).order_by("name")
        self.fields["host_city"].empty_label = _("Virtual meeting")
        self.fields["team"].queryset = visit_team_candidates(scheme=scheme)
        self.fields["team"].label_from_instance = lambda u: u.get_full_name()
        self.fields["support"].queryset = scheme.support_group_members.select_related(
            "city"
        )
        self.fields["support"].label_from_instance = lambda m: f"{m.name} ({m.city})"
        if self.instance.pk:
            self.initial["agenda"] = "\n".join(
                a.display_text for a in self.instance.agenda_items.all()
            )
            self.initial["purpose"] = self.instance.display_purpose
            self.initial["team"] = self.instance.team_participants.all()
            self.initial["support"] = self.instance.support_group_attendees.all()
        count_characters(self)
        for field in self.fields.values():
            field.validators.append(reject_nul)
            group_length_limits(field)

    def agenda_lines(self):
        return [
            line.strip()[:500]
            for line in self.cleaned_data["agenda"].splitlines()
            if line.strip()
        ][:50]
