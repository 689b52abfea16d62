"""Annex 5: the local support group of each of a scheme's cities."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from incluportal.documents import DocumentKind, file_rows, register
from incluportal.history import Revisioned, tracked
from schemes.network.models.schemes import Scheme

# The method's guidance: no more than ten key stakeholders.
SUPPORT_GROUP_MAX = 10


class StakeholderType(models.TextChoices):
    MIGRANT_ASSOCIATION = "migrant_association", _("Migrant or community association")
    RESIDENT_ASSOCIATION = "resident_association", _("Resident association")
    NGO = "ngo", _("NGO / civil society")
    PRIVATE = "private", _("Private sector")
    PUBLIC_AGENCY = "public_agency", _("Public agency")
    COUNCIL_STAFF = "council_staff", _("Council staff")
    ACADEMIA = "academia", _("Academia")
    OTHER = "other", _("Other")


class SupportGroupMemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The groups have no draft: everyone who sees the scheme reads them."""
        return self.filter(scheme__in=Scheme.objects.visible_to(user))


class SupportGroupMember(Revisioned):
    scheme = models.ForeignKey(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="support_group_members",
        verbose_name=_("scheme"),
    )
    city = models.ForeignKey(
        "schemes.Organisation",
        on_delete=models.PROTECT,
        related_name="support_group_members",
        verbose_name=_("city"),
        help_text=_("The scheme's city whose group this member belongs to."),
    )
    # A person's name: "Vārds, uzvārds" in Latvian, not an organisation's
    # "Nosaukums".
    name = models.CharField(_("full name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=30, choices=StakeholderType
    )
    represents_migrants = models.BooleanField(
        _("represents migrants"),
        default=False,
        help_text=_("Migrants must always be represented in the group."),
    )
    role = models.CharField(_("role in the group"), max_length=300, blank=True)
    contact = models.CharField(
        _("contact"),
        max_length=300,
        blank=True,
        help_text=_("E-mail address or telephone number."),
    )
    visits_attended = models.ManyToManyField(
        "schemes.Visit",
        blank=True,
        related_name="support_group_attendees",
        verbose_name=_("visits attended"),
    )

    objects = SupportGroupMemberQuerySet.as_manager()
    history = tracked(excluded_fields=[], m2m_fields=["visits_attended"])

    class Meta:
        verbose_name = _("support group member")
        verbose_name_plural = _("support group members")
        ordering = ["scheme", "city", "name"]

    def __str__(self):
        return self.name

    def history_children(self):
        """No rows: its links are kept by simple-history (``m2m_fields``)."""
        return {}

    def clean(self):
        if self.city_id and self.scheme_id and self.city_id not in self.scheme.city_ids:
            raise ValidationError({"city": _("Choose one of the scheme's cities.")})


def _group_keepers(user, member):
    from schemes import access

    return member.city_id is not None and access.is_member(user, member.city)


def _members_file(programme, schemes, cities):
    return file_rows(SupportGroupMember, scheme__in=schemes)


register(
    DocumentKind(
        key="support-member",
        model=SupportGroupMember,
        programme_file=_members_file,
        author=lambda member: member.city,
        programme=lambda member: member.scheme.programme,
        writers=_group_keepers,
        history="schemes.work.history.support.SupportGroupMemberHistory",
    )
)


def support_group_warnings(members):
    """The method's two rules for a group, as warnings (they never block)."""
    from django.utils.translation import gettext as _g

    warnings = []
    if len(members) > SUPPORT_GROUP_MAX:
        warnings.append(
            _g(
                "The group has %(count)s members: the method recommends no more "
                "than %(max)s key stakeholders."
            )
            % {"count": len(members), "max": SUPPORT_GROUP_MAX}
        )
    if members and not any(m.represents_migrants for m in members):
        warnings.append(
            _g("Nobody in the group represents migrants: at least one member must.")
        )
    return warnings
