"""Imports of trade statistics: ``kieubao import trade-stats FILE [--dry-run] [--json]`` and the
upload page of the market pages.

A file is a CSV (UTF-8, UTF-16 or Windows-1258, delimiter sniffed) or XLSX table with one line a
figure: reporter, partner, HS code, year, value in USD and, optionally, the flow (export or
import; export when absent). Headers are recognised after folding (case, tones, punctuation do
not matter): our own names, UN Comtrade's (reporterISO, partnerISO, cmdCode, refYear,
primaryValue, flowDesc) and Vietnamese ones ("Nước báo cáo", "Đối tác", "Mã HS", "Năm",
"Trị giá (USD)").

All or nothing: every row is checked first; with any problem nothing is written and the report
lists each (row number as Excel shows it, column, value, reason). Figures are upserted by
(reporter, partner, flow, HS code, year), so importing the same file again changes nothing.

The file is read with the survey imports' reader (kieubao.insights.reading, which depends on
core only) and numbers with its parser, so that the two imports read files the same way; they
are imported inside the function because insights sits downstream of trade.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kieubao.core import audit
from kieubao.core.countries import resolve_country
from kieubao.core.models import AuditAction
from kieubao.core.text import fold_key

from .hs import clean_hs_code
from .models import TradeFlow, TradeStat

MAX_PROBLEMS = 1000
MAX_ROWS = 500_000
FIRST_YEAR = 1990
MAX_VALUE = Decimal("1e15")  # above any country's trade in one line; the column holds 1e16

# field -> header aliases, best first (compared without spaces, underscores or punctuation). A
# Comtrade file has several columns per field (reporterCode, reporterISO, reporterDesc): the
# first alias found wins and the others are ignored.
FIELDS: dict[str, tuple[str, ...]] = {
    "reporter": (
        "reporter", "reporteriso", "reporteriso2", "reporterdesc", "reportercountry",
        "nuocbaocao", "quocgiabaocao", "nuocxuatkhau", "baocao",
    ),
    "partner": (
        "partner", "partneriso", "partneriso2", "partnerdesc", "partnercountry", "doitac",
        "nuocdoitac", "quocgiadoitac", "thitruong", "market",
    ),
    "hs_code": (
        "hscode", "hs", "cmdcode", "commoditycode", "mahs", "mahang", "mahanghoa", "hschapter",
    ),
    "year": ("year", "refyear", "period", "nam"),
    "value_usd": (
        "valueusd", "value", "primaryvalue", "tradevalue", "tradevalueusd", "fobvalue",
        "cifvalue", "trigiausd", "trigia", "giatriusd", "giatri", "kimngachusd", "kimngach",
    ),
    "flow": ("flow", "flowdesc", "flowcode", "tradeflow", "huong", "chieu", "luonghang"),
}  # fmt: skip
REQUIRED = ("reporter", "partner", "hs_code", "year", "value_usd")
FLOWS = {
    "export": TradeFlow.EXPORT, "exports": TradeFlow.EXPORT, "x": TradeFlow.EXPORT,
    "xuat": TradeFlow.EXPORT, "xuatkhau": TradeFlow.EXPORT, "xk": TradeFlow.EXPORT,
    "import": TradeFlow.IMPORT, "imports": TradeFlow.IMPORT, "m": TradeFlow.IMPORT,
    "nhap": TradeFlow.IMPORT, "nhapkhau": TradeFlow.IMPORT, "nk": TradeFlow.IMPORT,
}  # fmt: skip


def _compact(text: str) -> str:
    return fold_key(text.replace("_", " ")).replace(" ", "")


def field_label(name: str) -> str:
    return {
        "reporter": _("reporter"),
        "partner": _("partner"),
        "hs_code": _("HS code"),
        "year": _("year"),
        "value_usd": _("value (USD)"),
        "flow": _("flow"),
    }[name]


@dataclass
class Problem:
    row: int | None  # as Excel numbers it (the first line of the file is 1); None: the file
    column: str
    value: str
    reason: str


@dataclass
class TradeStatsReport:
    file: str = ""
    encoding: str = ""
    sheet: str | None = None
    rows: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # header -> field
    ignored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    written: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def problem(self, row: int | None, column: str, value: Any, reason: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, str(value)[:200], str(reason)))

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data

    def lines(self) -> list[str]:
        """The report as a terminal (and the upload page) shows it."""
        lines = [
            _("File: %(file)s (%(encoding)s)")
            % {"file": self.file, "encoding": self.encoding or "?"},
            _("Trade statistics · rows: %(rows)s") % {"rows": self.rows},
        ]
        for header, name in self.columns.items():
            lines.append(f"  {header} → {name}")
        if self.ignored:
            lines.append(
                _("Columns not imported: %(columns)s") % {"columns": ", ".join(self.ignored)}
            )
        if self.ok:
            verb = _("Would create") if self.dry_run else _("Created")
            lines.append(
                _(
                    "%(verb)s %(created)s, updated %(updated)s, unchanged %(unchanged)s "
                    "(%(seconds)s s)."
                )
                % {
                    "verb": verb,
                    "created": self.created,
                    "updated": self.updated,
                    "unchanged": self.unchanged,
                    "seconds": self.seconds,
                }
            )
        else:
            lines.append(
                _("%(count)s problems; nothing was written:") % {"count": self.problem_count}
            )
            for p in self.problems:
                where = _("row %(row)s") % {"row": p.row} if p.row else _("file")
                column = f" [{p.column}]" if p.column else ""
                value = f" “{p.value}”" if p.value else ""
                lines.append(f"  {where}{column}{value}: {p.reason}")
        return lines


def match_headers(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """field -> column index, and the headers not imported."""
    found: dict[str, tuple[int, int]] = {}  # field -> (alias rank, column)
    for column, header in enumerate(headers):
        key = _compact(header)
        if not key:
            continue
        for name, aliases in FIELDS.items():
            if key in aliases:
                rank = aliases.index(key)
                if name not in found or rank < found[name][0]:
                    found[name] = (rank, column)
                break
    columns = {name: column for name, (_rank, column) in found.items()}
    used = set(columns.values())
    ignored = [h for i, h in enumerate(headers) if h and i not in used]
    return columns, ignored


def parse_value(text: str) -> Decimal:
    """A value in USD ("1.234.567,5", "1,234,567.5", "$ 1 234 567"); ValidationError if not a
    number or negative."""
    from kieubao.insights.columns import parse_number

    value = text.strip().replace("$", "").replace("USD", "").replace("usd", "").strip()
    negative = value.startswith("-") or (value.startswith("(") and value.endswith(")"))
    try:
        number = parse_number(value.strip("-()").strip())
    except (ValueError, InvalidOperation):
        raise ValidationError(
            _("Not a number (write the value in US dollars, e.g. 1234567.5).")
        ) from None
    if negative and number:
        raise ValidationError(_("A trade value cannot be negative."))
    if number >= MAX_VALUE:
        raise ValidationError(_("This value is too large; check the unit (whole US dollars)."))
    return number.quantize(Decimal("0.01"))


def _year(text: str) -> int:
    current = timezone.localdate().year
    digits = text.removesuffix(".0")
    if not (digits.isdigit() and len(digits) == 4):
        raise ValidationError(_("Not a year (e.g. 2023)."))
    year = int(digits)
    if not FIRST_YEAR <= year <= current:
        raise ValidationError(
            _("The year must be from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": current}
        )
    return year


def _country(text: str) -> str:
    code = resolve_country(text)
    if code is None:
        raise ValidationError(_("Unknown country (give its ISO code or its name)."))
    return code


def _flow(text: str) -> str:
    if not text:
        return TradeFlow.EXPORT
    flow = FLOWS.get(_compact(text))
    if flow is None:
        raise ValidationError(_("The flow is “export” or “import”."))
    return flow


def _hs(text: str) -> str:
    return clean_hs_code(text, lengths=(2, 4, 6))


PARSERS = {
    "reporter": _country,
    "partner": _country,
    "hs_code": _hs,
    "year": _year,
    "value_usd": parse_value,
    "flow": _flow,
}


def check_rows(
    headers: list[str], rows: list[list[str]], numbers: list[int], report: TradeStatsReport
) -> dict[tuple, Decimal]:
    """Every row checked: (reporter, partner, flow, hs_code, year) -> value, problems in the
    report."""
    columns, report.ignored = match_headers(headers)
    report.columns = {headers[i]: name for name, i in sorted(columns.items(), key=lambda x: x[1])}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        report.problem(
            None,
            "",
            "",
            _("No column for: %(fields)s. Columns found: %(headers)s.")
            % {
                "fields": ", ".join(str(field_label(n)) for n in missing),
                "headers": ", ".join(h for h in headers if h) or "—",
            },
        )
        return {}
    figures: dict[tuple, Decimal] = {}
    first_row: dict[tuple, int] = {}
    memo: dict[tuple[str, str], Any] = {}
    for cells, number in zip(rows, numbers, strict=True):
        values: dict[str, Any] = {}
        for name, column in columns.items():
            raw = cells[column] if column < len(cells) else ""
            if not raw and name != "flow":
                report.problem(number, headers[column], "", _("This cell is empty."))
                continue
            key = (name if name not in ("reporter", "partner") else "country", raw)
            try:
                if key not in memo:
                    memo[key] = PARSERS[name](raw)
                values[name] = memo[key]
            except ValidationError as error:
                memo.pop(key, None)
                report.problem(number, headers[column], raw, " ".join(error.messages))
        if len(values) < len(columns):
            continue
        flow = values.get("flow", TradeFlow.EXPORT)
        if values["reporter"] == values["partner"]:
            report.problem(
                number,
                headers[columns["partner"]],
                cells[columns["partner"]],
                _("The partner is the reporter itself."),
            )
            continue
        key = (values["reporter"], values["partner"], flow, values["hs_code"], values["year"])
        if key in first_row:
            report.problem(
                number,
                "",
                "",
                _(
                    "Row %(row)s already gives this figure (same reporter, partner, flow, HS code "
                    "and year)."
                )
                % {"row": first_row[key]},
            )
            continue
        first_row[key] = number
        figures[key] = values["value_usd"]
    return figures


def _write(figures: dict[tuple, Decimal], report: TradeStatsReport) -> None:
    existing: dict[tuple, TradeStat] = {}
    reporters = {k[0] for k in figures}
    partners = {k[1] for k in figures}
    years = {k[4] for k in figures}
    for stat in TradeStat.objects.filter(
        reporter__in=reporters, partner__in=partners, year__in=years
    ).iterator(chunk_size=5000):
        existing[(stat.reporter, stat.partner, stat.flow, stat.hs_code, stat.year)] = stat
    new, changed = [], []
    for key, value in figures.items():
        stat = existing.get(key)
        if stat is None:
            reporter, partner, flow, hs_code, year = key
            new.append(
                TradeStat(
                    reporter=reporter,
                    partner=partner,
                    flow=flow,
                    hs_code=hs_code,
                    year=year,
                    value_usd=value,
                )
            )
        elif stat.value_usd != value:
            stat.value_usd = value
            changed.append(stat)
        else:
            report.unchanged += 1
    TradeStat.objects.bulk_create(new, batch_size=2000)
    TradeStat.objects.bulk_update(changed, ["value_usd", "imported_at"], batch_size=2000)
    report.created, report.updated = len(new), len(changed)


def import_file(
    path: str | Path,
    *,
    dry_run: bool = False,
    actor_id: int | None = None,
    original_name: str | None = None,
    sheet: str | None = None,
) -> TradeStatsReport:
    """Import one file of trade statistics (see the module's docstring)."""
    from kieubao.insights.reading import ImportFileError, read_table

    started = time.perf_counter()
    report = TradeStatsReport(file=original_name or Path(path).name, dry_run=dry_run)
    try:
        table = read_table(path, sheet=sheet, max_rows=MAX_ROWS)
    except ImportFileError as error:
        report.problem(None, "", "", str(error))
        return _finish(report, started)
    except FileNotFoundError:
        report.problem(None, "", "", _("The file was not found."))
        return _finish(report, started)
    report.encoding, report.sheet, report.rows = table.encoding, table.sheet, len(table.rows)
    figures = check_rows(table.headers, table.rows, table.row_numbers, report)
    if not report.ok:
        return _finish(report, started)
    with transaction.atomic():
        _write(figures, report)
        audit.record(
            AuditAction.IMPORT,
            actor_id=actor_id,
            target_type="trade_stats",
            detail={
                "kind": "trade-stats",
                "file": report.file[:100],
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
            },
        )
        if dry_run:
            transaction.set_rollback(True)
    report.written = not dry_run
    return _finish(report, started)


def _finish(report: TradeStatsReport, started: float) -> TradeStatsReport:
    report.seconds = round(time.perf_counter() - started, 2)
    return report
