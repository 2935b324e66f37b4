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

XLSX is read with openpyxl in read-only mode, the cached values of formulas, the first sheet or
the one named. Whole numbers lose Excel's ".0" ("1980"), dates become ISO ("1980-03-12"), other
numbers are written with a "." decimal point and never with exactly three decimals ("2.125" is
written "2.1250"), so that the amount parser, which reads one separator followed by three digits
as a thousands separator ("1.610" = 1610, as Vietnamese write), cannot misread an Excel number.
openpyxl parses the XML through defusedxml, so entity-expansion bombs are refused, not expanded.

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
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

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


def _header_index(records: list[tuple[int, list[str]]]) -> int:
    window = records[:HEADER_SEARCH_ROWS]
    counts = [sum(1 for cell in cells if cell) for _number, cells in window]
    fullest = max(counts, default=0)
    for index, (_number, cells) in enumerate(window):
        filled = [cell for cell in cells if cell]
        if (
            len(filled) >= 2
            and 2 * sum(map(_is_text, filled)) > len(filled)
            and 2 * len(filled) >= fullest
        ):
            return index
    if fullest == 1 and any(_is_text(cell) for cell in window[0][1]):
        return 0
    raise ImportFileError(_("No header row was found in the first rows of the file."))


def _numbers_columns(cells: list[str]) -> bool:
    filled = [cell for cell in cells if cell]
    matches = [_COLUMN_NUMBER.fullmatch(cell) for cell in filled]
    if len(filled) < 2 or not all(matches):
        return False
    numbers = [int(m.group(1)) for m in matches if m and m.group(1)]
    return len(numbers) >= 2 and all(a < b for a, b in itertools.pairwise(numbers))


def _legacy_sample(records: list[tuple[int, list[str]]]) -> list[str]:
    sample: list[str] = []
    for _number, cells in records:
        sample.extend(cell for cell in cells if cell and not cell.isascii())
        if len(sample) >= LEGACY_SAMPLE_SIZE:
            break
    return sample[:LEGACY_SAMPLE_SIZE]


def _too_many_rows(max_rows: int) -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(max)s rows.")
        % {"max": number_format(max_rows, force_grouping=True)}
    )


def _build_table(
    records: Iterable[tuple[int, list[str]]],
    *,
    encoding: str,
    max_rows: int,
    sheet: str | None = None,
    decode: Callable[[str], str] | None = None,
) -> Table:
    """The table from raw rows (row number, raw cells). ``decode`` turns a raw cell into text when
    it is not legacy text (for 8-bit CSV, whose cells arrive as Latin-1)."""
    kept: list[tuple[int, list[str]]] = []
    limit = max_rows + HEADER_SEARCH_ROWS + 1
    for number, cells in records:
        if "".join(cells).strip():
            kept.append((number, cells))
            if len(kept) > limit:
                raise _too_many_rows(max_rows)
    if not kept:
        if sheet is not None:
            raise ImportFileError(_("The sheet “%(sheet)s” is empty.") % {"sheet": sheet})
        raise ImportFileError(_("The file is empty."))

    legacy = legacy_vn.detect(_legacy_sample(kept))

    def clean(cell: str) -> str:
        if legacy:
            cell = legacy_vn.repair(cell, legacy)
        elif decode and not cell.isascii():
            cell = decode(cell)
        return normalize(cell)

    # Surveys repeat their values (countries, provinces, levels): each is cleaned once.
    cleaned: dict[str, str] = {"": ""}
    for _number, cells in kept:
        for i, cell in enumerate(cells):
            value = cleaned.get(cell)
            if value is None:
                value = cleaned[cell] = clean(cell)
            cells[i] = value

    start = _header_index(kept)
    header_number, header_cells = kept[start]
    width = max(i + 1 for i, cell in enumerate(header_cells) if cell)
    body = kept[start + 1 :]
    if body and _numbers_columns(body[0][1]):
        body = body[1:]
    if len(body) > max_rows:
        raise _too_many_rows(max_rows)
    return Table(
        headers=header_cells[:width] + [""] * (width - len(header_cells)),
        rows=[cells[:width] + [""] * (width - len(cells)) for _number, cells in body],
        encoding=encoding,
        legacy=_LEGACY_NAMES.get(legacy or ""),
        sheet=sheet,
        row_numbers=[number for number, _cells in body],
        header_row=header_number,
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


def _read_xlsx(path: Path, sheet: str | None, max_rows: int) -> Table:
    import openpyxl

    _check_xlsx_archive(path)
    if not openpyxl.DEFUSEDXML:
        # Without defusedxml, openpyxl would expand XML entities: never parse uploads then.
        raise RuntimeError("openpyxl must use defusedxml (is OPENPYXL_DEFUSEDXML set to False?)")
    # A file object, not the path: openpyxl refuses names that do not end in .xlsx, and the
    # content decides here. In read-only mode the workbook reads from it until closed.
    file = path.open("rb")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Workbook contains no default style" and the like
            workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl, zipfile, XML and defusedxml errors alike: the file is broken
        file.close()
        raise _damaged() from None
    try:
        worksheet = _worksheet(workbook, sheet)
        worksheet.reset_dimensions()  # recorded dimensions may be wrong; read what is there
        records = (
            (number, [_cell_text(value) for value in row])
            for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1)
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _build_table(records, encoding="XLSX", max_rows=max_rows, sheet=worksheet.title)
    except ImportFileError:
        raise
    except Exception:  # XML errors surface while rows stream: read-only sheets parse lazily
        raise _damaged() from None
    finally:
        workbook.close()
        file.close()


def _worksheet(workbook, name: str | None):
    sheets = workbook.worksheets
    if not sheets:
        raise _damaged()
    if name is None:
        return sheets[0]
    for candidates in (
        [s for s in sheets if s.title == name],
        [s for s in sheets if fold_key(s.title) == fold_key(name)],
    ):
        if candidates:
            return candidates[0]
    raise ImportFileError(
        _("The workbook has no sheet “%(sheet)s”; its sheets are: %(sheets)s.")
        % {"sheet": name, "sheets": ", ".join(f"“{s.title}”" for s in sheets)}
    )
