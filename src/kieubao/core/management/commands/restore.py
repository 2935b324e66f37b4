from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from kieubao.core import backup


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `kieubao backup`, then rebuild the "
        "search index. Refuses to overwrite a database that holds data unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by `kieubao backup`")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace the database even though it holds data (that data is lost)",
        )
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, **options):
        database = options["database"]
        started = time.perf_counter()
        try:
            target = backup.describe(database)
            backup.file_kind(options["file"])  # a missing or foreign file fails before anything
            if not options["yes"] and not backup.is_empty(database):
                raise CommandError(
                    f"The {target} is not empty: restoring {options['file']} would replace "
                    "everything in it, and what it holds now would be lost. Back it up first "
                    "(`kieubao backup FILE`) if in doubt, then run the restore again with --yes."
                )
            backup.restore(options["file"], database=database)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(f"The {target} cannot be used: {exc}") from exc
        self.stdout.write(
            f"Restored the {target} from {options['file']} "
            f"in {time.perf_counter() - started:.1f} s."
        )

        pending = backup.pending_migrations(database)
        if pending:
            # An older backup on newer code: the index must be built from the migrated schema.
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {len(pending)} migration(s) of this version. Run "
                    "`kieubao migrate`, then `kieubao reindex` to rebuild the search index."
                )
            )
            return

        from kieubao.community.search import people_index

        indexed_at = time.perf_counter()
        count = people_index().rebuild()
        self.stdout.write(
            f"Rebuilt the search index: {count:,} listed people "
            f"in {time.perf_counter() - indexed_at:.1f} s."
        )
