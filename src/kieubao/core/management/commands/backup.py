from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from kieubao.core import backup


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE while the site keeps running: a consistent SQLite "
        "copy (online backup API), or a pg_dump custom-format archive on PostgreSQL. Restore "
        "it with `kieubao restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup (replaced when complete)")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            source = backup.describe(options["database"])
            path = backup.backup(options["file"], database=options["database"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size
        self.stdout.write(
            f"Backed up the {source} to {path} ({size / 1024 / 1024:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s."
        )
