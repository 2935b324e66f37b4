"""kieubao campaigns demo [--if-empty] | check

``check`` verifies every campaign's ledger (allocated ≤ contributed, amounts converted at their
recorded rates, evidence for every allocation) and exits with 1 when one is out of balance.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand


def _demo_arguments(parser) -> None:
    parser.add_argument("--if-empty", action="store_true", help="Skip if already loaded.")


def _demo(command: BaseCommand, options: dict) -> None:
    from ...demo import load_demo

    report = load_demo(if_empty=options.get("if_empty", False))
    if report is None:
        command.stdout.write("Campaigns demo data already loaded.")
        return
    command.stdout.write(
        f"Campaigns demo: {report.campaigns} campaigns, {report.contributions} contributions, "
        f"{report.allocations} allocations with evidence, {report.pledges} pledges, "
        f"{report.applications} fund applications, in {report.seconds:.1f} s."
    )


def _check(command: BaseCommand, options: dict) -> None:
    from ...models import Campaign
    from ...selectors import ledger_check

    total = Campaign.objects.count()
    problems = ledger_check()
    for found in problems:
        campaign = found.campaign
        command.stdout.write(f"Campaign {campaign.pk} “{campaign.name('en')}” is out of balance:")
        for problem in found.problems:
            command.stdout.write(f"  - {problem}")
    if problems:
        command.stdout.write(f"{len(problems)} of {total} campaigns out of balance.")
        sys.exit(1)
    command.stdout.write(
        f"{total} campaign{'s' if total != 1 else ''} checked: every ledger is in balance."
    )


SUBCOMMANDS = {
    "demo": ("Load the campaigns' demo data.", _demo_arguments, _demo),
    "check": ("Check every campaign's ledger; exit 1 if one is out of balance.", None, _check),
}


class Command(BaseCommand):
    help = "Campaigns: load the demo data; check the ledgers."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, (help_text, arguments, _handler) in SUBCOMMANDS.items():
            subparser = sub.add_parser(name, help=help_text)
            if arguments:
                arguments(subparser)

    def handle(self, *args, action, **options):
        SUBCOMMANDS[action][2](self, options)
