"""Each pair's mentor city becomes its one ``SchemeCity``; visits name their
host city, support-group members their city (see 0020)."""

from django.db import migrations


def pairs_to_cities(apps, schema_editor):
    Scheme = apps.get_model("schemes", "Scheme")
    SchemeCity = apps.get_model("schemes", "SchemeCity")
    Visit = apps.get_model("schemes", "Visit")
    HistoricalVisit = apps.get_model("schemes", "HistoricalVisit")
    Member = apps.get_model("schemes", "SupportGroupMember")
    HistoricalMember = apps.get_model("schemes", "HistoricalSupportGroupMember")
    for scheme in Scheme.objects.select_related("mentee_city", "mentor_city"):
        scheme.slug = f"{scheme.mentee_city.slug}-{scheme.mentor_city.slug}"[:255]
        scheme.save(update_fields=["slug"])
        SchemeCity.objects.create(
            scheme=scheme,
            city_id=scheme.mentor_city_id,
            association_id=scheme.mentor_association_id,
            order=1,
        )
        hosts = {"mentee": scheme.mentee_city_id, "mentor": scheme.mentor_city_id}
        for model in (Visit, HistoricalVisit):
            for side, city in hosts.items():
                model.objects.filter(scheme_id=scheme.pk, host=side).update(
                    host_city_id=city
                )
        for model in (Member, HistoricalMember):
            for side, city in hosts.items():
                model.objects.filter(scheme_id=scheme.pk, side=side).update(
                    city_id=city
                )


def cities_to_pairs(apps, schema_editor):
    """Back to pairs: each scheme's first other city is its mentor again, a
    visit's host city its side (any other city, the mentor's), a member's
    city its side. A community of practice has no pair to go back to."""
    Scheme = apps.get_model("schemes", "Scheme")
    SchemeCity = apps.get_model("schemes", "SchemeCity")
    Visit = apps.get_model("schemes", "Visit")
    HistoricalVisit = apps.get_model("schemes", "HistoricalVisit")
    Member = apps.get_model("schemes", "SupportGroupMember")
    HistoricalMember = apps.get_model("schemes", "HistoricalSupportGroupMember")
    if Scheme.objects.filter(shape="peers").exists():
        raise RuntimeError(
            "A community of practice cannot go back to a pair of cities: "
            "remove the peer schemes before undoing migration 0021."
        )
    for scheme in Scheme.objects.all():
        link = SchemeCity.objects.filter(scheme=scheme).order_by("order").first()
        if link is not None:
            scheme.mentor_city_id = link.city_id
            scheme.mentor_association_id = link.association_id
            scheme.save(update_fields=["mentor_city", "mentor_association"])
        for model in (Visit, HistoricalVisit):
            visits = model.objects.filter(scheme_id=scheme.pk)
            visits.filter(host_city_id=scheme.mentee_city_id).update(host="mentee")
            visits.filter(host_city__isnull=True).update(host="virtual")
            visits.exclude(host_city_id=scheme.mentee_city_id).exclude(
                host_city__isnull=True
            ).update(host="mentor")
        for model in (Member, HistoricalMember):
            members = model.objects.filter(scheme_id=scheme.pk)
            members.filter(city_id=scheme.mentee_city_id).update(side="mentee")
            members.exclude(city_id=scheme.mentee_city_id).update(side="mentor")


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0020_scheme_cities"),
    ]

    operations = [
        migrations.RunPython(pairs_to_cities, cities_to_pairs),
    ]
