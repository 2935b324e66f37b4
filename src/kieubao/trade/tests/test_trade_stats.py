"""`kieubao import trade-stats FILE`: trade statistics, all or nothing, re-importable."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from kieubao.core.models import AuditEntry
from kieubao.insights.tests.test_reading import excel_cp1258
from kieubao.trade.models import TradeStat
from kieubao.trade.trade_stats import import_file

pytestmark = pytest.mark.django_db

GOOD = (
    "reporter,partner,hs_code,year,value_usd,flow\n"
    'VN,DE,0901,2022,"1,234,567.5",export\n'
    "Việt Nam,Đức,0901,2023,1500000,\n"
    "VNM,FRA,090411,2023,250000,export\n"
    "DE,VN,09,2023,2000000,import\n"
)


def _write(tmp_path, text: str, name: str = "stats.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(excel_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def test_import_creates_figures_and_reimport_changes_nothing(tmp_path):
    path = _write(tmp_path, GOOD)
    report = import_file(path)
    assert report.ok, report.problems
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    figure = TradeStat.objects.get(partner="DE", year=2022)
    assert (figure.reporter, figure.flow, figure.hs_code) == ("VN", "export", "0901")
    assert figure.value_usd == Decimal("1234567.50")
    assert TradeStat.objects.get(reporter="DE").flow == "import"
    assert TradeStat.objects.get(partner="FR").hs_code == "090411"
    assert AuditEntry.objects.filter(action="import", target_type="trade_stats").count() == 1

    again = import_file(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert TradeStat.objects.count() == 4


def test_a_changed_value_is_updated_not_duplicated(tmp_path):
    import_file(_write(tmp_path, GOOD))
    changed = GOOD.replace("1500000", "1600000")
    report = import_file(_write(tmp_path, changed, "changed.csv"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert TradeStat.objects.get(partner="DE", year=2023).value_usd == Decimal("1600000")


def test_any_bad_row_writes_nothing_and_every_problem_is_reported(tmp_path):
    next_year = timezone.localdate().year + 1
    text = (
        "reporter,partner,hs_code,year,value_usd\n"
        "VN,DE,0901,2022,1000\n"  # good, row 2
        "VN,Atlantis,0901,2022,1000\n"  # row 3: bad country
        "VN,FR,7701,2022,1000\n"  # row 4: no such HS chapter
        "VN,FR,12345,2022,1000\n"  # row 5: 5 digits
        "VN,JP,0901,2022,-5\n"  # row 6: negative
        "VN,JP,0902,2022,nhiều\n"  # row 7: not a number
        f"VN,US,0901,{next_year},1000\n"  # row 8: year ahead
        "VN,US,0901,1985,1000\n"  # row 9: year before 1990
    )
    report = import_file(_write(tmp_path, text))
    assert not report.ok
    assert TradeStat.objects.count() == 0
    where = {(p.row, p.column): p for p in report.problems}
    assert set(where) == {
        (3, "partner"),
        (4, "hs_code"),
        (5, "hs_code"),
        (6, "value_usd"),
        (7, "value_usd"),
        (8, "year"),
        (9, "year"),
    }
    assert where[(3, "partner")].value == "Atlantis"
    assert "country" in where[(3, "partner")].reason
    assert "chapter" in where[(4, "hs_code")].reason.lower()
    assert "negative" in where[(6, "value_usd")].reason
    assert "number" in where[(7, "value_usd")].reason.lower()
    assert "1990" in where[(9, "year")].reason
    assert not AuditEntry.objects.filter(target_type="trade_stats").exists()


def test_comtrade_headers_and_flow_names(tmp_path):
    text = (
        "typeCode,freqCode,refYear,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,"
        "partnerCode,partnerISO,partnerDesc,cmdCode,primaryValue\n"
        "C,A,2021,704,VNM,Viet Nam,X,Export,276,DEU,Germany,0901,745000000.25\n"
        "C,A,2021,276,DEU,Germany,M,Import,704,VNM,Viet Nam,0901,801000000\n"
    )
    report = import_file(_write(tmp_path, text))
    assert report.ok, report.problems
    assert report.columns["reporterISO"] == "reporter"
    assert report.columns["flowDesc"] == "flow"
    assert "reporterDesc" in report.ignored
    assert TradeStat.objects.get(reporter="VN").value_usd == Decimal("745000000.25")
    assert TradeStat.objects.get(reporter="DE").flow == "import"


def test_vietnamese_headers_semicolons_and_windows_1258(tmp_path):
    text = (
        "Nước báo cáo;Đối tác;Mã HS;Năm;Trị giá (USD);Chiều\n"
        "Việt Nam;Nhật Bản;0306;2023;1.234.567,5;Xuất khẩu\n"
    )
    report = import_file(_write(tmp_path, text, encoding="cp1258"))
    assert report.ok, report.problems
    assert report.encoding == "Windows-1258"
    figure = TradeStat.objects.get()
    assert (figure.partner, figure.hs_code, figure.flow) == ("JP", "0306", "export")
    assert figure.value_usd == Decimal("1234567.50")


def test_utf16_and_xlsx(tmp_path):
    report = import_file(_write(tmp_path, GOOD.replace(",", "\t"), "u16.csv", "utf-16"))
    assert report.ok, report.problems
    assert report.encoding == "UTF-16"
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Reporter", "Partner", "HS code", "Year", "Value (USD)"])
    sheet.append(["VN", "AU", "080131", 2023, 3210000.5])
    path = tmp_path / "stats.xlsx"
    book.save(path)
    report = import_file(path)
    assert report.ok, report.problems
    assert TradeStat.objects.get(partner="AU").value_usd == Decimal("3210000.50")


def test_missing_columns_and_repeated_rows_are_reported(tmp_path):
    report = import_file(_write(tmp_path, "reporter,partner,year\nVN,DE,2022\n"))
    assert not report.ok
    assert "HS code" in report.problems[0].reason
    text = "reporter,partner,hs_code,year,value_usd\nVN,DE,0901,2022,1\nVN,DE,09.01,2022,2\n"
    report = import_file(_write(tmp_path, text, "dup.csv"))
    assert [p.row for p in report.problems] == [3]
    assert "Row 2" in report.problems[0].reason


def test_dry_run_writes_nothing(tmp_path):
    report = import_file(_write(tmp_path, GOOD), dry_run=True)
    assert report.ok and report.created == 4 and not report.written
    assert TradeStat.objects.count() == 0


def test_command_prints_report_and_fails_on_problems(tmp_path):
    out = io.StringIO()
    call_command("import", "trade-stats", str(_write(tmp_path, GOOD)), stdout=out)
    assert "Created 4" in out.getvalue()
    bad = _write(tmp_path, "reporter,partner,hs_code,year,value_usd\nVN,XX,0901,2022,1\n", "b.csv")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "trade-stats", str(bad), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["ok"] is False
    assert data["problems"][0]["row"] == 2
    assert data["problems"][0]["column"] == "partner"


def test_survey_imports_still_need_a_province(tmp_path):
    with pytest.raises(CommandError, match="province"):
        call_command("import", "people", str(_write(tmp_path, GOOD)))
