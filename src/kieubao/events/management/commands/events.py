"""kieubao events demo [--if-empty] | schedule EVENT_ID [--time-limit S]

Subcommands are added as entries of SUBCOMMANDS (name -> (help, add_arguments, handler)).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


def _demo_arguments(parser) -> None:
    parser.add_argument("--if-empty", action="store_true", help="Skip if already loaded.")


def _demo(command: BaseCommand, options: dict) -> None:
    from ...demo import load_demo

    report = load_demo(if_empty=options.get("if_empty", False))
    if report is None:
        command.stdout.write("Events demo data already loaded.")
        return
    command.stdout.write(
        f"Events demo: {report.programmes} programme, {report.events} events, "
        f"{report.registrations} registrations ({report.waitlisted} on a waiting list), "
        f"{report.participants} B2B participants, {report.accepted} accepted meeting requests, "
        f"{report.meetings} meetings scheduled ({report.pinned} pinned), "
        f"{report.checked_in} check-ins, {report.outcomes} outcomes, "
        f"{report.feedback} feedback answers, in {report.seconds:.1f} s."
    )


def _schedule_arguments(parser) -> None:
    parser.add_argument("event_id", type=int, help="The event's id.")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=20.0,
        help="Seconds the scheduler may search at most (default 20).",
    )


def _schedule(command: BaseCommand, options: dict) -> None:
    from ...models import Event
    from ...services import schedule

    event = Event.objects.filter(pk=options["event_id"]).first()
    if event is None:
        raise CommandError(f"No event with id {options['event_id']}.")
    limit = options.get("time_limit", 20.0)
    if limit is None or limit <= 0:
        raise CommandError("--time-limit must be a positive number of seconds.")
    try:
        run = schedule(event, time_limit=limit)
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from exc
    share = f"{100 * run.weight / run.weight_possible:.1f} %" if run.weight_possible else "—"
    command.stdout.write(
        f"{event.name('en')}: {run.placed} of {run.requests} accepted requests placed "
        f"({run.pinned} pinned), weight {run.weight} of {run.weight_possible} ({share}), "
        f"in {run.seconds:.2f} s."
    )


SUBCOMMANDS = {
    "demo": (
        "Load the events' demo data (on top of `kieubao demo`).",
        _demo_arguments,
        _demo,
    ),
    "schedule": (
        "Run the B2B scheduler for an event (pinned meetings stay) and print what it placed.",
        _schedule_arguments,
        _schedule,
    ),
}


class Command(BaseCommand):
    help = "Events: load the demo data; run an event's B2B scheduler."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, (help_text, arguments, _handler) in SUBCOMMANDS.items():
            arguments(sub.add_parser(name, help=help_text))

    def handle(self, *args, action, **options):
        SUBCOMMANDS[action][2](self, options)
