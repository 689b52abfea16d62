"""Import helpers for django-import-export resources, shared by the apps.

Ids never leave or enter the portal in a file: objects are matched by natural
keys. An import applies every row or none, within its time limit.
"""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from import_export import resources, widgets

from incluportal.history import IMPORTED
from incluportal.imports import Deadline


class WholeNumberWidget(widgets.IntegerWidget):
    """An integer column whose bad values get a message a person can act on."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ArithmeticError, ValueError, TypeError):
            raise ValueError(
                _("“%(value)s” is not a whole number.") % {"value": value}
            ) from None


class CachedForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key by natural key, looked up once per value and import.

    A resource's fields (and so their widgets) are copied for each resource
    object, and each import makes its own: the cache lives one import long.
    """

    def clean(self, value, row=None, **kwargs):
        if not isinstance(value, str | int):
            return super().clean(value, row=row, **kwargs)
        found = self.__dict__.setdefault("_found", {})
        if value not in found:
            found[value] = super().clean(value, row=row, **kwargs)
        return found[value]


class _NoDiff:
    """What import-export's Diff offers, reading nothing: the portal's import
    pages show each row's outcome and errors, never a field-by-field diff,
    which costs a query a row for every many-to-many column."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


def _key_part(value):
    """One part of a natural key, as a file or an export writes it: text
    without surrounding spaces, a whole number without its leading zeros."""
    text = str("" if value is None else value).strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if text.isdigit():
        return str(int(text))
    return text


class AllOrNothingResource(resources.ModelResource):
    """An import either applies every row or none: one bad row rolls back all.

    It stops past its deadline (``ImportTooLong``, nothing written), and a key
    that comes twice in one file is an error on its second row rather than
    one row silently overwriting the other.
    """

    # Set by the import page to the request's deadline; else one is started
    # when the import starts (the admin's import).
    deadline = None
    # Fields whose widget checks a given value as the model would.
    checked_by_widget = ()
    # The admin's import shows a diff of each row; the portal's pages do not.
    show_diff = True
    # True where get_queryset() holds every object a row's natural key could
    # collide with (checked otherwise, as for a city's short name): each key
    # of the file is then matched to its object or known to be free, so the
    # database is not asked again row by row. Its unique constraints still
    # hold, in the same transaction.
    natural_key_complete = False

    def get_diff_class(self):
        return super().get_diff_class() if self.show_diff else _NoDiff

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.TextField):
            return widgets.CharWidget
        return super().widget_from_django_field(f, default=default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        # Empty cells (None from XLSX) are empty text, as in CSV files.
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, (models.CharField, models.TextField)) and (
            django_field.blank
        ):
            kwargs.update({"coerce_to_string": True, "allow_blank": True})
        return kwargs

    def before_save_instance(self, instance, row, **kwargs):
        # Said in the history of the documents an import changes.
        instance._change_reason = IMPORTED
        super().before_save_instance(instance, row, **kwargs)

    def import_data(self, dataset, **kwargs):
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        if self.deadline is None:
            self.deadline = Deadline(settings.IMPORT_TIME_LIMIT)
        self._seen_keys = {}
        self._instances = None
        return super().import_data(dataset, **kwargs)

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        # A link the file's row was resolved to (a benchmark, an organisation)
        # was just read from the database: full_clean need not look it up again.
        errors = dict(import_validation_errors or {})
        loaded = {
            f.name
            for f in instance._meta.concrete_fields
            if f.many_to_one
            and f.is_cached(instance)
            and getattr(instance, f.name) is not None
            and not getattr(instance, f.name)._state.adding
        } | {name for name in self.checked_by_widget if getattr(instance, name)}
        key_fields = set()
        if self.natural_key_complete:
            key_fields = {
                self.fields[name].attribute.split("__")[0]
                for name in self.get_import_id_fields()
                if self.fields[name].attribute
            }
        if self._meta.clean_model_instances:
            # full_clean() in its steps, the field checks without those links;
            # as there, a field already in error is not checked for uniqueness.
            found = {}
            for step in ("clean_fields", "clean", "unique", "constraints"):
                skip = {*errors, *found} - {NON_FIELD_ERRORS}
                try:
                    if step == "clean_fields":
                        instance.clean_fields(exclude=skip | loaded)
                    elif step == "clean":
                        instance.clean()
                    elif step == "unique" and validate_unique:
                        instance.validate_unique(exclude=skip | key_fields)
                    elif step == "constraints":
                        instance.validate_constraints(exclude=skip | key_fields)
                except ValidationError as error:
                    found = error.update_error_dict(found)
            for field, messages in found.items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def import_row(self, row, instance_loader, **kwargs):
        # Raised out of the row loop, ImportTooLong rolls the whole import back.
        self.deadline.check()
        return super().import_row(row, instance_loader, **kwargs)

    def key_part(self, name, value):
        return _key_part(value)

    def file_key(self, row):
        """What identifies a row's object, as the file writes it."""
        return tuple(
            self.key_part(name, row.get(self.fields[name].column_name))
            for name in self.get_import_id_fields()
        )

    def instance_key(self, instance):
        """What identifies an object, as an export writes it."""
        return tuple(
            self.key_part(name, self.export_field(self.fields[name], instance))
            for name in self.get_import_id_fields()
        )

    def get_instance(self, instance_loader, row):
        # The objects a file may update are read once, in one query, and
        # found by their natural key: no query for each row.
        if getattr(self, "_instances", None) is None:
            self._instances = {
                self.instance_key(instance): instance
                for instance in self.get_queryset()
            }
        return self._instances.get(self.file_key(row))

    def duplicate_errors(self, row, row_number):
        """{column: error} when this row's key already came in this file."""
        key = self.file_key(row)
        if not any(key):
            return {}
        first = self._seen_keys.setdefault(key, row_number)
        if first == row_number:
            return {}
        return dict([self.duplicate_error(key, first, row_number)])

    def duplicate_error(self, key, first, again):
        """(column, message) for a key that came twice."""
        column = self.fields[self.get_import_id_fields()[0]].column_name
        return column, _(
            "“%(key)s” appears twice in the file (rows %(first)s and "
            "%(again)s): each row must name a different one."
        ) % {"key": " / ".join(key), "first": first, "again": again}
