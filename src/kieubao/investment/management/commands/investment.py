"""kieubao investment demo [--if-empty]"""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Investment: load the demo data (on top of `kieubao demo` and the events demo)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        demo = sub.add_parser("demo", help="Load the investment demo data.")
        demo.add_argument("--if-empty", action="store_true", help="Skip if already loaded.")

    def handle(self, *args, action, **options):
        from ...demo import load_demo

        report = load_demo(if_empty=options.get("if_empty", False))
        if report is None:
            self.stdout.write("Investment demo data already loaded.")
            return
        self.stdout.write(
            f"Investment demo: {report.opportunities} opportunities, {report.interests} "
            f"interests ({report.steps} pipeline steps, {report.credited} credited to an event), "
            f"{report.enterprises} OV enterprises, in {report.seconds:.1f} s."
        )
