"""`kieubao backup FILE` and `kieubao restore FILE`, run as an operator runs them: separate
processes against real databases (a SQLite file in a temporary KIEUBAO_VAR_DIR, or a PostgreSQL
database created for the test on the server the suite uses).

Data is built with the services, backed up, restored into a fresh database, and every table is
compared row by row. Each engine's test runs when the suite runs on that engine.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kieubao.core import backup as backup_module

ON_POSTGRES = connection.vendor == "postgresql"
ENGINE = "postgresql" if ON_POSTGRES else "sqlite"
KIEUBAO = str(Path(sys.executable).parent / "kieubao")

MIGRATE = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
"""

BUILD = """
from kieubao.accounts.services import api_token_create
from kieubao.community import privacy, services
from kieubao.community.models import OrganisationKind, Visibility
from kieubao.community.tests.factories import (
    make_mission, make_ministry, make_official, make_person, make_user,
)
from kieubao.core import audit
from kieubao.core.models import AuditAction

chair_user = make_user("chu.tich@example.org")
chair = make_person(
    user=chair_user, full_name="Phạm Minh Chủ Tịch", country="DE", city="Berlin",
    fields=("ai", "robotics"), vis_profile=Visibility.PUBLIC, contact=True,
)
people = [
    make_person(
        full_name=f"Nguyễn Văn Sao Lưu {i}", country=("DE", "JP", "US")[i % 3],
        fields=(("ai",), ("quantum",), ())[i % 3], vis_profile=Visibility.PUBLIC,
        bio="Kỹ sư; \\"trích dẫn\\", dấu phẩy, xuống\\ndòng",
    )
    for i in range(24)
]
make_person(full_name="Lê Không Liệt Kê", listed=False)
services.consent_set(person=people[0], purpose="directory", granted=False)
services.person_update(person=people[1], city="München", languages=["vi", "de"])
association = services.organisation_create(
    name="Hội người Việt tại Berlin", kind=OrganisationKind.ASSOCIATION, country="DE",
    fields=("ai",),
)
services.membership_add(person=chair, organisation=association, role="admin", title="Chủ tịch")
for person in people[:10]:
    services.membership_add(person=person, organisation=association)
make_official("Đà Nẵng", "official@example.org")
make_official(make_ministry(), "ministry@example.org")
make_mission("DE")
api_token_create(user=chair_user)
audit.record(AuditAction.LOGIN, actor_id=chair_user.pk, detail={"note": "sao lưu"})
leaver = make_user("leaver@example.org")
services.consent_set(
    person=make_person(user=leaver, full_name="Người Rời Đi", country="FR"),
    purpose="statistics", granted=True,
)
privacy.account_erase(user=leaver)  # leaves an anonymous statistical remnant

from django.contrib.sessions.backends.db import SessionStore
session = SessionStore()
session["note"] = "phiên làm việc"
session.create()
"""

# Every table the database has, every row ordered by primary key, as JSON-comparable values.
DUMP = """
import datetime, decimal, uuid
from django.db import connection

def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return value

quote = connection.ops.quote_name
tables = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names(cursor)):
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        pk = connection.introspection.get_primary_key_column(cursor, table)
        order = [pk] if pk else columns
        cursor.execute(
            f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)} "
            f"ORDER BY {', '.join(map(quote, order))}"
        )
        tables[table] = {
            "columns": columns,
            "rows": [[plain(v) for v in row] for row in cursor.fetchall()],
        }
out["tables"] = tables
"""

SEARCH = """
from kieubao.accounts.models import User
from kieubao.community.rules import ANONYMOUS
from kieubao.community.search import SearchFilters
from kieubao.community.selectors import people_search, viewer_for_user

member = viewer_for_user(User.objects.get(email="chu.tich@example.org"))
results = {}
for name, viewer in (("anonymous", ANONYMOUS), ("member", member)):
    for text, filters in (("", None), ("sao luu", None), ("nguyen", SearchFilters(country="JP"))):
        page = people_search(viewer, text=text, filters=filters, per_page=100)
        # Sorted: equal scores may rank in any order, and an index built in one go is laid out
        # differently from one updated person by person.
        names = sorted(p.full_name for p in page.items)
        results[f"{name} {text!r} {filters}"] = [page.total, names]
out["search"] = results
"""

# The database itself still refuses to change the audit log (the triggers came back).
AUDIT_GUARD = """
from django.db import connection
out["guard"] = []
for statement in ("DELETE FROM core_auditentry", "UPDATE core_auditentry SET action = 'x'"):
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    except Exception as exc:
        out["guard"].append("refused")
    else:
        out["guard"].append("ALLOWED: " + statement)
"""

ADD_SOMEONE = """
from kieubao.community.tests.factories import make_person, make_user
make_person(user=make_user("later@example.org"), full_name="Đến Sau Khi Khôi Phục")
"""


class Site:
    """One installation: its own database and KIEUBAO_VAR_DIR (search index)."""

    def __init__(self, name: str, tmp_path: Path, database_url: str | None) -> None:
        self.name = name
        self.var = tmp_path / name
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "KIEUBAO_VAR_DIR", "SEARCH_INDEX_DIR")
            and not key.startswith("PG")
        }
        self.env.update(KIEUBAO_VAR_DIR=str(self.var), DEBUG="1", SECRET_KEY="backup-test-key")
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self._out = tmp_path / f"{name}.out.json"

    def run(self, *args: str, ok: bool = True, timeout: float = 300, env: dict | None = None):
        result = subprocess.run(  # noqa: S603
            [KIEUBAO, *args],
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if ok:
            assert result.returncode == 0, (
                f"{self.name}: kieubao {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result

    def shell(self, *scripts: str) -> dict:
        """Run the scripts in one `kieubao shell` (one start-up); what they put in ``out``
        comes back."""
        self._out.unlink(missing_ok=True)
        program = "\n".join(
            [
                "out = {}",
                *scripts,
                "import json as _json, os as _os",
                "with open(_os.environ['KIEUBAO_TEST_OUT'], 'w') as _f:",
                "    _json.dump(out, _f, sort_keys=True, default=repr)",
            ]
        )
        self.run("shell", "-c", program, env={"KIEUBAO_TEST_OUT": str(self._out)})
        return json.loads(self._out.read_text())

    def tables(self) -> dict:
        return self.shell(DUMP)["tables"]


@pytest.fixture
def new_site(tmp_path):
    """Makes fresh, empty sites (databases) of the engine the suite runs on."""
    created: list[str] = []
    admin = None
    if ON_POSTGRES:
        params = connection.settings_dict
        admin = {
            "host": params["HOST"] or "127.0.0.1",
            "port": int(params["PORT"] or 5432),
            "user": params["USER"] or "postgres",
            "password": params["PASSWORD"] or "",
            "dbname": "postgres",
        }
    prefix = f"kieubao_backup_{os.getpid()}_{uuid.uuid4().hex[:6]}"

    def make(name: str) -> Site:
        if not ON_POSTGRES:
            return Site(name, tmp_path, None)
        import psycopg

        database = f"{prefix}_{name}"
        with psycopg.connect(**admin, autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{database}"')
        created.append(database)
        auth = admin["user"] + (f":{admin['password']}" if admin["password"] else "")
        url = f"postgres://{auth}@{admin['host']}:{admin['port']}/{database}"
        return Site(name, tmp_path, url)

    yield make
    if created:
        import psycopg

        with psycopg.connect(**admin, autocommit=True) as db:
            for database in created:
                db.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def assert_same_tables(expected: dict, actual: dict, label: str) -> None:
    assert sorted(actual) == sorted(expected), f"{label}: the set of tables differs"
    for table in expected:
        want, got = expected[table], actual[table]
        assert got["columns"] == want["columns"], f"{label}: columns of {table}"
        assert len(got["rows"]) == len(want["rows"]), f"{label}: row count of {table}"
        for want_row, got_row in zip(want["rows"], got["rows"], strict=True):
            assert got_row == want_row, f"{label}: {table} row differs"


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_backup_and_restore_into_a_fresh_database_gives_back_every_row(engine, new_site, tmp_path):
    if engine != ENGINE:
        pytest.skip(f"the {engine} variant runs when the suite runs on {engine}")
    timings = {}
    source = new_site("source")
    started = time.perf_counter()
    before = source.shell(MIGRATE, BUILD, DUMP, SEARCH)
    timings["migrate+build"] = time.perf_counter() - started
    expected, expected_search = before["tables"], before["search"]
    # The data set is what it should be: something in every table that matters.
    for table in (
        "accounts_user",
        "accounts_apitoken",
        "account_emailaddress",
        "community_person",
        "community_person_fields",
        "community_consentrecord",
        "community_organisation",
        "community_organisation_fields",
        "community_membership",
        "community_official",
        "community_statisticalremnant",
        "core_auditentry",
        "django_session",
    ):
        assert expected[table]["rows"], f"the test data has no {table}"
    assert expected_search["anonymous '' None"][0] == 24  # 24 + chair - 1 withdrawn

    backup_file = tmp_path / "backups" / "kieubao.backup"
    started = time.perf_counter()
    output = source.run("backup", str(backup_file)).stdout
    timings["backup"] = time.perf_counter() - started
    assert "Backed up the" in output and backup_file.is_file()
    magic = b"PGDMP" if ON_POSTGRES else b"SQLite format 3\x00"
    assert backup_file.read_bytes().startswith(magic)
    assert not list(backup_file.parent.glob(".*partial"))

    # A brand-new installation (not even migrated): empty, so no --yes needed.
    target = new_site("target")
    started = time.perf_counter()
    output = target.run("restore", str(backup_file)).stdout
    timings["restore"] = time.perf_counter() - started
    assert "Restored the" in output
    assert "Rebuilt the search index: 24 listed people" in output
    after = target.shell(DUMP, SEARCH, AUDIT_GUARD)
    assert_same_tables(expected, after["tables"], "restored into a fresh database")
    assert after["search"] == expected_search  # the index was rebuilt from the data
    assert after["guard"] == ["refused", "refused"]

    # New rows after a restore (ids continue past the restored ones); now the database holds
    # data of its own: a restore needs --yes.
    changed = target.shell(ADD_SOMEONE, DUMP)["tables"]
    assert len(changed["community_person"]["rows"]) == len(expected["community_person"]["rows"]) + 1
    refused = target.run("restore", str(backup_file), ok=False)
    assert refused.returncode == 1
    assert "is not empty" in refused.stderr and "--yes" in refused.stderr, refused.stderr

    started = time.perf_counter()
    output = target.run("restore", "--yes", str(backup_file)).stdout
    timings["restore --yes over data"] = time.perf_counter() - started
    assert "Rebuilt the search index: 24 listed people" in output
    after = target.shell(DUMP, SEARCH, AUDIT_GUARD)
    assert_same_tables(expected, after["tables"], "restored with --yes over existing data")
    assert after["search"] == expected_search
    assert after["guard"] == ["refused", "refused"]
    print(engine, {k: f"{v:.1f}s" for k, v in timings.items()})


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_backup_is_consistent_while_the_site_writes(engine, new_site, tmp_path):
    """A write transaction is open while the backup runs: the backup neither waits for it nor
    contains its uncommitted row."""
    if engine != ENGINE:
        pytest.skip(f"the {engine} variant runs when the suite runs on {engine}")
    site = new_site("live")
    site.run("migrate", "--noinput", "-v0")
    backup_file = tmp_path / "live.backup"
    if ON_POSTGRES:
        import psycopg

        writer = psycopg.connect(site.env["DATABASE_URL"].replace("postgres://", "postgresql://"))
    else:
        writer = sqlite3.connect(site.var / "kieubao.sqlite3", isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
    try:
        writer.execute("INSERT INTO auth_group (name) VALUES ('uncommitted')")
        started = time.perf_counter()
        site.run("backup", str(backup_file), timeout=60)
        assert time.perf_counter() - started < 30
    finally:
        writer.rollback() if ON_POSTGRES else writer.execute("ROLLBACK")
        writer.close()
    if ON_POSTGRES:
        data = subprocess.run(  # noqa: S603
            [backup_module._pg_tool("pg_restore"), "--data-only", "--file=-", str(backup_file)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        assert "COPY public.django_migrations" in data
        assert "uncommitted" not in data
    else:
        copy = sqlite3.connect(backup_file)
        try:
            assert copy.execute("SELECT count(*) FROM auth_group").fetchone() == (0,)
            assert copy.execute("SELECT count(*) FROM django_migrations").fetchone()[0] > 0
            assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        finally:
            copy.close()


@pytest.mark.django_db
def test_a_migrated_database_without_data_counts_as_empty():
    from kieubao.community.tests.factories import make_user

    assert backup_module.is_empty()
    make_user()
    assert not backup_module.is_empty()


@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_backup(tmp_path):
    def restore(path: Path) -> str:
        with pytest.raises(CommandError) as refused:
            # --yes: these must be refused for what the file is, before anything is touched.
            call_command("restore", str(path), "--yes")
        return str(refused.value)

    assert "No such file" in restore(tmp_path / "nope.backup")
    junk = tmp_path / "junk.backup"
    junk.write_text("hello")
    assert "not a kieubao backup" in restore(junk)
    other = tmp_path / "other-engine.backup"
    other.write_bytes(b"SQLite format 3\x00" if ON_POSTGRES else b"PGDMP\x01\x0e")
    assert "restore it on the same kind of database" in restore(other)
    assert "is a directory" in restore(tmp_path)
