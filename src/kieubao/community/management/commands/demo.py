from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from kieubao.community.bulk import people_bulk_insert
from kieubao.community.demo import (
    DEMO_PASSWORD,
    PeopleGenerator,
    create_demo_users,
    create_organisations,
)
from kieubao.community.models import Organisation
from kieubao.community.search import people_index


class Command(BaseCommand):
    help = "Build a realistic synthetic community (deterministic for a given seed)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the registry already has organisations (for `make run`).",
        )
        parser.add_argument("--no-users", action="store_true", help="Skip the demo logins.")

    def handle(self, *args, people: int, seed: int, if_empty: bool, no_users: bool, **options):
        if if_empty and Organisation.objects.exists():
            self.stdout.write("Demo data already loaded.")
            self._print_logins(None)
            return
        started = time.perf_counter()
        organisations = create_organisations()
        logins = None if no_users else create_demo_users()
        generator = PeopleGenerator(seed, organisations)

        def progress(n: int) -> None:
            self.stdout.write(f"\r  people: {n:,}/{people:,}", ending="")
            self.stdout.flush()

        count = people_bulk_insert(generator.rows(people), progress=progress)
        self.stdout.write("")
        loaded = time.perf_counter()
        indexed = people_index().rebuild()
        done = time.perf_counter()
        self.stdout.write(
            f"Loaded {count:,} people in {loaded - started:.1f} s; "
            f"indexed {indexed:,} listed people in {done - loaded:.1f} s."
        )
        self._print_logins(logins)

    def _print_logins(self, logins) -> None:
        from kieubao.community.demo import DemoLogin  # noqa: F401

        if logins is None:
            from kieubao.accounts.models import User

            logins = [(u.email, "") for u in User.objects.filter(email__endswith="@kieubao.local")]
        else:
            logins = [(login.email, login.role) for login in logins]
        if not logins:
            return
        self.stdout.write(f"\nDemo logins (password: {DEMO_PASSWORD}):")
        for email, role in logins:
            self.stdout.write(f"  {email:36} {role}")
