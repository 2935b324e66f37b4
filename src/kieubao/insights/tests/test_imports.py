"""Survey imports, as a province would run them: its own files, as they are."""

from __future__ import annotations

import json
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from kieubao.community.models import Person
from kieubao.core.legacy_vn import from_unicode
from kieubao.core.models import AuditEntry
from kieubao.insights.models import Enterprise, InvestmentProject, Remittance
from kieubao.insights.selectors import area_for, province_summary
from kieubao.insights.services import import_file

pytestmark = pytest.mark.django_db

HAI_PHONG = 31
TITLE = ["DANH SÁCH KIỀU BÀO THÀNH PHỐ HẢI PHÒNG NĂM 2024"]
HEADERS = [
    "STT", "Mã hồ sơ", "Họ và tên", "Năm sinh", "Giới tính", "Quê quán", "Quốc gia cư trú",
    "Thành phố", "Tình trạng cư trú", "Trình độ học vấn", "Lĩnh vực chuyên môn", "Ghi chú",
]  # fmt: skip
ROWS = [
    ["1", "HP-001", "Nguyễn Văn An", "1975", "Nam", "Hải Phòng", "Cộng hòa Séc", "Praha",
     "Định cư", "Tiến sĩ", "Trí tuệ nhân tạo", ""],
    ["2", "HP-002", "Trần Thị Bích", "1988", "Nữ", "Hải Dương", "Nhật Bản", "Tokyo",
     "Tạm trú", "Thạc sĩ", "", "lao động kỹ thuật"],
    ["3", "HP-003", "Lê Quốc Đạt", "1990", "Nam", "TP. Hải Phòng", "Hàn Quốc", "Seoul",
     "Lao động", "Cao đẳng", "", ""],
    ["4", "HP-004", "Phạm Ngọc Ánh", "12/03/1995", "Nữ", "Thành phố Hải Phòng", "Hoa Kỳ",
     "San Jose", "Du học", "Cử nhân", "Công nghệ sinh học", ""],
    ["5", "HP-005", "Vũ Đức Thắng", "1969", "Nam", "Hải Phòng", "Liên bang Nga", "Moskva",
     "Thường trú", "Kỹ sư", "", ""],
    ["6", "HP-006", "Đặng Thu Hà", "1983", "Nữ", "Hải Phòng", "Ô-xtrây-li-a", "Sydney",
     "Định cư", "", "", ""],
    ["7", "HP-007", "Hoàng Minh Đức", "1979", "Nam", "Hải Phòng", "Đài Loan (Trung Quốc)",
     "Taipei", "Lao động", "Trung cấp", "", ""],
]  # fmt: skip
# What the file holds: 7 people in 6 countries (CZ, JP, KR, US, RU, AU, TW = 7 countries).
EXPECTED_COUNTRIES = {"CZ": 1, "JP": 1, "KR": 1, "US": 1, "RU": 1, "AU": 1, "TW": 1}
EXPECTED_QUALIFICATIONS = {"phd": 1, "master": 1, "bachelor": 2, "college": 1, "other": 2}
EXPECTED_RESIDENCY = {"permanent": 3, "temporary": 1, "student": 1, "labour": 2}


def _cp1258(text: str) -> bytes:
    """Bytes as Excel writes Windows-1258: base letters (â, ơ, ư …) with the tone as a
    combining mark after them."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += (base + "".join(c for c in decomposed if c in tones)).encode("cp1258")
    return bytes(out)


def _csv_text(rows) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def write_file(tmp_path: Path, fmt: str, rows=None) -> Path:
    table = [TITLE, HEADERS, *(rows or ROWS)]
    path = tmp_path / f"survey-{fmt}.{'xlsx' if fmt == 'xlsx' else 'csv'}"
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        for row in table:
            sheet.append([int(c) if c.isdigit() and len(c) == 4 else c for c in row])
        book.save(path)
        return path
    text = _csv_text(table)
    data = {
        "utf-8": lambda: text.encode("utf-8"),
        "utf-8-bom": lambda: text.encode("utf-8-sig"),
        "utf-16": lambda: text.encode("utf-16"),
        "windows-1258": lambda: _cp1258(text),
        "tcvn3": lambda: from_unicode(text, "tcvn3").encode("latin-1"),
        "vni": lambda: from_unicode(text, "vni").encode("cp1252", errors="strict"),
    }[fmt]()
    path.write_bytes(data)
    return path


def exact_summary(code=HAI_PHONG) -> dict:
    return province_summary(area_for(code), exact=True)


def counts(summary) -> tuple:
    people = summary["people"]
    return (
        people["total"],
        people["countries"],
        {c["code"]: c["count"] for c in people["by_country"]},
        people["by_qualification"],
        people["by_residency"],
    )


FORMATS = ["utf-8", "utf-8-bom", "utf-16", "windows-1258", "tcvn3", "vni", "xlsx"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_survey_in_any_encoding_gives_back_exactly_what_the_file_holds(tmp_path, fmt):
    report = import_file("people", write_file(tmp_path, fmt), province_code=HAI_PHONG)
    assert report.ok, report.problems
    assert report.created == 7
    assert counts(exact_summary()) == (
        7, 7, EXPECTED_COUNTRIES, EXPECTED_QUALIFICATIONS, EXPECTED_RESIDENCY
    )  # fmt: skip
    assert report.ignored == ["Ghi chú"]
    assert report.encoding
    if fmt in ("tcvn3", "vni"):
        assert report.legacy == fmt.upper()
    # Stored as NFC Unicode, whatever came in.
    names = set(Person.objects.values_list("full_name", flat=True))
    assert "Đặng Thu Hà" in names
    # TCVN3 has no toned capitals (they were typed in a separate capitals font).
    assert ("Phạm Ngọc ánh" if fmt == "tcvn3" else "Phạm Ngọc Ánh") in names
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    person = Person.objects.get(external_id="31/HP-004")
    assert (person.birth_year, person.sex, str(person.country)) == (1995, "female", "US")
    assert list(person.fields.values_list("slug", flat=True)) == ["biotechnology"]
    assert not person.consent_directory and person.user_id is None  # statistical only


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write_file(tmp_path, "xlsx")
    import_file("people", path, province_code=HAI_PHONG)
    before = counts(exact_summary())
    again = import_file("people", write_file(tmp_path, "utf-16"), province_code=HAI_PHONG)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 7)
    assert Person.objects.count() == 7
    assert counts(exact_summary()) == before


def test_a_changed_row_is_updated_and_moves_its_count(tmp_path):
    import_file("people", write_file(tmp_path, "utf-8"), province_code=HAI_PHONG)
    rows = [list(r) for r in ROWS]
    rows[1][6] = "Đức"  # HP-002 moved from Japan to Germany
    report = import_file("people", write_file(tmp_path, "utf-8", rows), province_code=HAI_PHONG)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 6)
    by_country = counts(exact_summary())[2]
    assert by_country.get("JP") is None and by_country["DE"] == 1


def test_rows_without_an_id_are_still_imported_once(tmp_path):
    rows = [[r[0], "", *r[2:]] for r in ROWS] + [[ROWS[0][0], "", *ROWS[0][2:]]]
    path = write_file(tmp_path, "utf-8", rows)
    first = import_file("people", path, province_code=HAI_PHONG)
    assert first.created == 8  # two identical rows are two people
    second = import_file("people", path, province_code=HAI_PHONG)
    assert (second.created, second.unchanged) == (0, 8)


def test_one_bad_row_writes_nothing_and_every_problem_is_reported(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][6] = "Nhật Bảnn"  # misspelt country, row 5 in the file (title, header)
    rows[4][3] = "19x9"  # bad year, row 7
    rows[5][1] = "HP-001"  # duplicate id, row 8
    rows[6][5] = "Đà Nẵng"  # another province, row 9
    report = import_file("people", write_file(tmp_path, "utf-8", rows), province_code=HAI_PHONG)
    assert not report.ok
    assert Person.objects.count() == 0
    problems = {(p.row, p.column): p for p in report.problems}
    assert set(problems) == {
        (5, "Quốc gia cư trú"), (7, "Năm sinh"), (8, "Mã hồ sơ"), (9, "Quê quán")
    }  # fmt: skip
    country = problems[(5, "Quốc gia cư trú")]
    assert country.value == "Nhật Bảnn"
    assert any("Nhật" in s or "Japan" in s for s in country.suggestions)
    assert "row 3" in problems[(8, "Mã hồ sơ")].reason


def test_unknown_values_and_columns_can_be_mapped(tmp_path):
    headers = [*HEADERS]
    headers[5] = "Xuất thân"  # "origin": not a usual header for the hometown
    rows = [list(r) for r in ROWS]
    rows[0][6] = "Xứ Bô-hê-mi-a"  # Bohemia: not a country of today
    path = tmp_path / "mapped.csv"
    path.write_text(_csv_text([headers, *rows]), encoding="utf-8")
    refused = import_file("people", path, province_code=HAI_PHONG)
    assert not refused.ok and "Xuất thân" in refused.ignored
    assert [p.value for p in refused.problems] == ["Xứ Bô-hê-mi-a"]
    report = import_file(
        "people",
        path,
        province_code=HAI_PHONG,
        column_map={"Xuất thân": "hometown_province"},
        value_map=["Quốc gia cư trú:Xu Bo-he-mi-a=CZ"],  # tones and case do not matter
    )
    assert report.ok, report.problems
    assert report.columns["Xuất thân"] == "hometown_province"
    assert counts(exact_summary())[2]["CZ"] == 1


def test_dry_run_checks_and_writes_nothing(tmp_path):
    report = import_file(
        "people", write_file(tmp_path, "utf-8"), province_code=HAI_PHONG, dry_run=True
    )
    assert report.ok and report.created == 7 and not report.written
    assert Person.objects.count() == 0
    assert exact_summary()["people"]["total"] == 0


def test_enterprises_investments_and_remittances(tmp_path):
    (tmp_path / "dn.csv").write_text(
        _csv_text(
            [
                ["STT", "Mã doanh nghiệp", "Tên doanh nghiệp", "Địa bàn", "Quốc gia"],
                ["1", "DN1", "Công ty TNHH Sen Vàng", "Nước ngoài", "CH Séc"],
                ["2", "DN2", "Vina Trading GmbH", "Nước ngoài", "CHLB Đức"],
                ["3", "DN3", "Công ty CP Cảng Xanh", "Trong nước", "Việt Nam"],
            ]
        ),
        encoding="utf-8",
    )
    (tmp_path / "da.csv").write_text(
        _csv_text(
            [
                ["Mã dự án", "Tên dự án", "Nhà đầu tư", "Vốn đầu tư (triệu USD)", "Tình trạng"],
                ["DA1", "Khu nghỉ dưỡng Cát Bà", "Ông Nguyễn Văn Nam", "12,5", "Đang hoạt động"],
                ["DA2", "Nhà máy linh kiện", "Bà Trần Thị Hoa", "3", "Đã cấp phép"],
            ]
        ),
        encoding="utf-8",
    )
    (tmp_path / "kh.csv").write_text(
        _csv_text([["Năm", "Kiều hối (triệu USD)"], ["2019", "409"], ["2020", "291"]]),
        encoding="utf-8",
    )
    for kind, name in (("enterprises", "dn"), ("investments", "da"), ("remittances", "kh")):
        report = import_file(kind, tmp_path / f"{name}.csv", province_code=HAI_PHONG)
        assert report.ok, (kind, report.problems)
    assert set(Enterprise.objects.values_list("location", "country")) == {
        ("abroad", "CZ"), ("abroad", "DE"), ("home", "VN")
    }  # fmt: skip
    assert sorted(InvestmentProject.objects.values_list("capital_usd", flat=True)) == [
        3_000_000, 12_500_000
    ]  # fmt: skip
    assert dict(Remittance.objects.values_list("year", "amount_usd")) == {
        2019: 409_000_000, 2020: 291_000_000
    }  # fmt: skip
    summary = exact_summary()
    assert summary["enterprises"]["abroad"] == 2 and summary["enterprises"]["home"] == 1
    assert summary["investments"]["capital_usd"] == 15_500_000
    again = import_file("remittances", tmp_path / "kh.csv", province_code=HAI_PHONG)
    assert (again.created, again.unchanged) == (0, 2)


def test_the_command_reports_and_fails_with_nothing_written(tmp_path):
    out = StringIO()
    call_command(
        "import", "people", str(write_file(tmp_path, "utf-8-bom")), "--province", "Hải Dương",
        stdout=out, stderr=StringIO(),
    )  # fmt: skip
    text = out.getvalue()
    assert "UTF-8" in text and "Created 7" in text
    assert AuditEntry.objects.filter(action="import", target_id=HAI_PHONG).exists()
    rows = [list(r) for r in ROWS]
    rows[0][6] = "Atlantis"
    bad = write_file(tmp_path, "utf-8", rows)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "people", str(bad), "--province", "31", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["ok"] is False and report["problems"][0]["row"] == 3


def test_a_file_that_is_gone_is_reported_not_a_crash(tmp_path):
    report = import_file("people", tmp_path / "purged.csv", province_code=HAI_PHONG)
    assert not report.ok
    assert report.problems[0].reason == "The file is no longer here; upload it again."
