"""Fields stored in English and Latvian (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from schemes.models import Association, City, Organisation, Partner, Programme


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "acronym", "description")


# The proxies inherit the translated fields; registering them lets the
# admin and the import resources of each kind see the language columns.
@register([City, Association, Partner])
class OrganisationKindTranslationOptions(TranslationOptions):
    fields = ()


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name", "funder", "description")
