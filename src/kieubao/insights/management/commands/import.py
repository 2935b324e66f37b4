"""kieubao import KIND FILE --province P [--dry-run] [--map "Header=field"]…
[--map-value "column:value=canonical"]… [--sheet NAME]

kieubao import trade-stats FILE [--dry-run] [--json] [--sheet NAME]: trade statistics for the
trade portal's market pages (kieubao.trade.trade_stats); no province."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kieubao.core.provinces import resolve_province

from ...models import ImportKind
from ...services import import_file
from ...views import report_lines

TRADE_STATS = "trade-stats"


class Command(BaseCommand):
    help = (
        "Import a province's survey file (CSV in UTF-8, UTF-16 or Windows-1258, or XLSX; "
        "TCVN3/VNI text is converted). All rows are checked first: with any problem nothing is "
        "written and every problem is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[*ImportKind.values, TRADE_STATS])
        parser.add_argument("file")
        parser.add_argument(
            "--province",
            help="Code or name (31, 'Hải Phòng', 'Hai Duong'…); required for survey files.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="Read a column as a field ('Quê=hometown_province'), or ignore it ('Ghi chú=').",
        )
        parser.add_argument(
            "--map-value",
            action="append",
            default=[],
            metavar="COLUMN:VALUE=CANONICAL",
            help="Read a value as another ('Quốc gia:Anh Quốc=GB').",
        )
        parser.add_argument("--sheet", help="XLSX sheet (default: the first).")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, kind, file, province, dry_run, map, map_value, sheet, **options):
        if kind == TRADE_STATS:
            return self._trade_stats(file, dry_run=dry_run, sheet=sheet, as_json=options["json"])
        if not province:
            raise CommandError(_("--province is required for survey files."))
        resolved = resolve_province(province)
        if resolved is None:
            raise CommandError(_("Unknown province: %(value)s") % {"value": province})
        column_map = {}
        for spec in map:
            header, sep, field = spec.partition("=")
            if not sep or not header.strip():
                raise CommandError(_('--map takes "Header=field", not %(spec)r') % {"spec": spec})
            column_map[header.strip()] = field.strip()
        report = import_file(
            kind,
            file,
            province_code=resolved.code,
            column_map=column_map,
            value_map=map_value,
            sheet=sheet,
            dry_run=dry_run,
            progress=_ProgressBar(self.stderr) if not options["json"] else None,
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            for line in report_lines(report):
                self.stdout.write(line)
        if not report.ok:
            raise CommandError(_("Nothing was written."), returncode=1)

    def _trade_stats(self, file: str, *, dry_run: bool, sheet: str | None, as_json: bool):
        from kieubao.trade.trade_stats import import_file as import_trade_stats

        report = import_trade_stats(file, dry_run=dry_run, sheet=sheet)
        if as_json:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            for line in report.lines():
                self.stdout.write(line)
        if not report.ok:
            raise CommandError(_("Nothing was written."), returncode=1)


class _ProgressBar:
    """A progress bar on the terminal: [#####-----] 45% 45,000/100,000 checking"""

    WIDTH = 30

    def __init__(self, out) -> None:
        self.out = out
        self.tty = sys.stderr.isatty()
        self.last = (None, -1)

    def __call__(self, phase: str, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if (phase, percent // 5) == self.last and done != total:
            return
        self.last = (phase, percent // 5)
        filled = self.WIDTH * percent // 100
        label = _("checking") if phase == "check" else _("writing")
        blocks = "#" * filled + "-" * (self.WIDTH - filled)
        bar = f"[{blocks}] {percent:3d}% {done:,}/{total:,} {label}"
        if self.tty:
            self.out.write("\r" + bar, ending="\n" if done >= total else "")
            self.out.flush()
        elif done >= total or percent % 25 == 0:
            self.out.write(bar)
