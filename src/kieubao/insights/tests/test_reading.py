"""Survey files, however a province saved them, read to the same clean table."""

from __future__ import annotations

import csv
import io
import time
import unicodedata
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from kieubao.core.legacy_vn import from_unicode
from kieubao.insights import reading
from kieubao.insights.columns import parse_amount
from kieubao.insights.reading import ImportFileError, read_table

TITLE = "DANH SÁCH KIỀU BÀO TP HẢI PHÒNG NĂM 2024"
HEADERS = [
    "STT",
    "Họ và tên",
    "Năm sinh",
    "Giới tính",
    "Quê quán",
    "Quốc gia cư trú",
    "Trình độ",
    "Ghi chú",
]
# No upper-case toned letter: TCVN3 has none (its capital font wrote them on lower-case bytes).
ROWS = [
    ["1", "Nguyễn Văn An", "1980", "Nam", "Kiến An, Hải Phòng", "Cộng hòa Séc", "Tiến sĩ", ""],
    ["2", "Trần Thị Bích Ngọc", "1992", "Nữ", "Hải Dương", "Nhật Bản", "Thạc sĩ", "Du học sinh"],
    ["3", "Lê Quang Huy", "1975", "Nam", "Thủy Nguyên", "Hoa Kỳ", "Kỹ sư", "Định cư, có nhà riêng"],
    ["4", "Đỗ Thị Ưng", "2001", "Nữ", "Hải Phòng", "Đài Loan (Trung Quốc)", "Cử nhân", "Lao động"],
]  # fmt: skip
# The file as a province keeps it: a title line, then the table.
LINES = [[TITLE], HEADERS, *ROWS]


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def csv_text(lines: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(lines)
    return out.getvalue()


def excel_cp1258(text: str) -> bytes:
    """Windows-1258 as Excel writes it: a precomposed letter where the code page has one (à, â,
    ơ, đ), otherwise the letter without its tone and the tone as a combining mark (ộ is ô and
    U+0323)."""
    out = bytearray()
    for char in nfc(text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in decomposed if c in TONE_MARKS)
            base = nfc("".join(c for c in decomposed if c not in TONE_MARKS))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def write_xlsx(path, lines, *, title="Sheet1", convert=lambda value: value, extra_sheets=()):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for line in lines:
        sheet.append([convert(value) for value in line])
    for name in extra_sheets:
        workbook.create_sheet(name).append(["Năm", "Kiều hối"])
    workbook.save(path)
    return path


def typed(value: str):
    """What a person types into Excel: numbers as numbers."""
    return int(value) if value.isdigit() else value


def legacy(encoding: str):
    return lambda value: from_unicode(value, encoding) if isinstance(value, str) else value


# --- the same survey, every way it is saved --------------------------------------------------

SAVED_AS = {
    "utf-8": (lambda: csv_text(LINES).encode("utf-8"), "UTF-8", None),
    "utf-8 with BOM": (lambda: csv_text(LINES).encode("utf-8-sig"), "UTF-8 (with BOM)", None),
    "utf-16": (lambda: csv_text(LINES, "\t").encode("utf-16"), "UTF-16", None),
    "utf-16 without BOM": (lambda: csv_text(LINES).encode("utf-16-le"), "UTF-16", None),
    "windows-1258": (lambda: excel_cp1258(csv_text(LINES, ";")), "Windows-1258", None),
    "tcvn3": (
        lambda: from_unicode(csv_text(LINES, ";"), "tcvn3").encode("latin-1"),
        "Windows-1258",
        "TCVN3",
    ),
    "tcvn3 re-saved as utf-8": (
        lambda: from_unicode(csv_text(LINES), "tcvn3").encode("utf-8"),
        "UTF-8",
        "TCVN3",
    ),
    "vni": (lambda: from_unicode(csv_text(LINES), "vni").encode("cp1252"), "Windows-1258", "VNI"),
}


@pytest.mark.parametrize("saved_as", list(SAVED_AS))
def test_the_same_survey_from_every_csv_encoding_reads_the_same(tmp_path, saved_as):
    make, encoding, legacy_name = SAVED_AS[saved_as]
    path = tmp_path / "survey.csv"
    path.write_bytes(make())
    table = read_table(path)
    assert table.headers == HEADERS
    assert table.rows == ROWS
    assert table.encoding == encoding
    assert table.legacy == legacy_name
    assert table.sheet is None
    assert table.header_row == 2
    assert table.row_numbers == [3, 4, 5, 6]
    assert all(unicodedata.is_normalized("NFC", cell) for row in table.rows for cell in row)


def test_windows_1258_really_holds_combining_tone_marks():
    raw = excel_cp1258("Nguyễn Thị Bích Ngọc")
    assert b"\xf2" in raw  # the combining dot below of "ọ"
    assert raw.decode("cp1258") != "Nguyễn Thị Bích Ngọc"  # only equal once composed (NFC)


@pytest.mark.parametrize(
    ("convert", "legacy_name"), [(typed, None), (lambda v: legacy("vni")(typed(v)), "VNI")]
)
def test_the_same_survey_from_xlsx_reads_the_same(tmp_path, convert, legacy_name):
    path = write_xlsx(tmp_path / "survey.xlsx", LINES, title="Kiều bào", convert=convert)
    table = read_table(path)
    assert (table.headers, table.rows) == (HEADERS, ROWS)
    assert (table.encoding, table.legacy, table.sheet) == ("XLSX", legacy_name, "Kiều bào")
    assert table.row_numbers == [3, 4, 5, 6]


def test_a_file_named_csv_that_is_xlsx_is_read_as_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "survey.csv", LINES, convert=typed)
    assert read_table(path).encoding == "XLSX"


# --- CSV ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiters(tmp_path, delimiter):
    path = tmp_path / "survey.csv"
    path.write_text(csv_text(LINES, delimiter), encoding="utf-8")
    assert read_table(path).rows == ROWS


def test_semicolons_win_over_commas_inside_cells(tmp_path):
    lines = [["Họ và tên", "Quê quán", "Nơi ở"]] + [
        [f"Người {i}", "Kiến An, Hải Phòng", "Praha, Séc"] for i in range(5)
    ]
    path = tmp_path / "survey.csv"
    path.write_text("\n".join(";".join(line) for line in lines), encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Họ và tên", "Quê quán", "Nơi ở"]
    assert table.rows[0] == ["Người 0", "Kiến An, Hải Phòng", "Praha, Séc"]


def test_excel_sep_line_is_honoured_and_not_a_row(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("sep=;\r\n" + csv_text([HEADERS, *ROWS], ";"), encoding="utf-8")
    table = read_table(path)
    assert table.rows == ROWS
    assert table.header_row == 1
    assert table.row_numbers == [2, 3, 4, 5]


def test_quoted_cells_with_line_breaks_count_as_one_row(tmp_path):
    lines = [HEADERS, ["1", "Nguyễn Văn An", "1980", "", "", "", "", "dòng một\ndòng hai"], ROWS[1]]
    path = tmp_path / "survey.csv"
    path.write_text(csv_text(lines), encoding="utf-8")
    table = read_table(path)
    assert table.rows[0][7] == "dòng một dòng hai"
    assert table.row_numbers == [2, 3]


def test_blank_rows_are_dropped_and_row_numbers_kept(tmp_path):
    lines = [[], ["", ""], [TITLE], ["(Kèm theo Công văn số 123/SNgV ngày 12/3/2024)"], HEADERS]
    lines += [ROWS[0], [], ["", "", ""], ROWS[1], [], []]
    path = tmp_path / "survey.csv"
    path.write_text(csv_text(lines), encoding="utf-8")
    table = read_table(path)
    assert table.header_row == 5
    assert table.rows == ROWS[:2]
    assert table.row_numbers == [6, 9]


def test_the_heading_of_official_documents_is_not_taken_for_the_header(tmp_path):
    lines = [
        ["UBND THÀNH PHỐ HẢI PHÒNG", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["SỞ NGOẠI VỤ", "", "", "Độc lập - Tự do - Hạnh phúc"],
        [],
        [TITLE],
        HEADERS,
        *ROWS,
    ]
    path = tmp_path / "survey.csv"
    path.write_text(csv_text(lines), encoding="utf-8")
    table = read_table(path)
    assert table.headers == HEADERS
    assert table.header_row == 5


def test_a_row_numbering_the_columns_is_skipped(tmp_path):
    numbering = [f"({i})" for i in range(1, len(HEADERS) + 1)]
    path = tmp_path / "survey.csv"
    path.write_text(csv_text([HEADERS, numbering, *ROWS]), encoding="utf-8")
    table = read_table(path)
    assert table.rows == ROWS
    assert table.row_numbers == [3, 4, 5, 6]


def test_rows_are_padded_or_cut_to_the_header(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("Họ và tên,Năm sinh,,\nAn\nBình,1990,x,y\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Họ và tên", "Năm sinh"]
    assert table.rows == [["An", ""], ["Bình", "1990"]]


def test_cells_are_trimmed_and_spaces_collapsed(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(" Họ  và tên , Năm sinh\n  Nguyễn   Văn An\u00a0, 1980 \n", encoding="utf-8")
    assert read_table(path).rows == [["Nguyễn Văn An", "1980"]]


def test_a_one_column_file_has_its_first_row_as_header(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Họ và tên\nNguyễn Văn An\nTrần Bình\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Họ và tên"]
    assert table.rows == [["Nguyễn Văn An"], ["Trần Bình"]]


def test_western_european_names_in_windows_1252_are_not_taken_for_legacy_vietnamese(tmp_path):
    lines = [["Name", "City"], ["José Müller", "Düsseldorf"], ["François Šimek", "Ørsted"]]
    path = tmp_path / "people.csv"
    path.write_bytes(csv_text(lines).encode("cp1252"))
    table = read_table(path)
    assert table.legacy is None
    assert table.encoding == "Windows-1252"  # Š is not in Windows-1258
    assert table.rows == [["José Müller", "Düsseldorf"], ["François Šimek", "Ørsted"]]


# --- XLSX ----------------------------------------------------------------------------------------


def test_excel_values_become_text_as_excel_shows_them(tmp_path):
    lines = [
        ["Năm", "Kiều hối (triệu USD)", "Ngày", "Lúc", "Đúng"],
        [2023.0, 2.125, datetime(1980, 3, 12), datetime(2024, 1, 2, 8, 30), True],
        [2024, 0.1 + 0.2, date(1990, 1, 1), None, False],
        [2025, 1_610_000_000.5, "", "", ""],
    ]
    table = read_table(write_xlsx(tmp_path / "values.xlsx", lines))
    assert table.rows == [
        ["2023", "2.1250", "1980-03-12", "2024-01-02 08:30:00", "TRUE"],
        ["2024", "0.3", "1990-01-01", "", "FALSE"],
        ["2025", "1610000000.5", "", "", ""],
    ]
    # Excel's 2.125 (million) is not mistaken for 2,125 by the amount parser.
    assert parse_amount(table.rows[0][1], 1_000_000) == 2_125_000


def test_booleans_are_not_taken_for_ones_and_zeros(tmp_path):
    """Values are converted once each, and True == 1.0 as a dictionary key."""
    lines = [["Đúng", "Số"], [1, True], [True, 1], [0, False], [False, 0.0]]
    table = read_table(write_xlsx(tmp_path / "values.xlsx", lines))
    assert table.rows == [["1", "TRUE"], ["TRUE", "1"], ["0", "FALSE"], ["FALSE", "0"]]


def test_a_sheet_by_name(tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", LINES, convert=typed, extra_sheets=["Kiều hối"])
    assert read_table(path, sheet="Kiều hối").headers == ["Năm", "Kiều hối"]
    assert read_table(path, sheet="KIEU HOI").sheet == "Kiều hối"
    with pytest.raises(ImportFileError) as error:
        read_table(path, sheet="Doanh nghiệp")
    assert str(error.value) == (
        "The workbook has no sheet “Doanh nghiệp”; its sheets are: “Sheet1”, “Kiều hối”."
    )


def test_an_empty_sheet(tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", [], title="Trống")
    with pytest.raises(ImportFileError, match="The sheet “Trống” is empty"):
        read_table(path)


def test_a_table_that_starts_further_down_and_right(tmp_path):
    """calamine reads from the first cell used: the rows keep their numbers in Excel, and the
    columns before the table come back empty, as before."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row, line in enumerate([["Họ và tên", "Năm sinh"], ["An", 1980], [], ["Bình", 1.5]], 3):
        for column, value in enumerate(line, 2):
            sheet.cell(row, column, value)
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.headers == ["", "Họ và tên", "Năm sinh"]
    assert table.rows == [["", "An", "1980"], ["", "Bình", "1.5"]]
    assert (table.header_row, table.row_numbers) == (3, [4, 6])


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1 if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


def replace_in_zip(path, member: str, content: str, encoding: str = "utf-8") -> None:
    """Put ``content`` in the workbook at ``member``, declaring a new shared-strings part."""
    with zipfile.ZipFile(path) as source:
        items = {info.filename: source.read(info) for info in source.infolist()}
    if member == "xl/sharedStrings.xml" and member not in items:
        items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    items[member] = content.encode(encoding)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in items.items():
            target.writestr(name, data)


@pytest.mark.parametrize(
    ("member", "xml"),
    [
        (
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"'
            ' uniqueCount="1"><si><t>&lol9;</t></si></sst>',
        ),
        (
            "xl/worksheets/sheet1.xml",
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>',
        ),
    ],
)
def test_an_xml_entity_bomb_is_refused_not_expanded(tmp_path, member, xml):
    path = write_xlsx(tmp_path / "bomb.xlsx", LINES, convert=typed)
    replace_in_zip(path, member, BILLION_LAUGHS + xml)
    started = time.monotonic()
    with pytest.raises(ImportFileError, match="could not be read; it may be damaged"):
        read_table(path)
    assert time.monotonic() - started < 5


XXE = '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
SST = (
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"'
    ' uniqueCount="1"><si><t>&xxe;</t></si></sst>'
)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(XXE + SST, id="external entity"),
        pytest.param(
            '<?xml version="1.0"?><!-- <sst> -->' + XXE.removeprefix('<?xml version="1.0"?>') + SST,
            id="after a comment holding a tag",
        ),
        pytest.param(
            '<?xml version="1.0"?><!--' + "x" * 100_000 + "-->" + XXE[21:] + SST,
            id="after a long comment",
        ),
    ],
)
def test_a_document_type_is_refused_before_calamine_reads_anything(tmp_path, monkeypatch, content):
    import python_calamine

    path = write_xlsx(tmp_path / "xxe.xlsx", LINES, convert=typed)
    replace_in_zip(path, "xl/sharedStrings.xml", content)
    opened = []
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", opened.append)
    with pytest.raises(ImportFileError, match="could not be read; it may be damaged"):
        read_table(path)
    assert opened == []


def test_every_xml_part_is_checked_in_utf_16_too(tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", LINES, convert=typed)
    custom = '<?xml version="1.0" encoding="utf-16"?><ds:datastoreItem xmlns:ds="urn:x"/>'
    replace_in_zip(path, "customXml/item1.xml", custom, encoding="utf-16")
    assert read_table(path).rows == ROWS  # as SharePoint saves its workbooks
    replace_in_zip(path, "customXml/item1.xml", XXE + "<x/>", encoding="utf-16")
    with pytest.raises(ImportFileError, match="could not be read; it may be damaged"):
        read_table(path)


def sheet_xml(rows: str) -> str:
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ</t></is></c></row>'
            '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
            id="two cells 17 billion cells apart",
        ),
        pytest.param(
            '<row><c t="inlineStr"><is><t>Họ</t></is></c>' + "<c><v>1</v></c>" * 10_000 + "</row>"
            '<row r="1000"><c><v>2</v></c></row>',
            id="cells without references",
        ),
        pytest.param(
            '<row r="1"><x:c r="A1"><v>1</v></x:c></row>'
            '<row r="1048576"><x:c r="XFD1048576"><v>2</v></x:c></row>',
            id="cells with a namespace prefix",
        ),
    ],
)
def test_a_sheet_spanning_too_many_cells_is_refused_before_calamine_lays_it_out(tmp_path, rows):
    """calamine would ask for a grid of every cell between the first and the last (32 bytes a
    cell, 550 GB for the first file), and abort the process when it cannot have it."""
    path = write_xlsx(tmp_path / "far.xlsx", LINES, convert=typed)
    replace_in_zip(path, "xl/worksheets/sheet1.xml", sheet_xml(rows))
    with pytest.raises(ImportFileError, match="spans more than"):
        read_table(path)


def test_cells_without_references_are_where_excel_puts_them(tmp_path):
    path = write_xlsx(tmp_path / "plain.xlsx", LINES, convert=typed)
    cells = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in ["Họ", "Năm"])
    row = '<c t="inlineStr"><is><t>An</t></is></c><c><v>1980</v></c>'
    rows = f'<row>{cells}</row><row r="4">{row}</row><row>{row}</row>'
    replace_in_zip(path, "xl/worksheets/sheet1.xml", sheet_xml(rows))
    table = read_table(path)
    assert (table.headers, table.rows) == (["Họ", "Năm"], [["An", "1980"], ["An", "1980"]])
    assert (table.header_row, table.row_numbers) == (1, [4, 5])


def test_a_small_table_far_down_is_read(tmp_path):
    """Cells far down are measured exactly before being refused."""
    path = write_xlsx(tmp_path / "far.xlsx", LINES, convert=typed)
    letters = "ABCDEFGHIJ"
    header = "".join(f'<c r="{c}900000" t="inlineStr"><is><t>Cột {c}</t></is></c>' for c in letters)
    values = "".join(f'<c r="{c}900001"><v>{1000 + i}</v></c>' for i, c in enumerate(letters))
    rows = f'<row r="900000">{header}</row><row r="900001">{values}</row>'
    replace_in_zip(path, "xl/worksheets/sheet1.xml", sheet_xml(rows))
    table = read_table(path)
    assert table.rows == [[str(1000 + i) for i in range(10)]]
    assert table.row_numbers == [900001]


def test_cells_nested_in_cells_are_refused(tmp_path):
    path = write_xlsx(tmp_path / "nested.xlsx", LINES, convert=typed)
    rows = '<row><c><v>1</v><c r="XFD1048576"><v>2</v></c></c></row>'
    replace_in_zip(path, "xl/worksheets/sheet1.xml", sheet_xml(rows))
    with pytest.raises(ImportFileError, match="could not be read; it may be damaged"):
        read_table(path)


def test_a_part_twice_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "twice.xlsx", LINES, convert=typed)
    with zipfile.ZipFile(path, "a") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr("XL/worksheets/sheet1.xml", sheet_xml(""))
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml(""))
    with pytest.raises(ImportFileError, match="could not be read; it may be damaged"):
        read_table(path)


def test_a_workbook_of_too_many_parts_is_refused(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "parts.xlsx", LINES, convert=typed)
    with zipfile.ZipFile(path) as archive:
        parts = len(archive.infolist())
    monkeypatch.setattr(reading, "_MAX_XLSX_PARTS", parts)
    assert read_table(path).rows == ROWS
    monkeypatch.setattr(reading, "_MAX_XLSX_PARTS", parts - 1)
    with pytest.raises(ImportFileError, match="could not be read; it may be damaged"):
        read_table(path)


def test_a_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", " " * 5_000_000)  # ratio ~1000
    with pytest.raises(ImportFileError, match="too large once decompressed"):
        read_table(path)


def test_an_xlsx_too_large_once_decompressed_is_refused(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "survey.xlsx", LINES, convert=typed)
    monkeypatch.setattr(reading, "MAX_XLSX_UNCOMPRESSED", 1_000)
    with pytest.raises(ImportFileError, match="too large once decompressed"):
        read_table(path)


# --- files that are no table -----------------------------------------------------------------


def test_empty_files(tmp_path):
    for content in (b"", b"\r\n\r\n;;;\r\n", b"\xef\xbb\xbf"):
        path = tmp_path / "empty.csv"
        path.write_bytes(content)
        with pytest.raises(ImportFileError, match="The file is empty"):
            read_table(path)


def test_no_header_row(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("1,2,3\n4,5,6\n7,8,9\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="No header row"):
        read_table(path)


def test_too_many_rows(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(csv_text(LINES), encoding="utf-8")
    assert len(read_table(path, max_rows=4).rows) == 4
    with pytest.raises(ImportFileError, match="The file has more than 3 rows"):
        read_table(path, max_rows=3)
    xlsx = write_xlsx(tmp_path / "survey.xlsx", LINES, convert=typed)
    with pytest.raises(ImportFileError, match="more than 3 rows"):
        read_table(xlsx, max_rows=3)


def test_undecodable_text(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes(b"\xef\xbb\xbfH\xe1\xbb\x8d v\xc3 t\xc3\xaan\n")  # UTF-8 mark, broken UTF-8
    with pytest.raises(ImportFileError, match="text encoding could not be recognised"):
        read_table(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a CSV or XLSX file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, r"old Excel file \(.xls\)"),
        (b"PK\x03\x04 this is no zip", "Excel file could not be read"),
    ],
)
def test_files_that_are_not_tables(tmp_path, content, message):
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        read_table(path)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "document.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ImportFileError, match="not a CSV or XLSX file"):
        read_table(path)


def test_a_damaged_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "survey.xlsx", LINES, convert=typed)
    replace_in_zip(path, "xl/workbook.xml", "<workbook>")
    with pytest.raises(ImportFileError, match="Excel file could not be read"):
        read_table(path)
