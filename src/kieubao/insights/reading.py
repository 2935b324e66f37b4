"""A survey file (CSV or XLSX, as provinces already keep them) read into a table of clean strings.

The kind of file is told by its content, never its name: a zip holding ``[Content_Types].xml``
and ``xl/`` is XLSX (refused when it would decompress to more than 200 MB or more than 100 times
its size, as every upload is), anything else that decodes as text is CSV.

CSV text is UTF-8 (with or without a byte-order mark), UTF-16 (by its mark, or by the pattern of
NUL bytes that a mark-less UTF-16 file has), or else Windows-1258, the code page Vietnamese
Windows saves "CSV" in (base letters with combining tone marks, composed here to NFC). The
delimiter is the one of , ; tab | that splits the first rows into the same number of cells most
often (Vietnamese Excel saves with ";"); Excel's "sep=;" first line is honoured. Quoted cells may
hold delimiters and line breaks.

XLSX is read with calamine (python-calamine, in Rust): the cached values of formulas, the first
sheet or the one named. Whole numbers lose Excel's ".0" ("1980"), dates become ISO ("1980-03-12"),
other numbers are written with a "." decimal point and never with exactly three decimals ("2.125"
is written "2.1250"), so that the amount parser, which reads one separator followed by three
digits as a thousands separator ("1.610" = 1610, as Vietnamese write), cannot misread an Excel
number. Cells holding an error (#N/A, #DIV/0!) are empty. calamine does not parse through
defusedxml, and lays a sheet out as a grid from its first cell to its last, so before it reads
anything every XML part of the workbook is checked: none may declare a document type (where
entity bombs and external entities are declared; Excel never writes one), and no sheet may span
more than MAX_XLSX_CELLS cells. calamine then reads an uncompressed copy of what was checked.

Then, for both:
- every cell is NFC with white space trimmed and collapsed, and "" when empty;
- rows with no cell filled are dropped (their numbers are kept for the rest);
- the header is the first of the first ten non-empty rows that has at least two cells filled,
  more than half of them text rather than numbers or dates, and at least half as many cells
  filled as the fullest of those ten rows. So title lines above the table ("DANH SÁCH KIỀU BÀO
  TP HẢI PHÒNG NĂM 2024", a line citing the covering letter, the two-cell "UBND TỈNH … / CỘNG HÒA
  XÃ HỘI CHỦ NGHĨA VIỆT NAM" heading of official documents) are skipped. A file whose rows all
  have a single cell takes its first row as the header;
- a row right under the header that only numbers the columns ("1 2 3 …" or "(1) (2) (3) …", as
  official forms do) is skipped;
- legacy TCVN3 or VNI text is detected on the headers and up to 2,000 non-ASCII cells, and if
  found every cell is converted (see ``kieubao.core.legacy_vn``);
- rows are padded or cut to the header's width; ``row_numbers`` are the rows' numbers as Excel
  shows them (the first line of the file is row 1).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import tempfile
import zipfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from xml.parsers import expat

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kieubao.core import legacy_vn
from kieubao.core.text import fold_key, normalize
from kieubao.core.uploads import MAX_XLSX_RATIO, MAX_XLSX_UNCOMPRESSED

HEADER_SEARCH_ROWS = 10
LEGACY_SAMPLE_SIZE = 2_000
_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_ROWS = 50
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and .doc) of Office 97-2003
_LEGACY_NAMES = {"tcvn3": "TCVN3", "vni": "VNI"}


class ImportFileError(Exception):
    """A file that cannot be read as a table; ``str(e)`` is a translated message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    encoding: str  # "UTF-8", "UTF-8 (with BOM)", "UTF-16", "Windows-1258", "XLSX"
    legacy: str | None = None  # "TCVN3" or "VNI" when such text was found and converted
    sheet: str | None = None  # the XLSX sheet read
    row_numbers: list[int] = field(default_factory=list)  # of each row, as Excel numbers it
    header_row: int = 1  # the header's own row number


def read_table(path: str | Path, *, sheet: str | None = None, max_rows: int = 1_000_000) -> Table:
    """The table in the CSV or XLSX file at ``path`` (``sheet`` only applies to XLSX), at most
    ``max_rows`` rows under the header. Raises ImportFileError."""
    path = Path(path)
    with path.open("rb") as file:
        head = file.read(8)
    if not head:
        raise ImportFileError(_("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, sheet, max_rows)
    if head.startswith(_OLE_SIGNATURE):
        raise ImportFileError(
            _("This is an old Excel file (.xls); save it as .xlsx or CSV and try again.")
        )
    return _read_csv(path.read_bytes(), max_rows)


# --- building the table from raw rows ------------------------------------------------------------

_NOT_TEXT = re.compile(r"[\d\s.,:;/\\\-+()%$€₫'’]*")
_COLUMN_NUMBER = re.compile(r"[(\[]?(\d{1,2})[)\]]?|[A-Z]")


def _is_text(cell: str) -> bool:
    return _NOT_TEXT.fullmatch(cell) is None


def _header_index(rows: list[list[str]]) -> int:
    window = rows[:HEADER_SEARCH_ROWS]
    counts = [sum(1 for cell in cells if cell) for cells in window]
    fullest = max(counts, default=0)
    for index, cells in enumerate(window):
        filled = [cell for cell in cells if cell]
        if (
            len(filled) >= 2
            and 2 * sum(map(_is_text, filled)) > len(filled)
            and 2 * len(filled) >= fullest
        ):
            return index
    if fullest == 1 and any(_is_text(cell) for cell in window[0]):
        return 0
    raise ImportFileError(_("No header row was found in the first rows of the file."))


def _numbers_columns(cells: list[str]) -> bool:
    filled = [cell for cell in cells if cell]
    matches = [_COLUMN_NUMBER.fullmatch(cell) for cell in filled]
    if len(filled) < 2 or not all(matches):
        return False
    numbers = [int(m.group(1)) for m in matches if m and m.group(1)]
    return len(numbers) >= 2 and all(a < b for a, b in itertools.pairwise(numbers))


def _legacy_sample(rows: list[list]) -> list[str]:
    """Up to LEGACY_SAMPLE_SIZE non-ASCII cells, in order (cells that are not text, Excel's
    numbers and dates, are left out)."""
    sample: list[str] = []
    for cells in rows:
        sample.extend(c for c in cells if c.__class__ is str and c and not c.isascii())
        if len(sample) >= LEGACY_SAMPLE_SIZE:
            break
    return sample[:LEGACY_SAMPLE_SIZE]


def _too_many_rows(max_rows: int) -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(max)s rows.")
        % {"max": number_format(max_rows, force_grouping=True)}
    )


class _Memo(dict):
    """The results of ``function``, each computed once."""

    def __init__(self, function: Callable) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key):
        value = self[key] = self.function(key)
        return value


def _build_table(
    records: Iterable[tuple[int, list[str]]],
    *,
    encoding: str,
    max_rows: int,
    decode: Callable[[str], str] | None = None,
) -> Table:
    """The table from raw rows (row number, raw cells) of a CSV file. ``decode`` turns a raw cell
    into text when it is not legacy text (for 8-bit CSV, whose cells arrive as Latin-1)."""
    numbers: list[int] = []
    rows: list[list[str]] = []
    limit = max_rows + HEADER_SEARCH_ROWS + 1
    for number, cells in records:
        if "".join(cells).strip():
            numbers.append(number)
            rows.append(cells)
            if len(rows) > limit:
                raise _too_many_rows(max_rows)
    legacy = legacy_vn.detect(_legacy_sample(rows))

    def clean(cell: str) -> str:
        if legacy:
            cell = legacy_vn.repair(cell, legacy)
        elif decode and not cell.isascii():
            cell = decode(cell)
        return normalize(cell)

    # Surveys repeat their values (countries, provinces, levels): each is cleaned once.
    cleaned = _Memo(clean).__getitem__
    for cells in rows:
        cells[:] = map(cleaned, cells)
    return _table(numbers, rows, encoding=encoding, legacy=legacy, max_rows=max_rows)


def _table(
    numbers: list[int],
    rows: list[list[str]],
    *,
    encoding: str,
    legacy: str | None,
    max_rows: int,
    sheet: str | None = None,
) -> Table:
    """The table from the rows with a cell filled, cleaned, and their numbers."""
    if not rows:
        if sheet is not None:
            raise ImportFileError(_("The sheet “%(sheet)s” is empty.") % {"sheet": sheet})
        raise ImportFileError(_("The file is empty."))
    start = _header_index(rows)
    header = rows[start]
    width = max(i + 1 for i, cell in enumerate(header) if cell)
    first = start + 1
    if first < len(rows) and _numbers_columns(rows[first]):
        first += 1
    if len(rows) - first > max_rows:
        raise _too_many_rows(max_rows)
    return Table(
        headers=header[:width] + [""] * (width - len(header)),
        rows=[
            cells if len(cells) == width else cells[:width] + [""] * (width - len(cells))
            for cells in itertools.islice(rows, first, None)
        ],
        encoding=encoding,
        legacy=_LEGACY_NAMES.get(legacy or ""),
        sheet=sheet,
        row_numbers=numbers[first:],
        header_row=numbers[start],
    )


# --- CSV -------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2 or 1
    if odd > pairs * 0.3 and even * 4 < odd:
        return "utf-16-le"
    if even > pairs * 0.3 and odd * 4 < even:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> tuple[str, str, Callable[[str], str] | None]:
    """(text, name of the encoding, decoder of cells) — for 8-bit files the text is decoded as
    Latin-1, which keeps every byte, so that legacy fonts can be recognised in it; cells that are
    not legacy text are then decoded with the real code page by the decoder."""
    undecodable = ImportFileError(
        _("The file's text encoding could not be recognised; save it as CSV UTF-8 and try again.")
    )
    utf16 = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        utf16 = "utf-16"
    elif not data.startswith(codecs.BOM_UTF8):
        utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16).removeprefix("\ufeff"), "UTF-16", None
        except UnicodeDecodeError:
            raise undecodable from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "UTF-8 (with BOM)", None
        except UnicodeDecodeError:
            raise undecodable from None
    try:
        return data.decode("utf-8"), "UTF-8", None
    except UnicodeDecodeError:
        pass
    for codec, name in (("cp1258", "Windows-1258"), ("cp1252", "Windows-1252")):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return data.decode("latin-1"), name, lambda cell, c=codec: cell.encode("latin-1").decode(c)
    raise undecodable


def _delimiter(text: str) -> str:
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        widths: Counter[int] = Counter()
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for _i, row in zip(range(_SNIFF_ROWS), reader, strict=False):
                if len(row) > 1:
                    widths[len(row)] += 1
        except csv.Error:
            continue
        if widths:
            width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
            if (count, width) > best_score:
                best, best_score = delimiter, (count, width)
    return best


def _read_csv(data: bytes, max_rows: int) -> Table:
    text, encoding, decode = _decode(data)
    if "\x00" in text or len(_CONTROL.findall(text[:4096])) > 8:
        raise ImportFileError(_("This is not a CSV or XLSX file."))
    delimiter = None
    first_line, _newline, rest = text.partition("\n")
    if re.fullmatch(r"sep=(.)\r?", first_line):
        # Excel's directive line: Excel does not show it as a row.
        delimiter, text = first_line[4], rest
    delimiter = delimiter or _delimiter(text[:65536])

    def records() -> Iterable[tuple[int, list[str]]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        number = 0
        try:
            for number, row in enumerate(reader, start=1):
                yield number, row
        except csv.Error:
            raise ImportFileError(
                _("The CSV file could not be read near row %(row)s.") % {"row": number + 1}
            ) from None

    return _build_table(records(), encoding=encoding, max_rows=max_rows, decode=decode)


# --- XLSX ------------------------------------------------------------------------------------

# calamine lays a sheet out as a grid from its first cell to its last, 32 bytes a cell: two cells
# far apart in a file of a few kilobytes (A1 and XFD1048576) would ask for 550 GB and abort the
# process. No sheet may span more than this (about 250 MB; a 100,000-row survey spans 1.3 million).
MAX_XLSX_CELLS = 8_000_000
# Excel writes a few parts a sheet; each part is checked and copied (80 µs even when empty).
_MAX_XLSX_PARTS = 10_000
_PROLOG_LIMIT = 64 * 1024  # Excel writes a one-line prolog: a longer one is not a spreadsheet's
# What an XML part starts with (after a byte-order mark and white space), in UTF-8 or UTF-16.
_XML_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*<|\xff\xfe|\xfe\xff|\x00<")
_ROOT_START = re.compile(r"<[^\s!?/<>]")
# Every start of a <c> (cell) element: with the reference as Excel writes it first (its column
# captured), or any other way (b"" captured).
_CELL_START = re.compile(rb'<c(?: r="([A-Z]{1,3})[1-9][0-9]{0,6}"|[ \t\r\n/>])')
_PREFIXED_CELL_START = re.compile(rb":c[ \t\r\n/>]")  # <x:c …>: calamine ignores prefixes
_CELL_REFERENCE = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"')
_REFERENCE = re.compile(r"([A-Za-z]{0,3})([0-9]{1,7})")


def _damaged() -> ImportFileError:
    return ImportFileError(_("The Excel file could not be read; it may be damaged."))


def _check_xlsx_archive(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _damaged() from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_XLSX_UNCOMPRESSED or total / packed > MAX_XLSX_RATIO:
        raise ImportFileError(_("This file is too large once decompressed."))
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ImportFileError(_("This is not a CSV or XLSX file."))


def _prolog_is_safe(head: bytes) -> bool:
    """Whether the beginning of an XML part reaches its root element through nothing but an XML
    declaration, comments and processing instructions, as Excel writes them. A document type,
    where entities are declared (the billion laughs, external files), may only come before the
    root element: any is refused, as is a prolog longer than ``head``."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    elif head.startswith((b"<\x00", b"\x00<")):
        codec = "utf-16-le" if head[0] else "utf-16-be"
        text = head[: len(head) // 2 * 2].decode(codec, errors="replace")
    else:
        text = head.removeprefix(codecs.BOM_UTF8).decode("latin-1")  # only ASCII markup matters
    position = 0
    while True:
        while text[position : position + 1] in (" ", "\t", "\r", "\n"):
            position += 1
        for opening, closing in (("<?", "?>"), ("<!--", "-->")):
            if text.startswith(opening, position):
                end = text.find(closing, position + len(opening))
                if end < 0:
                    return False
                position = end + len(closing)
                break
        else:
            return _ROOT_START.match(text, position) is not None


def _column_number(letters: bytes) -> int:
    number = 0
    for code in letters.upper():
        number = number * 26 + code - 64
    return number


def _rows_beyond(limit: int) -> re.Pattern[bytes]:
    """Cell references as Excel writes them whose row is beyond ``limit``."""
    digits = str(limit)
    greater = [f"[1-9][0-9]{{{len(digits)},}}"]
    for i, digit in enumerate(digits):
        if digit != "9":
            greater.append(f"{digits[:i]}[{int(digit) + 1}-9][0-9]{{{len(digits) - i - 1}}}")
    return re.compile(rf'<c r="[A-Z]{{1,3}}(?:{"|".join(greater)})"'.encode())


def _sheet_fits(data: bytes) -> bool:
    """Whether calamine's grid for the sheet ``data`` (from its first row and column used to its
    last, cells without a value counted too) has at most MAX_XLSX_CELLS cells."""
    columns = set(_CELL_START.findall(data))
    if b"" in columns or _PREFIXED_CELL_START.search(data):
        # Not every cell carries its reference as Excel writes it: follow the sheet as calamine.
        return _Layout.cells(data) <= MAX_XLSX_CELLS
    if not columns:
        return True
    widest = max(map(_column_number, columns))
    if _rows_beyond(MAX_XLSX_CELLS // widest).search(data) is None:
        return True  # then even from A1, rows × columns ≤ MAX_XLSX_CELLS
    rows = [int(row) for _column, row in _CELL_REFERENCE.findall(data)]
    numbers = [_column_number(column) for column in columns]
    cells = (max(rows) - min(rows) + 1) * (max(numbers) - min(numbers) + 1)
    return cells <= MAX_XLSX_CELLS


class _UnusualSheet(Exception):
    pass


def _local_name(name: str) -> str:
    return name.partition(":")[2] if ":" in name else name  # as calamine: after the first ":"


class _Layout:
    """Where calamine puts the cells of a sheet whose cells do not all carry their reference: a
    cell without one is the one after the previous cell, a row without one the row after the
    previous row. Followed with expat, exactly as calamine reads the sheet; sheets that nest
    rows or cells in cells (never written by Excel) are refused rather than second-guessed."""

    _NESTED = frozenset({"c", "row", "sheetData"})

    def __init__(self) -> None:
        self.stage = 0  # 0 before <sheetData>, 1 in it, 2 after
        self.row = self.column = 0
        self.depth = 0  # > 0 inside a cell
        self.rows = array("q")
        self.columns = array("q")

    @classmethod
    def cells(cls, data: bytes) -> int:
        layout = cls()
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = layout.refuse
        parser.StartElementHandler = layout.start
        parser.EndElementHandler = layout.end
        parser.Parse(data, True)
        if not layout.rows:
            return 0
        rows, columns = layout.rows, layout.columns
        return (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1)

    def refuse(self, *_args) -> None:
        raise _UnusualSheet

    @staticmethod
    def _position(reference: str, *, column: bool) -> tuple[int, int]:
        match = _REFERENCE.fullmatch(reference)
        if match is None or int(match[2]) == 0 or (column and not match[1]):
            raise _UnusualSheet
        return int(match[2]) - 1, _column_number(match[1].encode()) - 1

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.depth:  # within a cell: its value
            if name in self._NESTED or _local_name(name) in self._NESTED:
                raise _UnusualSheet
            self.depth += 1
            return
        local = _local_name(name)
        if self.stage != 1:
            if self.stage == 0 and local == "sheetData":
                self.stage = 1
        elif local == "c":
            reference = attributes.get("r")
            if reference is None:
                row = self.row
            else:
                row, self.column = self._position(reference, column=True)
            self.rows.append(row)
            self.columns.append(self.column)
            self.depth = 1
        elif local == "row" and "r" in attributes:
            self.row = self._position(attributes["r"], column=False)[0]

    def end(self, name: str) -> None:
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.column += 1
        elif self.stage == 1:
            local = _local_name(name)
            if local == "row":
                self.row += 1
                self.column = 0
            elif local == "sheetData":
                self.stage = 2


def _too_many_cells() -> ImportFileError:
    return ImportFileError(
        _(
            "A sheet of this workbook spans more than %(max)s cells from its first cell to its "
            "last; delete what lies outside the table and try again."
        )
        % {"max": number_format(MAX_XLSX_CELLS, force_grouping=True)}
    )


def _checked_copy(path: Path, copy: Path) -> None:
    """Write the workbook at ``path`` to ``copy``, uncompressed, once every XML part is checked
    (those named .xml or .rels, and any other that starts as XML): none may declare a document
    type, and none may hold a sheet spanning more than MAX_XLSX_CELLS cells. calamine, which is
    not defusedxml, then reads exactly what was checked, whatever another zip reader would make
    of the same bytes, and reads it faster."""
    try:
        with zipfile.ZipFile(path) as archive, zipfile.ZipFile(copy, "w") as out:
            if len(archive.infolist()) > _MAX_XLSX_PARTS:
                raise _damaged()
            names: set[str] = set()
            for info in archive.infolist():
                name = info.filename.lower()
                if name in names:
                    raise _damaged()  # two parts of the same name (calamine ignores case)
                names.add(name)
                if info.is_dir():
                    continue
                data = archive.read(info)
                if name.endswith((".xml", ".rels")) or _XML_START.match(data):
                    if not _prolog_is_safe(data[:_PROLOG_LIMIT]):
                        raise _damaged()
                    if not _sheet_fits(data):
                        raise _too_many_cells()
                out.writestr(info.filename, data)
    except ImportFileError:
        raise
    except Exception:  # zip, zlib, expat errors and unusual sheets alike: the file is broken
        raise _damaged() from None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = f"{value:.15g}"  # Excel's 15 significant digits: 0.1 + 0.2 is "0.3"
        if "e" in text:
            text = f"{value:.15f}".rstrip("0").rstrip(".")
        if re.fullmatch(r"-?\d+\.\d{3}", text):
            text += "0"  # see the module docstring
        return text
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _xlsx_table(
    rows: list[list], start: tuple[int, int] | None, *, max_rows: int, sheet: str
) -> Table:
    """The table from the rows calamine read (changed in place), which begin at ``start`` (the
    first row and column used, from 0): the columns before it are given back, empty."""
    first_row, first_column = start or (0, 0)
    legacy = legacy_vn.detect(_legacy_sample(rows))

    def clean(value) -> str:
        if value.__class__ is not str:
            return normalize(_cell_text(value))
        return normalize(legacy_vn.repair(value, legacy) if legacy else value)

    # A survey repeats its values, numbers and dates too: each is cleaned once. Not booleans,
    # which are equal to 1.0 and 0.0 as keys.
    cleaned = _Memo(clean).__getitem__
    numbers: list[int] = []
    kept: list[list[str]] = []
    for number, cells in enumerate(rows, start=first_row + 1):
        cells[:] = [cleaned(v) if v.__class__ is not bool else _cell_text(v) for v in cells]
        if any(cells):
            if first_column:
                cells[:0] = [""] * first_column
            numbers.append(number)
            kept.append(cells)
    return _table(numbers, kept, encoding="XLSX", legacy=legacy, max_rows=max_rows, sheet=sheet)


def _read_xlsx(path: Path, sheet: str | None, max_rows: int) -> Table:
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    _check_xlsx_archive(path)
    with tempfile.TemporaryDirectory(prefix="kieubao-xlsx-") as directory:
        # Named .xlsx so that calamine reads it as XLSX only, never as another format.
        copy = Path(directory) / "workbook.xlsx"
        _checked_copy(path, copy)
        try:
            with CalamineWorkbook.from_path(str(copy)) as workbook:
                names = [
                    s.name for s in workbook.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet
                ]
                name = _sheet_name(names, sheet)
                worksheet = workbook.get_sheet_by_name(name)
                start, rows = worksheet.start, worksheet.to_python()
        except ImportFileError:
            raise
        except Exception:  # calamine's errors (zip, XML, values): the file is broken
            raise _damaged() from None
    return _xlsx_table(rows, start, max_rows=max_rows, sheet=name)


def _sheet_name(names: list[str], name: str | None) -> str:
    if not names:
        raise _damaged()
    if name is None:
        return names[0]
    for candidates in (
        [n for n in names if n == name],
        [n for n in names if fold_key(n) == fold_key(name)],
    ):
        if candidates:
            return candidates[0]
    raise ImportFileError(
        _("The workbook has no sheet “%(sheet)s”; its sheets are: %(sheets)s.")
        % {"sheet": name, "sheets": ", ".join(f"“{n}”" for n in names)}
    )
