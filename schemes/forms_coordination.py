"""Forms of the coordinator workspace."""

from django import forms
from django.utils.translation import gettext_lazy as _

from incluportal.documents import kinds
from incluportal.forms import ModelMultipleChoiceField
from incluportal.i18n import language_choices, person_language
from incluportal.models import User
from incluportal.translated import columns, split_by_language
from incluportal.validators import group_length_limits, reject_nul
from schemes.models import (
    Organisation,
    Phase,
    ProcessKind,
    ProcessRule,
    Programme,
    Scheme,
)
from schemes.network.models.organisations import OrganisationKind
from schemes.network.models.programmes import ParticipationRole
from schemes.network.models.schemes import SchemeShape


class _Clean(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators.append(reject_nul)
            group_length_limits(field)


def _website_field():
    # Addresses typed without a scheme are taken as https (Django 6 default).
    return forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )


class ProgrammeForm(_Clean):
    website = _website_field()
    coordinator = forms.ModelChoiceField(
        queryset=None, label=_("Coordinated by"), empty_label=None
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "slug",
            "start_year",
            "end_year",
            "funder",
            "description",
            "website",
            "require_two_factor",
            "process",
        ]
        widgets = {"process": forms.RadioSelect}
        help_texts = {
            "process": _(
                "The phases its schemes go through: you can rename, reorder, "
                "add or drop them afterwards on the programme's Process page."
            )
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Its members will coordinate: not an organisation that also takes
        # part in a programme the user does not coordinate.
        self.fields["coordinator"].queryset = Organisation.objects.filter(
            memberships__user=user
        ).managed_by(user)
        # One field per language: its name in the reader's language needed.
        split_by_language(
            self, Programme, ("name", "funder", "description"), required=("name",)
        )
        # Left unchosen (a form sent without it): the IncluCities method.
        self.fields["process"].required = False

    def clean_process(self):
        return self.cleaned_data["process"] or ProcessKind.INCLUCITIES

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_PROGRAMME_SLUGS:
            raise forms.ValidationError(
                _("This short name is reserved: choose another.")
            )
        return slug


class TextsForm(forms.Form):
    """The translated texts of a programme or an organisation (``names``),
    each in every portal language, as they stand; a name in one language at
    least. A language added later shows here with its fields empty."""

    model = None
    names = ()

    def __init__(self, *args, instance, **kwargs):
        initial = {column: getattr(instance, column) for column in columns(*self.names)}
        super().__init__(*args, initial=initial, **kwargs)
        split_by_language(self, self.model, self.names)
        for field in self.fields.values():
            field.validators.append(reject_nul)

    def clean(self):
        cleaned = super().clean()
        names = [c for c in columns("name") if c in self.fields]
        if not any(cleaned.get(column) for column in names):
            self.add_error(names[0], _("Give its name in one language at least."))
        return cleaned


class ProgrammeTextsForm(TextsForm):
    model = Programme
    names = ("name", "funder", "description")


class OrganisationTextsForm(TextsForm):
    model = Organisation
    names = ("name", "acronym", "description")


# Addresses under /programmes/ that are pages, not programmes.
RESERVED_PROGRAMME_SLUGS = {"new"}


def _role_choices():
    # No role chosen beforehand: the person picks one (a default of
    # "Coordinator" went through unread).
    return [("", "---------"), *ParticipationRole.choices]


class ParticipationForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    role = forms.ChoiceField(choices=_role_choices, label=_("Role"))

    def __init__(self, *args, programme, user, **kwargs):
        super().__init__(*args, **kwargs)
        # What the coordinator may add (see services.organisation_require_managed):
        # organisations of their other programmes, not another programme's.
        self.fields["organisation"].queryset = (
            Organisation.objects.visible_to(user)
            .managed_by(user)
            .exclude(participations__programme=programme)
            .order_by("name")
        )


class OrganisationForm(_Clean):
    website = _website_field()
    role = forms.ChoiceField(choices=_role_choices, label=_("Role in the programme"))

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name",
            "name_genitive_lv",
            "slug",
            "acronym",
            "country",
            "population",
            "website",
            "working_languages",
            "description",
            "associations",
        ]
        widgets = {"associations": forms.CheckboxSelectMultiple}
        field_classes = {"associations": ModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["associations"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.ASSOCIATION
        )
        # One field per language: its name in the reader's language needed.
        split_by_language(
            self,
            Organisation,
            ("name", "acronym", "description"),
            required=("name",),
        )
        # Left empty, made from the name (services.organisation_create).
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "Lower-case letters, digits and hyphens; used in addresses. Left "
            "empty, it is made from the name."
        )

    def clean_working_languages(self):
        import re

        codes = [
            c.strip().lower()
            for c in self.cleaned_data["working_languages"].split(",")
            if c.strip()
        ]
        wrong = [c for c in codes if not re.fullmatch(r"[a-z]{2,3}", c)]
        if wrong:
            raise forms.ValidationError(
                _("Use language codes such as en, fr, lv (not: %(wrong)s).")
                % {"wrong": ", ".join(wrong)}
            )
        return ", ".join(dict.fromkeys(codes))


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Their language"),
        choices=language_choices,
        # Left out of a request, the inviter's (as shown preselected).
        required=False,
        help_text=_(
            "The invitation is written in it, and the person reads the portal "
            "and its e-mails in it (they can change it)."
        ),
    )
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    position = forms.CharField(label=_("Position"), max_length=150, required=False)

    def __init__(self, *args, programme, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Most invite people of their own language; the others pick theirs.
        self.fields["language"].initial = person_language(user)
        # Not an organisation that also takes part in a programme the user
        # does not coordinate (see services.organisation_require_managed).
        self.fields["organisation"].queryset = (
            programme.organisations.managed_by(user).distinct().order_by("name")
        )
        for field in self.fields.values():
            field.validators.append(reject_nul)
            group_length_limits(field)

    def clean_language(self):
        return self.cleaned_data["language"] or self.fields["language"].initial


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import password_validation

        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            probe = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SchemeForm(_Clean):
    """A new scheme: its shape, its first city and the others."""

    other_cities = ModelMultipleChoiceField(
        queryset=None,
        label=_("Mentor cities, or the other peer cities"),
        help_text=_(
            "Mentoring: one to three mentor cities. A community of practice: "
            "two to seven peers besides the convening city."
        ),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Scheme
        fields = [
            "shape",
            "mentee_city",
            "mentee_association",
            "other_cities",
            "theme",
            "benchmark",
            "start_date",
            "end_date",
        ]
        widgets = {
            "shape": forms.RadioSelect,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"mentee_city": _("Mentee city, or the convening city")}

    def __init__(self, *args, programme, **kwargs):
        from benchmarks.models import FrameworkKind

        super().__init__(*args, **kwargs)
        orgs = programme.organisations.distinct().order_by("name")
        cities = orgs.filter(kind=OrganisationKind.CITY)
        self.fields["mentee_city"].queryset = cities
        self.fields["other_cities"].queryset = cities
        self.fields["mentee_association"].queryset = orgs.filter(
            kind=OrganisationKind.ASSOCIATION
        )
        self.fields["benchmark"].queryset = (
            self.fields["benchmark"]
            .queryset.current()
            .filter(kind=FrameworkKind.BENCHMARK)
        )

    def service_arguments(self):
        """``services.scheme_create``'s arguments from the cleaned form."""
        values = dict(self.cleaned_data)
        shape = values.pop("shape")
        others = list(values.pop("other_cities"))
        key = "peer_cities" if shape == SchemeShape.PEERS else "mentor_cities"
        return {**values, key: others}


class AccountSettingsForm(forms.ModelForm):
    """A person's own settings: their language (of the pages and of the
    e-mails sent to them) and whether they get e-mail notifications."""

    class Meta:
        model = User
        fields = ["language", "email_notifications"]


class PhaseForm(_Clean):
    """A phase of a programme's process; its deliverables are document kinds
    of the registry."""

    deliverables = forms.MultipleChoiceField(
        label=_("Deliverables"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The documents the phase produces. A phase reached by its "
            "deliverables is reached once each is submitted for the scheme."
        ),
    )

    class Meta:
        model = Phase
        fields = ["name", "rule", "deliverables", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "name": _(
                "A name the portal ships shows in each reader's language until "
                "you change it."
            ),
            "due_on": _("Schemes that have not reached it by then show as overdue."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(kind.key, kind.verbose_name.capitalize()) for kind in kinds()]
        # Keep a shipped deliverable the registry does not (yet) know.
        known = {key for key, _label in choices}
        stored = self.instance.deliverables if self.instance.pk else []
        choices += [(key, key) for key in stored or [] if key not in known]
        self.fields["deliverables"].choices = choices
        if not self.instance.pk:
            self.initial.setdefault("rule", ProcessRule.MARKED)
        else:
            # A shipped name in the coordinator's language; sent back as it
            # is, it stays shipped (``phase_update``).
            self.initial["name"] = self.instance.display_name


class ProcessApplyForm(forms.Form):
    process = forms.ChoiceField(
        label=_("Process"), choices=ProcessKind.choices, widget=forms.RadioSelect
    )
