"""Who may change a benchmark: its programme's coordinators, or for the
portal's shared benchmarks the portal's editors alone."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from benchmarks.models import KeyFactor
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "benchmark,number,title_en\n"
SHARED = "unhcr-good-practice-criteria"  # the world's benchmark of no programme


def _token(preview):
    context = preview.context
    return context["token"] if context is not None and "token" in context else ""


def _import(client, rows):
    """Upload ``rows`` and confirm; the preview's response."""
    preview = client.post(
        reverse("benchmarks:benchmark_import"),
        {
            "import_file": SimpleUploadedFile("f.csv", (HEADER + rows).encode()),
            "format": "csv",
        },
    )
    client.post(
        reverse("benchmarks:benchmark_import"),
        # The confirmation names the previewed file (none: a refused file).
        {"confirm": "1", "token": _token(preview)},
    )
    return preview


def _title(slug, number):
    return KeyFactor.objects.get(benchmark__slug=slug, number=number).title_en


@pytest.fixture
def editor(world):
    """Someone of the portal's editors: staff with the permission."""
    user = factories.UserFactory(email="editor@example.org", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(
            codename="change_benchmark", content_type__app_label="benchmarks"
        )
    )
    return user


def test_a_coordinator_of_another_programme_cannot_import_into_its_benchmark(
    world, client_for
):
    # The other coordinator has a benchmark of its own, so it reaches the page.
    factories.benchmark_with_factors(
        count=3, slug="their-own", programme=world.other_programme
    )
    before = _title("language-learning", 1)
    preview = _import(client_for("other_coordinator"), "language-learning,1,Taken\n")
    html = preview.content.decode()
    assert "You may not change the benchmark “language-learning”" in html
    assert "Confirm the import" not in html
    assert _title("language-learning", 1) == before


def test_a_coordinator_cannot_change_the_portals_shared_benchmark(world, client_for):
    before = _title(SHARED, 1)
    preview = _import(client_for("coordinator"), f"{SHARED},1,Rewritten\n")
    assert f"You may not change the benchmark “{SHARED}”" in preview.content.decode()
    assert _title(SHARED, 1) == before


def test_a_coordinator_changes_its_own_programmes_benchmark(world, client_for):
    _import(client_for("coordinator"), "language-learning,1,Better title\n")
    assert _title("language-learning", 1) == "Better title"


def test_an_editor_changes_the_shared_benchmark(world, client, editor):
    client.force_login(editor)
    _import(client, f"{SHARED},1,Corrected\n")
    assert _title(SHARED, 1) == "Corrected"


def test_someone_who_may_change_no_benchmark_is_told_why(world, client_for):
    response = client_for("other_coordinator").get(
        reverse("benchmarks:benchmark_import")
    )
    assert response.status_code == 403
    assert "You may not change any benchmark" in response.content.decode()


def test_the_import_page_offers_only_the_benchmarks_the_user_may_change(
    world, client_for
):
    html = (
        client_for("coordinator")
        .get(reverse("benchmarks:benchmark_import"))
        .content.decode()
    )
    assert "<code>language-learning</code>" in html
    assert SHARED not in html


def test_the_export_holds_only_the_benchmarks_the_user_may_change(world, client_for):
    csv = client_for("coordinator").get(
        reverse("benchmarks:benchmark_export"), {"format": "csv"}
    )
    text = csv.content.decode()
    assert "language-learning" in text
    assert SHARED not in text


def test_the_list_offers_import_to_whoever_may_change_a_benchmark(world, client_for):
    url = reverse("benchmarks:benchmark_list")
    import_url = reverse("benchmarks:benchmark_import")
    assert import_url in client_for("coordinator").get(url).content.decode()
    assert import_url not in client_for("other_coordinator").get(url).content.decode()


def test_the_admin_lists_an_editor_every_current_benchmark(world, client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:benchmarks_benchmark_changelist")).content
    assert world.benchmark.title.encode() in html
