"""Bulk import and export within one programme (coordinators only).

Every resource works inside a programme: it exports what belongs to the
programme and refuses rows that would touch anything outside it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from incluportal import dates
from incluportal.history import IMPORTED, save_with_reason
from incluportal.models import User
from incluportal.resources import AllOrNothingResource, CachedForeignKeyWidget
from incluportal.spreadsheets import check_cells
from schemes.coordination.services import organisation_require_managed
from schemes.models import (
    ActionPlanRow,
    GoodPractice,
    Membership,
    Organisation,
    Participation,
)
from schemes.network.models.organisations import OrganisationKind
from schemes.network.models.programmes import ParticipationRole
from schemes.resources import AssociationResource, CityResource
from schemes.work.annexes import GOOD_PRACTICE_PART


class ProgrammeScoped:
    """Mixin: a resource bound to a programme, checking cells as they come."""

    required_columns = ()
    show_diff = False
    # The programme's objects are read whole; a city or association's short
    # name is also checked against the other programmes' (check_row).
    natural_key_complete = True

    def __init__(self, programme, *, by, **kwargs):
        super().__init__(**kwargs)
        self.programme = programme
        self.by = by  # who imports: a coordinator of the programme

    def before_import(self, dataset, **kwargs):
        missing = [
            self.fields[c].column_name if c in self.fields else c
            for c in self.required_columns
        ]
        missing = [c for c in missing if c not in (dataset.headers or [])]
        if missing:
            raise ValidationError(
                _("The file lacks the column(s): %(missing)s.")
                % {"missing": ", ".join(missing)}
            )
        # The programme's organisations, read once: {slug: (id, kind)}.
        self._programme = {
            slug: (pk, kind)
            for pk, slug, kind in self._programme_orgs().values_list(
                "pk", "slug", "kind"
            )
        }
        super().before_import(dataset, **kwargs)

    def _column(self, dataset, name):
        if name not in (dataset.headers or []):
            return []
        return [str(value or "").strip() for value in dataset[name]]

    def before_import_row(self, row, **kwargs):
        errors = check_cells(row)
        errors.update(self.check_row(row) or {})
        errors.update(self.duplicate_errors(row, kwargs.get("row_number")))
        if errors:
            raise ValidationError(errors)

    def check_row(self, row):
        return {}

    def _programme_orgs(self):
        return Organisation.objects.filter(participations__programme=self.programme)


class _ProgrammeOrganisations(ProgrammeScoped):
    required_columns = ("slug", "name_en", "country")
    role = None

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(participations__programme=self.programme)
            .distinct()
        )

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # Short names of the file already taken outside the programme.
        self._taken = set(
            Organisation.objects.filter(slug__in=self._column(dataset, "slug"))
            .exclude(pk__in=[pk for pk, _kind in self._programme.values()])
            .values_list("slug", flat=True)
        )
        # The programme's organisations of another kind (an association's
        # short name in a file of cities): the name is taken.
        own = set(self.get_queryset().values_list("slug", flat=True))
        self._other_kind = set(self._programme) - own
        self._roles = set(
            self.programme.participations.values_list("organisation_id", "role")
        )
        self._taking_part = {pk for pk, _role in self._roles}

    def check_row(self, row):
        slug = str(row.get("slug") or "").strip()
        if slug in self._taken:
            return {
                "slug": _("“%(slug)s” belongs to another programme.") % {"slug": slug}
            }
        if slug in self._other_kind:
            return {
                "slug": Organisation._meta.get_field("slug").error_messages["unique"]
            }
        return {}

    def after_save_instance(self, instance, row, **kwargs):
        if (instance.pk, self.role) not in self._roles:
            Participation.objects.create(
                programme=self.programme, organisation=instance, role=self.role
            )
            self._roles.add((instance.pk, self.role))
            self._taking_part.add(instance.pk)


class ProgrammeCityResource(_ProgrammeOrganisations, CityResource):
    role = ParticipationRole.CITY

    class Meta(CityResource.Meta):
        pass

    def after_save_instance(self, instance, row, **kwargs):
        # A city already in the programme keeps its role (mentor, mentee…).
        if instance.pk not in self._taking_part:
            super().after_save_instance(instance, row, **kwargs)


class ProgrammeAssociationResource(_ProgrammeOrganisations, AssociationResource):
    role = ParticipationRole.ASSOCIATION

    class Meta(AssociationResource.Meta):
        pass


class MembershipResource(ProgrammeScoped, AllOrNothingResource):
    """People and the organisations they work for: one row per membership."""

    required_columns = ("email", "organisation")
    email = fields.Field(attribute="user__email", column_name="email")
    full_name = fields.Field(
        attribute="user__full_name",
        column_name="full_name",
        widget=widgets.CharWidget(),
    )
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=CachedForeignKeyWidget(Organisation, field="slug"),
    )
    position = fields.Field(
        attribute="position", column_name="position", widget=widgets.CharWidget()
    )

    class Meta:
        model = Membership
        fields = ("email", "full_name", "organisation", "position")
        import_id_fields = ("email", "organisation")
        # No copy of each row's object to compare: nothing is skipped as
        # unchanged here, and the page shows no diff.
        skip_diff = True

    def get_queryset(self):
        return (
            Membership.objects.filter(
                organisation__participations__programme=self.programme
            )
            .select_related("user", "organisation")
            .distinct()
        )

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # The programme's organisations the importing coordinator may give
        # members (Organisation.objects.managed_by), read once.
        self._managed = set(
            Organisation.objects.managed_by(self.by)
            .filter(pk__in=[pk for pk, _kind in self._programme.values()])
            .values_list("slug", flat=True)
        )
        # The people of the file who already have an account, by address.
        emails = {e.casefold() for e in self._column(dataset, "email")}
        self._users = {
            user.email.casefold(): user
            for user in User.objects.annotate(folded=Lower("email")).filter(
                folded__in=emails
            )
        }

    def check_row(self, row):
        errors = {}
        slug = str(row.get("organisation") or "").strip()
        if slug not in self._programme:
            errors["organisation"] = _(
                "No organisation “%(slug)s” in this programme."
            ) % {"slug": slug}
        elif slug not in self._managed:
            # The one gate says why (and refuses): read per refused row only.
            organisation = Organisation.objects.get(pk=self._programme[slug][0])
            try:
                organisation_require_managed(organisation=organisation, by=self.by)
            except ValidationError as error:
                errors.update(error.message_dict)
        email = User.objects.normalize_email(str(row.get("email") or ""))
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("“%(email)s” is not an e-mail address.") % {
                "email": email
            }
        return errors

    def key_part(self, name, value):
        # Addresses are compared without regard to case, as at sign-in.
        part = super().key_part(name, value)
        return part.casefold() if name == "email" else part

    def init_instance(self, row=None):
        email = User.objects.normalize_email(str(row.get("email") or "").strip())
        user = self._users.get(email.casefold())
        if user is None:
            # No password: the person sets one with "Forgotten your password?".
            user = User(email=email, full_name=str(row.get("full_name") or ""))
            user.set_unusable_password()
            user.save()
            self._users[email.casefold()] = user
        return Membership(user=user)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute in ("user__email",):
            return
        if field.attribute == "user__full_name":
            name = str(row.get("full_name") or "").strip()
            if name and instance.user.full_name != name:
                instance.user.full_name = name[:150]
                instance.user.save(update_fields=["full_name"])
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)


def _header_key(header):
    """A column's header as compared: without case or extra spaces."""
    return " ".join(str(header or "").split()).casefold()


class AnswerColumns:
    """Mixin: a resource's annex answers under headers that a reader
    understands, in the language of the export ("GP-12 More information").

    A file may name an answer's column by that header in any of the portal's
    languages, by the template id ("GP-12"), by the model's name ("links") or
    by the name files had before the answers were named ("gp_12")."""

    answer_fields = ()  # the annex fields (schemes.work.annexes.AnnexField)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for annex_field in self.answer_fields:
            self.fields[annex_field.name].column_name = annex_field.column_header()

    def answer_headers(self):
        """{header as compared: the column it names in this resource}."""
        headers = {}
        for annex_field in self.answer_fields:
            names = {annex_field.id, annex_field.name, annex_field.legacy_name}
            for code, _language in settings.LANGUAGES:
                with translation.override(code):
                    names.add(annex_field.column_header())
            column = self.fields[annex_field.name].column_name
            headers.update((_header_key(name), column) for name in names)
        return headers

    def before_import(self, dataset, **kwargs):
        if dataset.headers:
            known = self.answer_headers()
            dataset.headers = [
                known.get(_header_key(header), header) for header in dataset.headers
            ]
        super().before_import(dataset, **kwargs)

    def validate_instance(self, instance, *args, **kwargs):
        # An answer's error names its column, as the file does.
        try:
            super().validate_instance(instance, *args, **kwargs)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            columns = {
                f.name: self.fields[f.name].column_name for f in self.answer_fields
            }
            raise ValidationError(
                {columns.get(k, k): v for k, v in error.message_dict.items()}
            ) from None


class GoodPracticeResource(AnswerColumns, ProgrammeScoped, AllOrNothingResource):
    required_columns = ("city", "title")
    answer_fields = GOOD_PRACTICE_PART.fields
    city = fields.Field(
        attribute="city",
        column_name="city",
        widget=CachedForeignKeyWidget(Organisation, field="slug"),
    )

    class Meta:
        model = GoodPractice
        fields = (
            "city",
            *(f.name for f in GOOD_PRACTICE_PART.fields),
            "start_year",
            "is_public",
        )
        export_order = fields
        import_id_fields = ("city", "title")
        # No copy of each row's object to compare: nothing is skipped as
        # unchanged here, and the page shows no diff.
        skip_diff = True
        clean_model_instances = True

    def get_queryset(self):
        return (
            GoodPractice.objects.filter(city__participations__programme=self.programme)
            .select_related("city")
            .distinct()
        )

    def check_row(self, row):
        slug = str(row.get("city") or "").strip()
        if self._programme.get(slug, (None, None))[1] != OrganisationKind.CITY:
            return {"city": _("No city “%(slug)s” in this programme.") % {"slug": slug}}
        return {}


class DayWidget(widgets.DateWidget):
    """A day written as the reader's language writes it (06.12.2026 in Latvian,
    06/12/2026 in English); ISO days (2026-12-06) and both styles read back."""

    def __init__(self):
        super().__init__(format="%Y-%m-%d")
        self.formats = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):  # a workbook keeps a real date cell
            return super().render(value, obj, **kwargs)
        return dates.day(value)


class ActionPlanRowResource(ProgrammeScoped, AllOrNothingResource):
    """Rows of the programme's action plans; a scheme is named by its short
    name ("jelgava-schaerbeek")."""

    required_columns = ("scheme", "number", "action")
    scheme = fields.Field(column_name="scheme")
    start = fields.Field(attribute="start", column_name="start", widget=DayWidget())
    end = fields.Field(attribute="end", column_name="end", widget=DayWidget())

    class Meta:
        model = ActionPlanRow
        fields = (
            "scheme",
            "number",
            "action",
            "results",
            "start",
            "end",
            "leads",
            "resources",
            "success",
            "need",
        )
        export_order = fields
        import_id_fields = ("scheme", "number")
        # No copy of each row's object to compare: nothing is skipped as
        # unchanged here, and the page shows no diff.
        skip_diff = True
        clean_model_instances = True

    def get_queryset(self):
        return ActionPlanRow.objects.filter(
            plan__scheme__programme=self.programme
        ).select_related("plan__scheme")

    def dehydrate_scheme(self, row):
        return row.plan.scheme.slug

    def _plan(self, row):
        key = self.key_part("scheme", row.get("scheme"))
        plans = self.__dict__.setdefault("_plans", {})  # one query a scheme
        if key not in plans:
            scheme = (
                self.programme.schemes.filter(slug=key)
                .select_related("action_plan")
                .first()
            )
            plans[key] = getattr(scheme, "action_plan", None) if scheme else None
        return plans[key]

    def key_part(self, name, value):
        # The scheme's short name; a file of before schemes had one names
        # the pair as "mentee/mentor", which is the short name of a pair.
        if name == "scheme":
            return "-".join(part.strip() for part in str(value or "").split("/", 1))
        return super().key_part(name, value)

    def check_row(self, row):
        plan = self._plan(row)
        if plan is None:
            message = _(
                "No scheme “%(scheme)s” in this programme: write its short "
                "name, as the scheme page shows it."
            )
            return {"scheme": message % {"scheme": row.get("scheme")}}
        if not plan.is_editable:
            message = _("This action plan is %(status)s: it cannot change now.")
            return {"scheme": message % {"status": plan.get_status_display().lower()}}
        return {}

    def init_instance(self, row=None):
        return ActionPlanRow(plan=self._plan(row))

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self._touched = getattr(self, "_touched", {})
        self._touched[instance.plan_id] = instance.plan

    def after_import(self, dataset, result, **kwargs):
        """Record each changed plan, with all its rows, in its history."""
        super().after_import(dataset, result, **kwargs)
        for plan in getattr(self, "_touched", {}).values():
            save_with_reason(plan, IMPORTED, update_fields=["updated_at"])


# key: (resource class, label)
RESOURCES = {
    "cities": (ProgrammeCityResource, gettext_lazy("Cities")),
    "associations": (ProgrammeAssociationResource, gettext_lazy("Associations")),
    "people": (MembershipResource, gettext_lazy("People and their organisations")),
    "good-practices": (GoodPracticeResource, gettext_lazy("Good practices")),
    "action-plan-rows": (ActionPlanRowResource, gettext_lazy("Action-plan rows")),
}
