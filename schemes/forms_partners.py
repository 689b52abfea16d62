"""Forms of the partners page: attach a technical partner or a method
coordinator to a programme's schemes, change what it supports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from incluportal.forms import ModelMultipleChoiceField
from incluportal.translated import split_by_language, translated_values
from incluportal.validators import group_length_limits, reject_nul
from schemes.forms_coordination import _website_field
from schemes.models import Organisation
from schemes.network.models.organisations import OrganisationKind
from schemes.network.models.programmes import PARTNER_ROLES, ParticipationRole

# The kinds of organisation a partner may be (``ROLE_KINDS``).
PARTNER_KINDS = (OrganisationKind.PARTNER, OrganisationKind.ASSOCIATION)

EVERY_SCHEME = "all"
CHOSEN_SCHEMES = "chosen"


class PartnerScopeForm(forms.Form):
    """The partner's role and the schemes it supports."""

    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in PARTNER_ROLES],
        initial=ParticipationRole.TECHNICAL_PARTNER,
        help_text=_(
            "Both read the schemes' shared documents and help prepare the "
            "visits; neither approves."
        ),
    )
    scope = forms.ChoiceField(
        label=_("Schemes it supports"),
        choices=[
            (EVERY_SCHEME, _("Every scheme of the programme, new ones included")),
            (CHOSEN_SCHEMES, _("The schemes chosen below")),
        ],
        initial=EVERY_SCHEME,
        widget=forms.RadioSelect,
    )
    schemes = ModelMultipleChoiceField(
        queryset=None,
        label=_("Chosen schemes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schemes"].queryset = programme.schemes.with_cities().order_by(
            "mentee_city__name", "slug"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == CHOSEN_SCHEMES and not cleaned.get("schemes"):
            self.add_error(
                "schemes", _("Choose the schemes it supports, or every scheme.")
            )
        return cleaned

    def scope_data(self):
        """The service's keywords: role, all_schemes, schemes."""
        every = self.cleaned_data["scope"] == EVERY_SCHEME
        return {
            "role": self.cleaned_data["role"],
            "all_schemes": every,
            "schemes": [] if every else list(self.cleaned_data["schemes"]),
        }


class ExistingPartnerForm(PartnerScopeForm):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))

    field_order = ["organisation", "role", "scope", "schemes"]

    def __init__(self, *args, programme, user, **kwargs):
        super().__init__(*args, programme=programme, **kwargs)
        # What the coordinator may add (services.organisation_require_managed),
        # not yet a partner of this programme.
        self.fields["organisation"].queryset = (
            Organisation.objects.visible_to(user)
            .managed_by(user)
            .filter(kind__in=PARTNER_KINDS)
            .exclude(
                pk__in=programme.participations.filter(role__in=PARTNER_ROLES).values(
                    "organisation_id"
                )
            )
            .order_by("name")
        )


class NewPartnerForm(PartnerScopeForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(kind.value, kind.label) for kind in PARTNER_KINDS],
        initial=OrganisationKind.PARTNER,
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=80,
        help_text=_("Lower-case letters, digits and hyphens; used in addresses."),
    )
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    country = forms.ChoiceField(label=_("Country"))
    website = _website_field()

    field_order = [
        "kind",
        "name",
        "slug",
        "acronym",
        "country",
        "website",
        "role",
        "scope",
        "schemes",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = (
            Organisation._meta.get_field("country").formfield().choices
        )
        for name in ("name", "slug", "acronym", "website"):
            self.fields[name].validators.append(reject_nul)
            group_length_limits(self.fields[name])
        # One field per language: its name in the reader's language needed.
        split_by_language(self, Organisation, ("name", "acronym"), required=("name",))

    def organisation_data(self):
        return {
            **{
                name: self.cleaned_data[name]
                for name in ("kind", "slug", "country", "website")
            },
            **translated_values(self.cleaned_data, ("name", "acronym")),
        }
