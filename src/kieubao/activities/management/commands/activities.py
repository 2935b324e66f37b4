"""kieubao activities demo [--if-empty]"""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Activity reports: load the demo data (on top of `kieubao demo`)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        demo = sub.add_parser("demo", help="Load the activity reports' demo data.")
        demo.add_argument("--if-empty", action="store_true", help="Skip if already loaded.")

    def handle(self, *args, action, **options):
        from ...demo import load_demo

        report = load_demo(if_empty=options.get("if_empty", False))
        if report is None:
            self.stdout.write("Activity reports demo data already loaded.")
            return
        self.stdout.write(
            f"Activity reports demo: {report.reports} reports from {report.associations} "
            f"associations ({report.approved} approved, {report.submitted} submitted, "
            f"{report.returned} returned, {report.drafts} drafts; {report.breakthroughs} "
            f"breakthrough initiatives; {report.missions_created} missions created), "
            f"in {report.seconds:.2f} s."
        )
