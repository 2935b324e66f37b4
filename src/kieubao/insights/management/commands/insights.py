"""kieubao insights summary CODE | rebuild | check"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from ... import aggregates, selectors


class Command(BaseCommand):
    help = (
        "Provincial insights: the exact summary of a province (or 'national') as JSON; "
        "rebuild or check the aggregates; import the demo survey."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        summary = sub.add_parser("summary", help="Print a province's figures as JSON (exact).")
        summary.add_argument("code", help="Official province code (31) or 'national'.")
        sub.add_parser("rebuild", help="Recompute the aggregates from the registry.")
        sub.add_parser("check", help="Compare the aggregates with a recomputation.")
        demo = sub.add_parser("demo", help="Import the demo survey of Hải Phòng.")
        demo.add_argument("--if-empty", action="store_true", help="Skip if already imported.")

    def handle(self, *args, action, **options):
        if action == "summary":
            area = selectors.area_for(options["code"])
            if area is None:
                raise CommandError(f"Unknown province code: {options['code']}")
            summary = selectors.province_summary(area, exact=True)
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        elif action == "rebuild":
            people, fields = aggregates.rebuild()
            selectors.forget_public_figures()
            self.stdout.write(
                f"Aggregates rebuilt: {people} people combinations, {fields} field counts."
            )
        elif action == "demo":
            from ...demo import load_demo_survey

            reports = load_demo_survey(if_empty=options["if_empty"])
            if reports is None:
                self.stdout.write("Demo survey already imported.")
            for report in reports or []:
                self.stdout.write(
                    f"Demo survey, {report.kind}: {report.created:,} records "
                    f"in {report.seconds:.1f} s ({report.encoding})."
                )
        else:
            problems = aggregates.check()
            for line in problems[:100]:
                self.stdout.write(line)
            if problems:
                raise CommandError(f"{len(problems)} differences.", returncode=1)
            self.stdout.write("Aggregates are in step with the registry.")
