"""kieubao knowledge reindex | demo [--if-empty]"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from ...expert_index import expert_index


class Command(BaseCommand):
    help = (
        "Knowledge network: rebuild the experts index from the database; load the demo "
        "needs, expert profiles, invitations and engagements."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("reindex", help="Rebuild the experts index (the database is the truth).")
        demo = sub.add_parser("demo", help="Load the knowledge network's demo data.")
        demo.add_argument("--if-empty", action="store_true", help="Skip if already loaded.")

    def handle(self, *args, action, **options):
        if action == "reindex":
            started = time.perf_counter()

            def progress(n: int) -> None:
                self.stdout.write(f"\r  indexed {n:,}", ending="")
                self.stdout.flush()

            count = expert_index().rebuild(progress=progress)
            self.stdout.write(
                f"\nIndexed {count:,} experts who consent to be contacted "
                f"in {time.perf_counter() - started:.1f} s."
            )
        else:
            from ...demo import load_demo

            report = load_demo(if_empty=options["if_empty"])
            if report is None:
                self.stdout.write("Knowledge network demo data already loaded.")
                return
            self.stdout.write(
                f"Knowledge network demo: {report.experts} expert profiles, {report.needs} "
                f"needs, {report.invitations} invitations, {report.engagements} engagements "
                f"in {report.seconds:.1f} s."
            )
