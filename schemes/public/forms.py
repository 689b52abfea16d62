"""The forms of the editor of a city's page for newcomers.

Texts written in several languages are one field per language of the page
(``title__uk``), each with the ``lang`` and ``dir`` of its language so that
Arabic and Dari are typed right to left and spell-checked in the right
language.
"""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from schemes.models import GuideCategory, GuideEntry
from schemes.network import languages

TEXT_LIMIT = 2000
PHONE = RegexValidator(
    r"^\+?[0-9 ()./-]{3,40}$",
    _("Write a phone number with digits, spaces and a + for the country code."),
)


def language_name(code):
    """ "Українська (Ukrainian)": the name a reader of the language knows,
    and the one of the interface."""
    label = languages.info(code)["name_local"]
    translated = _translated_name(code)
    return f"{label} ({translated})" if translated else label


def language_label(code):
    """``language_name``, with a note for right-to-left languages."""
    label = language_name(code)
    if languages.info(code)["bidi"]:
        label = f"{label}: " + gettext("written right to left")
    return label


def _translated_name(code):
    """The language's name in the interface's language, when it is not the
    one it gives itself."""
    data = languages.info(code)
    translated = gettext(data["name"])
    return "" if translated.lower() == data["name_local"].lower() else translated


def _text_attrs(code):
    return {"lang": code, "dir": languages.direction(code)}


class GuideSettingsForm(forms.Form):
    city_language = forms.ChoiceField(
        label=_("The city's language"),
        help_text=_("The language the city's offices speak. The page is always in it."),
    )
    extra_languages = forms.MultipleChoiceField(
        label=_("Languages for newcomers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The page is always in the city's language and in English. Tick the "
            "languages your newcomers read. Arabic and Dari/Farsi are written "
            "right to left: the page turns for them."
        ),
    )

    def __init__(self, *args, guide, **kwargs):
        initial = {
            "city_language": guide.city_language,
            "extra_languages": guide.extra_languages,
            **{
                f"intro__{code}": (guide.intro or {}).get(code, "")
                for code in guide.languages
            },
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.guide = guide
        choices = [(code, language_label(code)) for code in languages.codes()]
        self.fields["city_language"].choices = choices
        self.fields["extra_languages"].choices = [
            (code, label) for code, label in choices if code != languages.FALLBACK
        ]
        for code in guide.languages:
            self.fields[f"intro__{code}"] = forms.CharField(
                label=_("Introduction in %(language)s")
                % {"language": language_name(code)},
                required=False,
                max_length=TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 3, **_text_attrs(code)}),
            )

    def intro_fields(self):
        return [self[f"intro__{code}"] for code in self.guide.languages]

    def values(self):
        data = self.cleaned_data
        return {
            "city_language": data["city_language"],
            "extra_languages": data["extra_languages"],
            "intro": {code: data[f"intro__{code}"] for code in self.guide.languages},
        }


TRANSLATED_LABELS = {
    "title": _("Name of the service"),
    "description": _("What it offers"),
    "opening_hours": _("Opening hours"),
    "cost": _("Cost"),
    "eligibility": _("Who may use it"),
}
TRANSLATED_HELP = {
    "title": _("A name a newcomer understands, such as “Latvian lessons for adults”."),
    "description": _(
        "Short sentences. Say what the service does and what to bring "
        "(passport, residence permit…)."
    ),
    "opening_hours": _(
        "Days and hours in full, such as “Monday to Friday, 9:00 to 17:00”. "
        "No abbreviations."
    ),
    "cost": _("Say whether it is free. If not, say how much it costs."),
    "eligibility": _("Who may come, such as “Everyone with a residence permit”."),
}


class GuideEntryForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=GuideCategory.choices)
    provider = forms.CharField(
        label=_("Provider"),
        required=False,
        max_length=200,
        help_text=_("Who runs the service: the city, a school, an association…"),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    map_url = forms.URLField(
        assume_scheme="https",
        label=_("Map link"),
        required=False,
        max_length=500,
        help_text=_(
            "A link to the place on a map. Left empty, the page links to a "
            "search for the address."
        ),
    )
    phone = forms.CharField(
        label=_("Phone"), required=False, max_length=50, validators=[PHONE]
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    link = forms.URLField(
        label=_("Website"), required=False, max_length=500, assume_scheme="https"
    )
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages the staff can speak with a newcomer."),
    )

    def __init__(self, *args, guide, entry=None, **kwargs):
        initial = {}
        if entry is not None:
            initial = {
                name: getattr(entry, name)
                for name in ("category", "provider", "address", "map_url", "phone")
            }
            initial.update(
                email=entry.email,
                link=entry.link,
                languages_spoken=entry.languages_spoken,
            )
            for name in GuideEntry.TRANSLATED:
                for code in guide.languages:
                    initial[f"{name}__{code}"] = (getattr(entry, name) or {}).get(
                        code, ""
                    )
        super().__init__(*args, initial=initial, **kwargs)
        self.guide = guide
        self.fields["languages_spoken"].choices = [
            (code, language_name(code)) for code in languages.codes()
        ]
        for code in guide.languages:
            for name in GuideEntry.TRANSLATED:
                short = name == "title"
                self.fields[f"{name}__{code}"] = forms.CharField(
                    label=TRANSLATED_LABELS[name],
                    help_text=TRANSLATED_HELP[name]
                    if code == languages.FALLBACK
                    else "",
                    required=short and code == languages.FALLBACK,
                    max_length=200 if short else TEXT_LIMIT,
                    widget=(
                        forms.TextInput(attrs=_text_attrs(code))
                        if short
                        else forms.Textarea(attrs={"rows": 2, **_text_attrs(code)})
                    ),
                )

    def fieldsets(self):
        """One fieldset per language of the page: (code, its label, fields);
        English first after the city's language."""
        return [
            {
                **languages.info(code),
                "label": language_label(code),
                "translated": _translated_name(code),
                "fields": [self[f"{name}__{code}"] for name in GuideEntry.TRANSLATED],
            }
            for code in self.guide.languages
        ]

    def values(self):
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in (
                "category",
                "provider",
                "address",
                "map_url",
                "phone",
                "email",
                "link",
                "languages_spoken",
            )
        }
        for name in GuideEntry.TRANSLATED:
            values[name] = {
                code: data[f"{name}__{code}"] for code in self.guide.languages
            }
        return values
