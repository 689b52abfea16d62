"""Bulk import and export of a programme's data, and its bad files."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incluportal.models import User
from schemes.models import ActionPlanRow, GoodPractice, Membership, Organisation

pytestmark = pytest.mark.django_db


def _urls(world, key):
    return (
        reverse("schemes:data_export", args=[world.programme.slug, key]),
        reverse("schemes:data_import", args=[world.programme.slug, key]),
    )


def _upload(client, url, content, name="data.csv", fmt="csv"):
    return client.post(
        url, {"import_file": SimpleUploadedFile(name, content), "format": fmt}
    )


def _xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _confirm(client, url, preview):
    """Post the confirmation form of ``preview``, naming its file."""
    return client.post(url, {"confirm": "1", "token": preview.context["token"]})


@pytest.mark.parametrize(
    "key", ["cities", "associations", "people", "good-practices", "action-plan-rows"]
)
@pytest.mark.parametrize("fmt", ["csv", "csv-semicolon", "xlsx"])
def test_export_then_import_round_trips(world, client_for, key, fmt):
    client = client_for("coordinator")
    export_url, import_url = _urls(world, key)
    exported = client.get(export_url, {"format": fmt})
    assert exported.status_code == 200
    counts = [
        m.objects.count()
        for m in (Organisation, Membership, User, GoodPractice, ActionPlanRow)
    ]
    # Imports read either separator: a semicolon CSV is uploaded as CSV.
    upload_format = "xlsx" if fmt == "xlsx" else "csv"
    preview = _upload(
        client, import_url, exported.content, f"x.{upload_format}", upload_format
    )
    assert "Confirm the import" in preview.content.decode(), preview.content.decode()[
        -3000:
    ]
    assert _confirm(client, import_url, preview).status_code == 302
    after = [
        m.objects.count()
        for m in (Organisation, Membership, User, GoodPractice, ActionPlanRow)
    ]
    assert after == counts


def test_people_are_imported_with_their_memberships(world, client_for):
    client = client_for("coordinator")
    _export, url = _urls(world, "people")
    csv = (
        "email,full_name,organisation,position\n"
        "New@Jelgava.example,Ilze,jelgava,Teacher\n"
    )
    _confirm(client, url, _upload(client, url, csv.encode()))
    user = User.objects.get(email="new@jelgava.example")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).organisation == world.mentee_city


def test_action_plan_rows_are_imported_into_a_draft_plan(world, client_for):
    client = client_for("coordinator")
    _export, url = _urls(world, "action-plan-rows")
    csv = "scheme,number,action,start\njelgava/schaerbeek,2,Ziņu lapa,2025-03-01\n"
    _confirm(client, url, _upload(client, url, csv.encode()))
    assert world.scheme.action_plan.rows.get(number=2).action == "Ziņu lapa"


@pytest.mark.parametrize(
    ("key", "content", "message"),
    [
        ("cities", b"slug,name_en\nx,y\n", "lacks the column(s): country"),
        (
            "cities",
            b"slug,name_en,country\nriga,Riga,LV\n",
            "belongs to another programme",
        ),
        ("people", b"email,organisation\nx@example.org,riga\n", "No organisation"),
        (
            "people",
            b"email,organisation\nnot-an-email,jelgava\n",
            "is not an e-mail address",
        ),
        ("good-practices", b"city,title\nriga,Cafe\n", "No city"),
        ("good-practices", b"city,title\njelgava,=1+1\n", "spreadsheet formula"),
        ("action-plan-rows", b"scheme,number,action\nnowhere/x,1,A\n", "No scheme"),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_written(
    world, client_for, key, content, message
):
    client = client_for("coordinator")
    _export, url = _urls(world, key)
    before = [
        m.objects.count()
        for m in (Organisation, Membership, User, GoodPractice, ActionPlanRow)
    ]
    html = _upload(client, url, content).content.decode()
    assert message in html
    assert "Confirm the import" not in html
    # Nothing pending: a confirmation is refused.
    assert client.post(url, {"confirm": "1", "token": "x"}).status_code == 400
    after = [
        m.objects.count()
        for m in (Organisation, Membership, User, GoodPractice, ActionPlanRow)
    ]
    assert after == before


def test_a_submitted_plan_cannot_be_changed_by_import(world, client_for):
    from schemes import services

    services.action_plan_submit(plan=world.scheme.action_plan, by=world.users["mentee"])
    _export, url = _urls(world, "action-plan-rows")
    html = _upload(
        client_for("coordinator"),
        url,
        b"scheme,number,action\njelgava/schaerbeek,1,Changed\n",
    ).content.decode()
    assert "cannot change now" in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("email;organisation\nx@example.org;jelgava\n".encode("utf-16"), "not UTF-8"),
        (b"", "empty"),
        (b'email,organisation\n"x@example.org,jelgava\n', "malformed"),
    ],
)
def test_unreadable_files_get_a_clear_message(world, client_for, content, message):
    _export, url = _urls(world, "people")
    response = _upload(client_for("coordinator"), url, content)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_semicolons_are_understood(world, client_for):
    _export, url = _urls(world, "people")
    html = _upload(
        client_for("coordinator"),
        url,
        b"email;organisation\nsemi@example.org;jelgava\n",
    ).content.decode()
    assert "Confirm the import" in html


def test_xlsx_export_neutralises_formulas(world, client_for):
    GoodPractice.objects.filter(pk=world.public_practice.pk).update(
        lead_agencies="@SUM(A1)"
    )
    export_url, _import = _urls(world, "good-practices")
    xlsx = client_for("coordinator").get(export_url, {"format": "xlsx"})
    values = [
        c.value
        for row in openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows()
        for c in row
    ]
    assert "'@SUM(A1)" in values


def test_only_this_programmes_coordinators(world, client_for):
    export_url, import_url = _urls(world, "people")
    assert client_for("mentee").get(export_url).status_code == 403
    assert client_for("other_coordinator").get(import_url).status_code == 404


def test_json_is_not_offered_for_programme_data(world, client_for):
    _export, url = _urls(world, "people")
    response = _upload(client_for("coordinator"), url, b"[]", fmt="json")
    assert response.status_code == 400
    assert "format: CSV, XLSX." in response.content.decode()


def test_a_workbook_opening_on_a_chart_is_read_from_its_first_table(world, client_for):
    """openpyxl's active sheet was the chart sheet, without rows: a 500."""
    from openpyxl.chart import BarChart, Reference

    workbook = openpyxl.Workbook()
    table = workbook.active
    for row in [["email", "organisation"], ["chart@example.org", "jelgava"]]:
        table.append(row)
    chart = BarChart()
    chart.add_data(Reference(table, min_col=1, min_row=1, max_row=2))
    workbook.create_chartsheet(index=0).add_chart(chart)
    workbook.active = 0
    out = io.BytesIO()
    workbook.save(out)
    _export, url = _urls(world, "people")
    response = _upload(client_for("coordinator"), url, out.getvalue(), fmt="xlsx")
    assert response.status_code == 200
    assert "chart@example.org" in response.content.decode()
    assert not User.objects.filter(email="chart@example.org").exists()  # a preview


def test_a_formula_in_a_workbook_is_refused_not_emptied(world, client_for):
    _export, url = _urls(world, "cities")
    content = _xlsx([["slug", "name_en", "country", "population"],
                     ["jelgava", "Jelgava", "LV", "=10000+1000"]])  # fmt: skip
    html = _upload(
        client_for("coordinator"), url, content, name="f.xlsx", fmt="xlsx"
    ).content.decode()
    assert "spreadsheet formula" in html
    assert "Confirm the import" not in html


def test_a_text_the_portal_exported_with_an_apostrophe_imports_back(world, client_for):
    Organisation.objects.filter(pk=world.mentee_city.pk).update(website="")
    Organisation.objects.filter(pk=world.mentee_city.pk).update(name_en="=Jelgava")
    client = client_for("coordinator")
    export, url = _urls(world, "cities")
    content = client.get(export, {"format": "csv"}).content
    assert content.startswith("\ufeff".encode())  # Excel reads UTF-8
    html = _upload(client, url, content, name="f.csv").content.decode()
    assert "Confirm the import" in html


def test_a_workbook_sent_as_csv_gets_a_clear_message(world, client_for):
    _export, url = _urls(world, "cities")
    response = _upload(client_for("coordinator"), url, _xlsx([["slug"]]), name="f.csv")
    assert "choose the XLSX format" in response.content.decode()


def test_a_missing_column_reads_as_a_sentence(world, client_for):
    _export, url = _urls(world, "cities")
    html = _upload(
        client_for("coordinator"), url, b"slug\njelgava\n", name="f.csv"
    ).content.decode()
    assert "The file lacks the column(s): name_en, country." in html
    assert "[&#x27;" not in html
