from django.core.management.commands.flush import Command as FlushCommand

from kieubao.core.maintenance import audit_maintenance


class Command(FlushCommand):
    help = FlushCommand.help + " The audit log is emptied too (the only way it can be)."

    def handle(self, **options):
        with audit_maintenance(options.get("database") or "default"):
            return super().handle(**options)
