from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from kieubao.community.search import people_index


class Command(BaseCommand):
    help = "Rebuild the directory search index from the database (the source of truth)."

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(n: int) -> None:
            self.stdout.write(f"\r  indexed {n:,}", ending="")
            self.stdout.flush()

        count = people_index().rebuild(progress=progress)
        self.stdout.write(
            f"\nIndexed {count:,} listed people in {time.perf_counter() - started:.1f} s."
        )
