"""A bulk load killed mid-way (SIGKILL: no cleanup code runs) leaves nothing behind — no rows,
no dropped indexes, no index entries — and can be run again."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs its own SQLite database in a subprocess; PostgreSQL's DDL is transactional too",
)

LOADER = """
import sys, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from kieubao.community.bulk import people_bulk_load
from kieubao.community.demo import PeopleGenerator, create_organisations
orgs = create_organisations()
rows = PeopleGenerator(7, orgs).rows(int(sys.argv[1]))
def progress(n):
    print(f"loaded {n}", flush=True)
people_bulk_load(rows, batch_size=5000, progress=progress, exclusive=sys.argv[2] == "1")
print("done", flush=True)
"""


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "KIEUBAO_TESTING")}
    env.update(KIEUBAO_VAR_DIR=str(var_dir), DEBUG="1", DJANGO_SETTINGS_MODULE="kieubao.settings")
    return env


def _state(db: Path) -> tuple[int, list[str]]:
    # Opening the database rolls a hot rollback journal back (a load killed in exclusive mode).
    # Closed at once: an open connection would keep the exclusive load in WAL mode.
    with closing(sqlite3.connect(db)) as conn:
        people = conn.execute("SELECT count(*) FROM community_person").fetchone()[0]
        indexes = sorted(
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        )
    return people, indexes


def _journal_mode(db: Path) -> str:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]


# Both ways of writing a load: through the write-ahead log (the default), and the exclusive
# offline mode through a rollback journal.
@pytest.mark.parametrize("exclusive", ["0", "1"], ids=["wal", "exclusive"])
def test_killed_load_leaves_nothing_and_can_be_rerun(tmp_path, exclusive):
    var_dir = tmp_path / "var"
    # Indexes of a migrated, empty database: what must still be there after the kill.
    subprocess.run(
        [sys.executable, "-m", "kieubao.cli", "migrate", "-v0"], env=_env(var_dir), check=True
    )
    _, indexes_before = _state(var_dir / "kieubao.sqlite3")
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", LOADER, "200000", exclusive],
        env=_env(var_dir),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if line.startswith("loaded 15000"):
                break
            assert line, "the loader stopped before loading anything"
        else:
            pytest.fail("the loader never reached 15,000 rows")
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)

    # The load was written the way it was asked to be: the hot rollback journal (exclusive)
    # is there to be rolled back on the next open.
    journal = var_dir / "kieubao.sqlite3-journal"
    assert journal.exists() == (exclusive == "1")
    people, indexes_after = _state(var_dir / "kieubao.sqlite3")
    assert people == 0
    assert indexes_after == indexes_before  # dropped indexes came back with the rollback

    rerun = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", LOADER, "20000", exclusive],
        env=_env(var_dir),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert "done" in rerun.stdout
    people, indexes_final = _state(var_dir / "kieubao.sqlite3")
    assert people == 20000
    assert indexes_final == indexes_before
    assert _journal_mode(var_dir / "kieubao.sqlite3") == "wal"  # back to WAL after the load
