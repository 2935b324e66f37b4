from __future__ import annotations

from django.core.management.base import BaseCommand

from kieubao.community.privacy import purge_expired


class Command(BaseCommand):
    help = (
        "Apply retention: erase accounts never verified within ACCOUNT_UNVERIFIED_RETENTION_DAYS "
        "and delete import files older than IMPORT_RETENTION_DAYS. Run it daily."
    )

    def handle(self, *args, **options):
        counts = purge_expired()
        self.stdout.write(
            f"Erased {counts['unverified_accounts']} unverified account(s); "
            f"deleted {counts['import_files']} import file(s)."
        )
