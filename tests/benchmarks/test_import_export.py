"""Import and export of key factors: round trip, and every kind of bad file."""

import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from benchmarks.models import GuidingQuestion, KeyFactor

pytestmark = pytest.mark.django_db

HEADER = "benchmark,number,title_en,title_lv,questions_en,questions_lv\n"


def _upload(client, content, name="factors.csv", file_format="csv"):
    return client.post(
        reverse("benchmarks:benchmark_import"),
        {"import_file": SimpleUploadedFile(name, content), "format": file_format},
    )


def _confirm(client, preview):
    """Post the confirmation form of ``preview``, naming its file."""
    return client.post(
        reverse("benchmarks:benchmark_import"),
        {"confirm": "1", "token": preview.context["token"]},
    )


def _snapshot():
    return sorted(
        (
            kf.benchmark.slug,
            kf.number,
            kf.title_en,
            kf.title_lv or "",  # empty is None or "" depending on the path
            tuple(q.text_en for q in kf.questions.all()),
        )
        for kf in KeyFactor.objects.select_related("benchmark").prefetch_related(
            "questions"
        )
    )


@pytest.mark.parametrize("file_format", ["csv", "csv-semicolon", "xlsx", "json"])
def test_export_then_import_round_trips(world, client_for, file_format):
    kf = world.benchmark.key_factors.get(number=1)
    kf.title_lv = "Vadība un sabiedriskā apņemšanās"
    kf.practical_tips_en = "- Start small\n- Involve migrants"
    kf.save()
    client = client_for("coordinator")
    before = _snapshot()
    exported = client.get(
        reverse("benchmarks:benchmark_export"), {"format": file_format}
    ).content
    world.assessment.delete()  # ratings protect their key factors
    # The coordinator exports and imports the benchmarks it may change: its
    # programme's (the shared criteria are the portal editors').
    mine = KeyFactor.objects.filter(benchmark=world.benchmark)
    mine.delete()

    # Imports read either separator: a semicolon CSV is uploaded as CSV.
    upload_format = "csv" if file_format == "csv-semicolon" else file_format
    preview = _upload(client, exported, f"f.{upload_format}", upload_format)
    assert preview.status_code == 200
    assert "Confirm the import" in preview.content.decode()
    assert not mine.exists()  # a preview writes nothing

    response = _confirm(client, preview)
    assert response.status_code == 302
    assert _snapshot() == before
    assert KeyFactor.objects.get(
        benchmark=world.benchmark, number=1
    ).practical_tips_en == ("- Start small\n- Involve migrants")


def test_questions_are_imported_in_order_in_both_languages(world, client_for):
    csv = (
        HEADER + 'language-learning,6,New factor,Jauns faktors,"First?\nSecond?",'
        '"Pirmais?\nOtrais?"\n'
    ).encode()
    client = client_for("coordinator")
    _confirm(client, _upload(client, csv))
    kf = KeyFactor.objects.get(benchmark=world.benchmark, number=6)
    assert [(q.order, q.text_en, q.text_lv) for q in kf.questions.all()] == [
        (1, "First?", "Pirmais?"),
        (2, "Second?", "Otrais?"),
    ]


def test_every_interface_language_has_its_columns_and_french_is_kept(world, client_for):
    csv = (
        "benchmark,number,title_en,title_fr,questions_en,questions_lv,questions_fr\n"
        'language-learning,6,New factor,Nouveau facteur,"First?\nSecond?",'
        '"Pirmais?",'
        '"Première ?\nDeuxième ?"\n'
    ).encode()
    client = client_for("coordinator")
    _confirm(client, _upload(client, csv))
    kf = KeyFactor.objects.get(benchmark=world.benchmark, number=6)
    assert kf.title_fr == "Nouveau facteur"
    # A question missing in one language reads in English there.
    assert [(q.text_en, q.text_lv, q.text_fr) for q in kf.questions.all()] == [
        ("First?", "Pirmais?", "Première ?"),
        ("Second?", "Second?", "Deuxième ?"),
    ]
    exported = client.get(reverse("benchmarks:benchmark_export"), {"format": "csv"})
    header = exported.content.decode("utf-8-sig").splitlines()[0]
    for column in ("title_fr", "why_and_how_fr", "practical_tips_fr", "questions_fr"):
        assert column in header
    assert "Première ?" in exported.content.decode("utf-8-sig")
    page = client.get(reverse("benchmarks:benchmark_import")).content.decode()
    assert "<code>title_fr</code>" in page and "<code>questions_lv</code>" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"slug,title\nx,y\n", "lacks the column(s): benchmark, number, title_en"),
        (
            (HEADER + "no-such-benchmark,1,T,T,,\n").encode(),
            "No benchmark has the short name “no-such-benchmark”",
        ),
        (
            (
                HEADER + "language-learning,7,A,A,,\nlanguage-learning,7,B,B,,\n"
            ).encode(),
            "appears twice",
        ),
        (
            (HEADER + 'language-learning,7,"=HYPERLINK(""http://x"")",T,,\n').encode(),
            "spreadsheet formula",
        ),
        ((HEADER + "language-learning,seven,T,T,,\n").encode(), "not a whole number"),
    ],
)
def test_a_bad_file_is_reported_row_by_row_and_writes_nothing(
    world, client_for, content, message
):
    before = _snapshot()
    response = _upload(client_for("coordinator"), content)
    html = response.content.decode()
    assert message in html
    assert "Confirm the import" not in html
    assert "nothing will be imported" in html
    assert _snapshot() == before


def test_one_bad_row_among_good_ones_imports_nothing(world, client_for):
    content = (
        HEADER
        + "language-learning,6,Good,Labs,,\n"
        + "language-learning,7,Good too,Labs,,\n"
        + "nowhere,8,Bad,Slikts,,\n"
    ).encode()
    html = _upload(client_for("coordinator"), content).content.decode()
    assert "No benchmark has the short name" in html
    assert not KeyFactor.objects.filter(number__in=[6, 7]).exists()


def test_a_confirm_without_a_preview_imports_nothing(world, client_for):
    response = client_for("coordinator").post(
        reverse("benchmarks:benchmark_import"), {"confirm": "1"}
    )
    assert response.status_code == 400
    assert "Nothing to import" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "file_format", "message"),
    [
        (
            "benchmark,number,title_en\nlanguage-learning,1,Līderība\n".encode(
                "cp1257"
            ),
            "csv",
            "not UTF-8",
        ),
        (b"", "csv", "empty"),
        (b"PK\x03\x04 not really a workbook", "xlsx", "Excel workbook"),
        (b"{not json", "json", "not valid JSON"),
        (b'{"a": 1}', "json", "list of objects"),
        (b'benchmark,number,title_en\n"language-learning,1,x\n', "csv", "malformed"),
        # Both once ended in an IndexError (a 500).
        (b"\n,,\n\n", "csv", "empty"),
        (b"\xef\xbb\xbf\r\n", "csv", "empty"),
        (b"a,b\n", "xml", "Choose the file&#x27;s format: CSV, XLSX, JSON."),
    ],
)
def test_unreadable_files_get_a_clear_message(
    world, client_for, content, file_format, message
):
    response = _upload(client_for("coordinator"), content, file_format=file_format)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_semicolon_separated_files_are_read(world, client_for):
    content = b"benchmark;number;title_en\nlanguage-learning;9;Semicolons\n"
    client = client_for("coordinator")
    assert "Confirm the import" in _upload(client, content).content.decode()


def test_exports_neutralise_formulas_for_spreadsheets(world, client_for):
    kf = world.benchmark.key_factors.get(number=1)
    kf.title_en = "=cmd|' /C calc'!A0"
    kf.save()
    client = client_for("coordinator")
    csv = client.get(reverse("benchmarks:benchmark_export"), {"format": "csv"})
    assert "'=cmd" in csv.content.decode()
    xlsx = client.get(reverse("benchmarks:benchmark_export"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'=cmd|' /C calc'!A0" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    data = json.loads(
        client.get(reverse("benchmarks:benchmark_export"), {"format": "json"}).content
    )
    assert data[0]["benchmark"] == "language-learning"


def test_an_unknown_export_format_is_a_400(world, client_for):
    response = client_for("coordinator").get(
        reverse("benchmarks:benchmark_export"), {"format": "exe"}
    )
    assert response.status_code == 400


def test_guiding_questions_total_is_unchanged_by_a_no_op_import(world, client_for):
    client = client_for("coordinator")
    exported = client.get(reverse("benchmarks:benchmark_export"), {"format": "csv"})
    before = GuidingQuestion.objects.count()
    _confirm(client, _upload(client, exported.content))
    assert GuidingQuestion.objects.count() == before


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    world, client_for, monkeypatch
):
    """It was read whole into memory, then measured."""
    from django.core.files.uploadedfile import TemporaryUploadedFile

    def no_read(self, *args):
        raise AssertionError("read a file over the limit")

    # Over 2.5 MB, Django keeps an upload in a temporary file.
    monkeypatch.setattr(TemporaryUploadedFile, "read", no_read)
    before = _snapshot()
    response = _upload(client_for("coordinator"), b"a,b\n" + b"1,2\n" * 800_000)
    assert response.status_code == 400
    assert "larger than 2 MB" in response.content.decode()
    assert _snapshot() == before
