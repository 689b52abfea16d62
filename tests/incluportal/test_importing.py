"""The upload -> preview -> confirm flow of every import page: one file per
confirmation, named by its token; bounded files; a time limit."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from benchmarks.models import KeyFactor
from incluportal.imports import MAX_ROWS, UnreadableFile, read_dataset
from schemes.models import ActionPlanRow, GoodPractice, Membership, Organisation
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "benchmark,number,title_en\n"


def _url():
    return reverse("benchmarks:benchmark_import")


def _data_url(world, key):
    return reverse("schemes:data_import", args=[world.programme.slug, key])


def _upload(client, content, url=None, name="factors.csv", file_format="csv"):
    return client.post(
        url or _url(),
        {"import_file": SimpleUploadedFile(name, content), "format": file_format},
    )


def _confirm(client, token, url=None):
    return client.post(url or _url(), {"confirm": "1", "token": token})


def _factor(number, title):
    return f"language-learning,{number},{title}\n"


def _xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- One file per confirmation -----------------------------------------------------


def test_a_confirmation_after_a_bad_upload_imports_nothing(world, client_for):
    """Preview A, upload a bad B, confirm: A was imported."""
    client = client_for("coordinator")
    good = _upload(client, (HEADER + _factor(20, "From file A")).encode())
    assert good.context["can_confirm"]
    bad = _upload(client, (HEADER + "nowhere,21,From file B\n").encode())
    assert "No benchmark has the short name" in bad.content.decode()

    response = _confirm(client, good.context["token"])
    assert response.status_code == 400
    assert "no longer the one waiting" in response.content.decode()
    assert not KeyFactor.objects.filter(number__in=[20, 21]).exists()


def test_a_confirmation_imports_the_file_it_previewed_and_only_that(world, client_for):
    client = client_for("coordinator")
    first = _upload(client, (HEADER + _factor(20, "From file A")).encode())
    second = _upload(client, (HEADER + _factor(21, "From file B")).encode())

    # The page of A is stale: its confirmation cannot import B instead.
    assert _confirm(client, first.context["token"]).status_code == 400
    assert not KeyFactor.objects.filter(number__in=[20, 21]).exists()

    assert _confirm(client, second.context["token"]).status_code == 302
    assert list(
        KeyFactor.objects.filter(number__in=[20, 21]).values_list("title_en", flat=True)
    ) == ["From file B"]
    # Once: the same form posted again finds nothing pending.
    assert _confirm(client, second.context["token"]).status_code == 400


@pytest.mark.parametrize(
    "token", [None, "", "not-the-token"], ids=["none", "empty", "made up"]
)
def test_a_confirmation_without_the_previews_token_is_refused(world, client_for, token):
    client = client_for("coordinator")
    _upload(client, (HEADER + _factor(20, "Pending")).encode())
    data = {"confirm": "1"} if token is None else {"confirm": "1", "token": token}
    response = client.post(_url(), data)
    assert response.status_code == 400
    assert not KeyFactor.objects.filter(number=20).exists()


def test_another_persons_token_is_refused(world, client_for):
    preview = _upload(
        client_for("coordinator"), (HEADER + _factor(20, "Theirs")).encode()
    )
    # A colleague who may import the same benchmark, with a session of their own.
    colleague = factories.UserFactory(email="colleague@example.org")
    factories.MembershipFactory(user=colleague, organisation=world.coordinator_org)
    other = Client()
    other.force_login(colleague)
    response = _confirm(other, preview.context["token"])
    assert response.status_code == 400
    assert not KeyFactor.objects.filter(number=20).exists()


def test_an_expired_preview_is_refused(world, client_for, settings):
    client = client_for("coordinator")
    preview = _upload(client, (HEADER + _factor(20, "Late")).encode())
    settings.IMPORT_PREVIEW_MINUTES = -1  # the preview is older than that
    response = _confirm(client, preview.context["token"])
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not KeyFactor.objects.filter(number=20).exists()


# --- Duplicate keys are reported, not collapsed ---------------------------------------


@pytest.mark.parametrize(
    ("key", "content", "model"),
    [
        (
            "cities",
            "slug,name_en,country\nventspils,Ventspils,LV\nventspils,Ventspils 2,LV\n",
            Organisation,
        ),
        (
            "people",
            "email,organisation\nnew@example.org,jelgava\nNEW@example.org,jelgava\n",
            Membership,
        ),
        (
            "good-practices",
            "city,title\njelgava,Evening classes\njelgava,Evening classes\n",
            GoodPractice,
        ),
        (
            "action-plan-rows",
            "scheme,number,action\njelgava/schaerbeek,2,A\njelgava/schaerbeek,02,B\n",
            ActionPlanRow,
        ),
    ],
)
def test_a_key_twice_in_one_file_is_reported_on_its_row(
    world, client_for, key, content, model
):
    client = client_for("coordinator")
    before = model.objects.count()
    response = _upload(client, content.encode(), url=_data_url(world, key))
    html = response.content.decode()
    assert "appears twice in the file (rows 1 and 2)" in html
    assert "Confirm the import" not in html
    assert model.objects.count() == before


# --- Bounded files ----------------------------------------------------------------


def test_the_import_page_states_the_limits(world, client_for):
    html = client_for("coordinator").get(_url()).content.decode()
    assert f"At most {MAX_ROWS} rows of data and 2 MB a file" in html


def test_a_file_over_the_row_limit_is_refused_with_the_limit(world, client_for):
    content = HEADER + "".join(_factor(n, "T") for n in range(MAX_ROWS + 1))
    response = _upload(client_for("coordinator"), content.encode())
    assert response.status_code == 400
    assert f"more than {MAX_ROWS} rows of data" in response.content.decode()


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_a_file_at_the_row_limit_is_read_and_one_over_is_not(file_format):
    def make(rows):
        if file_format == "csv":
            return ("a,b\n" + "1,x\n" * rows).encode()
        if file_format == "xlsx":
            return _xlsx([["a", "b"], *([[1, "x"]] * rows)])
        return ("[" + ",".join(['{"a": 1}'] * rows) + "]").encode()

    assert len(read_dataset(make(MAX_ROWS), file_format)) == MAX_ROWS
    with pytest.raises(UnreadableFile, match=f"more than {MAX_ROWS} rows"):
        read_dataset(make(MAX_ROWS + 1), file_format)


def _bomb(padding):
    """A real workbook plus a member of ``padding`` zero bytes, which deflate
    squeezes about a thousand times."""
    out = io.BytesIO(_xlsx([["benchmark", "number", "title_en"]]))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * padding)
    return out.getvalue()


@pytest.mark.parametrize(
    "padding", [40 * 1024 * 1024, 2 * 1024 * 1024], ids=["too big", "too squeezed"]
)
def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_opened(
    world, client_for, monkeypatch, padding
):
    def never(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    content = _bomb(padding)
    assert len(content) < 100_000
    response = _upload(
        client_for("coordinator"), content, name="bomb.xlsx", file_format="xlsx"
    )
    assert response.status_code == 400
    assert "The workbook unpacks to" in response.content.decode()


def test_a_workbook_claiming_a_huge_sheet_is_read_by_its_cells():
    """Its stated dimensions (a million rows and columns) are not trusted."""
    content = _xlsx([["a", "b"], [1, "x"]])
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'ref="A1:B2"', b'ref="A1:XFD1048576"')
            archive.writestr(item, data)
    dataset = read_dataset(out.getvalue(), "xlsx")
    assert dataset.headers == ["a", "b"]
    assert list(dataset) == [(1, "x")]


# --- A time limit that stops the import -----------------------------------------


def test_a_preview_past_the_time_limit_stops_and_writes_nothing(
    world, client_for, settings
):
    settings.IMPORT_TIME_LIMIT = 0
    response = _upload(
        client_for("coordinator"), (HEADER + _factor(20, "Slow")).encode()
    )
    assert response.status_code == 400
    assert "stopped after 0 seconds" in response.content.decode()
    assert "Confirm the import" not in response.content.decode()


def test_an_import_past_the_time_limit_stops_and_writes_nothing(
    world, client_for, settings
):
    client = client_for("coordinator")
    content = HEADER + _factor(20, "First") + _factor(21, "Second")
    preview = _upload(client, content.encode())
    settings.IMPORT_TIME_LIMIT = 0
    response = _confirm(client, preview.context["token"])
    assert response.status_code == 400
    assert "nothing was written" in response.content.decode()
    assert not KeyFactor.objects.filter(number__in=[20, 21]).exists()


def test_a_short_name_taken_in_the_programme_by_another_kind_is_reported(
    world, client_for
):
    """A file of cities naming the programme's association: the name is taken."""
    client = client_for("coordinator")
    before = Organisation.objects.count()
    response = _upload(
        client,
        b"slug,name_en,country\nlalrg,LALRG,LV\n",
        url=_data_url(world, "cities"),
    )
    html = response.content.decode()
    assert "This short name is taken: choose another." in html
    assert "Confirm the import" not in html
    assert Organisation.objects.count() == before


def test_a_token_of_any_characters_is_refused_not_a_crash(world, client_for):
    client = client_for("coordinator")
    _upload(client, (HEADER + _factor(20, "Pending")).encode())
    assert _confirm(client, "ā\x00ņ").status_code == 400
    assert not KeyFactor.objects.filter(number=20).exists()
