"""``gongkai catalog import|export`` and ``gongkai publications import``: output, exit codes,
one-line errors with the line number, and nothing half-imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils.translation import gettext

from gongkai.cli import main
from gongkai.conftest import Personas
from gongkai.publications import search
from gongkai.publications.choices import DocumentKind, Status, Validity
from gongkai.publications.models import CatalogItem, Publication, PublicationEvent
from gongkai.publications.tests.test_standard_catalog import ROWS, _sheet

pytestmark = pytest.mark.django_db


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


CSV = "\n".join(
    [
        "索引号,名称,内容概述,文号,成文日期,发布日期,主题分类,体裁,文件类型,有效性,"
        "有效性变更日期,公开渠道",
        ",关于印发行政复议工作规则的通知,规范复议程序,瓯财发〔2020〕3号,2020-03-02,2020-03-10,,"
        "通知,行政规范性文件,,,政府网站;政府公报",
        "X/2019-00001,关于废止税费减免办法的决定,,,2019-05-06,2019-08-30,,决定,行政规范性文件,"
        "已废止,2021-01-04,",
        "",
    ]
)


def test_publications_import_streams_a_csv_into_published_searchable_items(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "items.csv"
    path.write_text(CSV, encoding="utf-8")
    code, out, err = run(
        capsys, "publications", "import", "--agency", personas.agency_a.name, str(path)
    )
    assert (code, err) == (0, ""), err
    assert out.startswith("2 items imported")
    first, second = Publication.objects.order_by("id")
    assert first.status == Status.PUBLISHED and first.kind == DocumentKind.NORMATIVE
    assert first.index_number and first.channels == ["website", "gazette"]
    assert first.validity == Validity.IN_FORCE and not first.is_late
    # 条例第二十六条: 2019-05-06 + 20 working days is long before 2019-08-30.
    assert second.index_number == "X/2019-00001" and second.is_late
    assert second.validity == Validity.REPEALED
    event = PublicationEvent.objects.get(publication=second)
    assert event.data["imported_from"] == "items.csv" and event.data["line"] == 3
    assert [h.publication.pk for h in search.search("复议").hits] == [first.pk]
    assert [h.publication.pk for h in search.search("税").hits] == [second.pk]


def test_publications_import_reads_jsonl_and_stops_at_a_bad_row_naming_its_line(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = {"title": "通知", "written_on": "2024-01-02", "published_on": "2024-01-03"}
    path = tmp_path / "items.jsonl"
    lines = [good, {**good, "index_number": "A-1"}, {**good, "published_on": "2024-13-01"}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    code, out, err = run(
        capsys, "publications", "import", "--agency", personas.agency_a.name, str(path)
    )
    assert code == 2 and out == ""
    message = gettext("%(name)s: %(raw)s is not a date (YYYY-MM-DD)") % {
        "name": "published_on",
        "raw": "2024-13-01",
    }
    assert err.strip() == f"gongkai: {path}:3: {message}"
    assert len(err.strip().splitlines()) == 1
    assert not Publication.objects.exists()  # all or nothing
    assert search.search("通知").hits == []

    path.write_text(json.dumps({**good, "index_number": "A-1"}) + "\n" + json.dumps(
        {**good, "index_number": "A-1"}), "utf-8")  # fmt: skip
    code, _, err = run(
        capsys, "publications", "import", "--agency", personas.agency_a.name, str(path)
    )
    taken = gettext("index number %(n)s is taken") % {"n": "A-1"}
    assert (code, err.strip()) == (2, f"gongkai: {path}:2: {taken}")


def test_publications_import_names_an_unknown_column_and_agency(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "items.csv"
    path.write_text("名称,颜色\n通知,红\n", encoding="gb18030")
    code, _, err = run(
        capsys, "publications", "import", "--agency", personas.agency_a.name, str(path)
    )
    assert code == 2 and err.startswith(f"gongkai: {path}:1: unknown column '颜色'")
    code, _, err = run(capsys, "publications", "import", "--agency", "无此机关", str(path))
    assert code == 2 and "no such agency" in err


def test_catalog_export_and_import_round_trip_and_a_bad_row_names_its_line(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = personas.agency_a.name
    book = tmp_path / "catalog.xlsx"
    book.write_bytes(_sheet(ROWS))
    code, out, err = run(capsys, "catalog", "import", "--agency", name, str(book))
    assert (code, err) == (0, "") and out.startswith("2 standard catalog items")
    exported = tmp_path / "out.xlsx"
    code, _, _ = run(capsys, "catalog", "export", "--agency", name, "-o", str(exported))
    assert code == 0
    CatalogItem.objects.all().delete()
    code, _, _ = run(capsys, "catalog", "import", "--agency", name, str(exported))
    assert code == 0 and CatalogItem.objects.count() == 2

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_sheet([ROWS[0], ["财政预决算", "x", "预算"]]))
    code, _, err = run(capsys, "catalog", "import", "--agency", name, str(bad))
    assert (code, err.strip()) == (2, f"gongkai: {bad}:3: {gettext('no number')}")
    assert CatalogItem.objects.count() == 2
    (tmp_path / "not.xlsx").write_text("hello")
    code, _, err = run(capsys, "catalog", "import", "--agency", name, str(tmp_path / "not.xlsx"))
    assert code == 2 and "not an XLSX workbook" in err
