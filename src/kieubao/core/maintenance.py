"""The one door through which the append-only audit log may be emptied: an operator wiping the
whole database (`kieubao flush`, also what transactional tests use between tests)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections

_state = threading.local()


def _locked() -> int:
    return 0 if getattr(_state, "maintenance", False) else 1


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        # The audit triggers call this; where it is not defined (another program opening the
        # file) the trigger fails, so the log stays closed.
        connection.connection.create_function(
            "kieubao_audit_locked", 0, _locked, deterministic=False
        )


@contextmanager
def audit_maintenance(database: str = "default") -> Iterator[None]:
    connection = connections[database]
    _state.maintenance = True
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET kieubao.audit_maintenance = 'on'")
        yield
    finally:
        _state.maintenance = False
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("RESET kieubao.audit_maintenance")
