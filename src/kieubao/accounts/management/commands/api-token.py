from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kieubao.accounts.models import User
from kieubao.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for the user with this email and print it (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="cli")

    def handle(self, *args, email: str, name: str, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with email {email!r}.")
        _, key = api_token_create(user=user, name=name)
        self.stdout.write(key)
