"""Backup and restore of the whole database, for `kieubao backup FILE` and `kieubao restore FILE`.

SQLite     the backup is a plain SQLite file, copied from the live database with SQLite's online
           backup API: one consistent snapshot, taken while the application keeps running (in
           WAL mode writers are not blocked). Restore copies it back into the database file the
           same way, through SQLite, so running processes see the restored database and never a
           half-written file.
PostgreSQL ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists --no-owner
           --no-privileges --single-transaction``: the restore replaces every object of the dump
           and either all of it happens or none. Connection details go to the tools through the
           environment (PGHOST, PGPASSWORD, ...), never on the command line.

The audit log's append-only guard does not get in the way: SQLite restore copies pages, and
pg_restore drops and recreates tables (DROP is not DELETE or TRUNCATE); the triggers come back
with the restored schema. The search index is derived data and is rebuilt by the command after
a restore. Uploaded files (KIEUBAO_VAR_DIR) are not part of the database backup.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"

# Tables that `migrate` fills by itself: rows there do not make a database "not empty".
_FILLED_BY_MIGRATE = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "django_session",
    "community_expertisefield",  # the taxonomy seeded by community 0002
}


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


def vendor(database: str = "default") -> str:
    name = connections[database].vendor
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups are supported on SQLite and PostgreSQL, not {name}.")
    return name


def describe(database: str = "default") -> str:
    settings_dict = connections[database].settings_dict
    if connections[database].vendor == "sqlite":
        return f"SQLite database {settings_dict['NAME']}"
    host = settings_dict.get("HOST") or "local socket"
    port = settings_dict.get("PORT") or 5432
    return f"PostgreSQL database {settings_dict['NAME']!r} on {host}:{port}"


def file_kind(path: Path) -> str:
    """ "sqlite" or "postgresql" (a pg_dump custom-format archive), from the file's first bytes."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise BackupError(f"No such file: {path}") from None
    except IsADirectoryError:
        raise BackupError(f"{path} is a directory, not a backup file.") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a kieubao backup (neither SQLite nor pg_dump custom format).")


def is_empty(database: str = "default") -> bool:
    """True when no table holds rows beyond what `migrate` writes by itself (or there are no
    tables at all): restoring over it loses nothing."""
    connection = connections[database]
    if (
        connection.vendor == "sqlite"
        and not connection.is_in_memory_db()
        and not Path(str(connection.settings_dict["NAME"])).is_file()
    ):
        return True  # not created yet (and connecting would create it)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in _FILLED_BY_MIGRATE:
                continue
            cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")  # noqa: S608 (introspected)
            if cursor.fetchone() is not None:
                return False
    return True


def backup(path: Path | str, *, database: str = "default") -> Path:
    """Write a backup of the whole database to ``path`` (replaced atomically when complete)."""
    path = Path(path).resolve()
    if path.is_dir():
        raise BackupError(f"{path} is a directory: give a file name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        if vendor(database) == "sqlite":
            _sqlite_backup(connections[database].settings_dict["NAME"], partial)
        else:
            _pg_backup(connections[database].settings_dict, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore(path: Path | str, *, database: str = "default") -> None:
    """Replace the whole database with the backup in ``path``. The caller has checked that this
    is wanted (see ``is_empty``) and rebuilds derived data (the search index) afterwards."""
    path = Path(path).resolve()
    kind, engine = file_kind(path), vendor(database)
    if kind != engine:
        raise BackupError(
            f"{path} is a {_ENGINE_NAMES[kind]} backup but this site uses "
            f"{_ENGINE_NAMES[engine]}; restore it on the same kind of database."
        )
    connection = connections[database]
    settings_dict = connection.settings_dict
    connection.close()  # nothing of ours holds the old database open while it is replaced
    if engine == "sqlite":
        _sqlite_restore(path, settings_dict["NAME"])
    else:
        _pg_restore(path, settings_dict)
    connection.close()


def pending_migrations(database: str = "default") -> list[str]:
    """Migrations of this code that the (restored) database has not applied."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[database])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


_ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


# -- SQLite -----------------------------------------------------------------------------------


def _sqlite_path(name) -> Path:
    name = str(name)
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(name)


def _sqlite_backup(name, destination: Path) -> None:
    source_path = _sqlite_path(name)
    if not source_path.is_file():
        raise BackupError(f"There is no database at {source_path}.")
    source = sqlite3.connect(source_path, timeout=30)
    try:
        destination.unlink(missing_ok=True)
        target = sqlite3.connect(destination)
        try:
            # One step (pages=-1): a single read transaction, so one consistent snapshot; in WAL
            # mode the application's writers carry on meanwhile.
            source.backup(target)
            # A backup is one self-contained file: no -wal beside it.
            target.execute("PRAGMA journal_mode=DELETE")
            _check_sqlite(target, destination)
        finally:
            target.close()
    finally:
        source.close()


def _check_sqlite(db: sqlite3.Connection, path: Path) -> None:
    try:
        result = db.execute("PRAGMA quick_check").fetchone()[0]
        has_migrations = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'"
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable SQLite database: {exc}") from exc
    if result != "ok":
        raise BackupError(f"{path} is damaged: {result}")
    if not has_migrations:
        raise BackupError(f"{path} is an SQLite file but not a kieubao database.")


def _sqlite_restore(path: Path, name) -> None:
    target_path = _sqlite_path(name)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        _check_sqlite(source, path)
        target = sqlite3.connect(target_path, timeout=30, isolation_level=None)
        try:
            journal_mode = target.execute("PRAGMA journal_mode").fetchone()[0]
            # Through SQLite, not by replacing the file: other processes that have the database
            # open (the running site) see the restored content on their next transaction.
            source.backup(target)
            if journal_mode.lower() == "wal":
                target.execute("PRAGMA journal_mode=WAL")
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
    finally:
        source.close()


# -- PostgreSQL -------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    """pg_dump / pg_restore: from PATH, else the newest under /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found

    def version(directory: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", directory.parent.name)) or (0,)

    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: version(p.parent)
    )
    if candidates:
        return str(candidates[-1])
    raise BackupError(
        f"{name} was not found (on PATH or under /usr/lib/postgresql/*/bin): install the "
        "PostgreSQL client tools of the server's major version or newer."
    )


def _pg_environment(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSERVICE"):
        env.pop(key, None)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
        ("passfile", "PGPASSFILE"),
        ("service", "PGSERVICE"),
    ):
        values[variable] = options.get(option)
    env.update({key: str(value) for key, value in values.items() if value not in (None, "")})
    return env


def _run(command: list[str], settings_dict: dict) -> None:
    result = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        command,
        env=_pg_environment(settings_dict),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tool = Path(command[0]).name
        detail = (result.stderr or result.stdout).strip()
        raise BackupError(f"{tool} failed (exit status {result.returncode}):\n{detail}")


def _pg_backup(settings_dict: dict, destination: Path) -> None:
    _run(
        [
            _pg_tool("pg_dump"),
            "--format=custom",
            "--no-password",
            f"--file={destination}",
        ],
        settings_dict,
    )


def _pg_restore(path: Path, settings_dict: dict) -> None:
    _run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--no-password",
            f"--dbname={settings_dict['NAME']}",
            str(path),
        ],
        settings_dict,
    )
