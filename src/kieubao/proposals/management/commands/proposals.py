"""kieubao proposals digest [--dry-run] | demo [--if-empty]

Subcommands are added as entries of SUBCOMMANDS (name -> (help, add_arguments, handler)).

The digest is meant for a daily cron, e.g. every morning at 7:
    0 7 * * *  /srv/kieubao/.venv/bin/kieubao proposals digest
"""

from __future__ import annotations

from django.core.management.base import BaseCommand


def _digest_arguments(parser) -> None:
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="Print who would be sent what; send nothing and stamp nothing.",
    )


def _digest(command: BaseCommand, options: dict) -> None:
    from ...digest import send_digest

    report = send_digest(dry_run=options.get("dry_run", False))
    verbose = options.get("verbosity", 1) > 0
    if verbose:
        for item in report.bodies:
            who = ", ".join(u.email for u in item.recipients) or "no official to tell"
            command.stdout.write(
                f"  {item.body.name}: {len(item.waiting)} waiting, {item.overdue} overdue "
                f"({item.newly_overdue} newly) -> {who}"
            )
    verb = "Would send" if report.dry_run else "Sent"
    command.stdout.write(
        f"{'Dry run: ' if report.dry_run else ''}{verb} {report.emails} digest email(s) to the "
        f"officials of {len(report.bodies) - len(report.without_officials)} agencies: "
        f"{report.waiting} proposals waiting, {report.overdue} overdue "
        f"({report.newly_overdue} newly overdue)."
    )
    if report.without_officials:
        names = ", ".join(b.body.name for b in report.without_officials)
        command.stdout.write(f"No official to tell at: {names}.")


def _demo_arguments(parser) -> None:
    parser.add_argument("--if-empty", action="store_true", help="Skip if already loaded.")


def _demo(command: BaseCommand, options: dict) -> None:
    from ...demo import load_demo

    report = load_demo(if_empty=options.get("if_empty", False))
    if report is None:
        command.stdout.write("Proposals demo data already loaded.")
        return
    command.stdout.write(
        f"Proposals demo: {report.proposals} proposals ({report.statuses} statuses), "
        f"{report.endorsements} endorsements, {report.comments} comments, "
        f"{report.outcomes} outcomes, {report.overdue} overdue, in {report.seconds:.1f} s."
    )


SUBCOMMANDS = {
    "digest": (
        "Email each agency's officials the proposals waiting for it, overdue ones flagged "
        "(newly overdue ones once). Run it daily from cron.",
        _digest_arguments,
        _digest,
    ),
    "demo": (
        "Load the proposals' demo data (on top of `kieubao demo` and the knowledge demo).",
        _demo_arguments,
        _demo,
    ),
}


class Command(BaseCommand):
    help = (
        "Proposals: the agencies' daily digest (run `kieubao proposals digest` from cron once a "
        "day); load the demo data."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, (help_text, arguments, _handler) in SUBCOMMANDS.items():
            arguments(sub.add_parser(name, help=help_text))

    def handle(self, *args, action, **options):
        SUBCOMMANDS[action][2](self, options)
