"""Faults: the database goes away and comes back.

While it is unreachable every page that needs it answers 503 with the friendly page (never a
stack trace), the API 503 JSON ``{"code": "unavailable"}`` with Retry-After, ``/healthz`` 503
``{"status": "unavailable"}``; once it is back the next request succeeds, without a restart.

Two ways in: the Django test client with the database cut off in-process (fast, every page and
client kind), and a real server process (runserver on SQLite, gunicorn on PostgreSQL) whose
database really disappears: the SQLite file is replaced by a directory, the PostgreSQL server
stops answering on the address the server uses (a loopback TCP relay that is shut down).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from kieubao.accounts.services import api_token_create
from kieubao.community.models import Visibility
from kieubao.community.tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRES = connection.vendor == "postgresql"
BIN = Path(sys.executable).parent
UNAVAILABLE_TITLE = "Temporarily unavailable"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def database_outage(tmp_path: Path):
    """The default database is unreachable inside the block, reachable again after it."""
    if connection.vendor == "postgresql":
        # As in an outage: the next connection attempt is refused (nothing listens there).
        connection.close()
        port = connection.settings_dict["PORT"]
        connection.settings_dict["PORT"] = str(_free_port())
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["PORT"] = port
    else:
        # The SQLite test database lives in memory and closing its only connection would destroy
        # it, so every use of the connection fails instead, with the error SQLite itself gives
        # for a database file it cannot open, converted the way Django converts it.
        (tmp_path / "gone.sqlite3").mkdir()
        try:
            sqlite3.connect(tmp_path / "gone.sqlite3")
        except sqlite3.OperationalError as exc:
            error = exc
        else:  # pragma: no cover
            raise AssertionError("SQLite opened a directory")

        def ensure_connection(self):
            with self.wrap_database_errors:
                raise error

        with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", ensure_connection):
            yield


def assert_friendly_503(response, url: str) -> None:
    body = response.content.decode()
    assert response.status_code == 503, (url, response.status_code, body[:300])
    assert "Traceback" not in body and "OperationalError" not in body, url
    if url == "/healthz":  # for load balancers and monitors: the status is all they need
        assert json.loads(body) == {"status": "unavailable"}, url
        return
    assert response["Retry-After"] == "30", url
    if url.startswith("/api/"):
        assert response["Content-Type"].startswith("application/json"), url
        assert json.loads(body)["code"] == "unavailable", url
    else:
        assert response["Content-Type"].startswith("text/html"), url
        assert f"<title>{UNAVAILABLE_TITLE}</title>" in body, url


# Pages that cannot be served without the database, whoever asks.
NEEDS_DATABASE = [
    "/",
    "/healthz",
    "/people/",
    "/people/?q=nguyen",
    "/people/1/",
    "/organisations/",
    "/organisations/1/",
    "/api/v1/people",
    "/api/v1/people?q=nguyen",
    "/api/v1/people/1",
    "/api/v1/organisations",
    "/api/v1/taxonomy/fields",
]
# Pages that need it only for a signed-in user (session and user are in the database).
NEEDS_IT_WHEN_SIGNED_IN = [
    "/me/profile/",
    "/me/data/",
    "/me/access-log/",
    "/accounts/login/",
    "/accounts/email/",
    "/admin/",
    "/api/v1/me/profile",
    "/.well-known/security.txt",
    "/jsi18n/",
]


@pytest.fixture
def clients(index_now):
    user = make_user()
    with index_now():
        # Listed people, so that a search goes from the index to the database.
        make_person(user=user, full_name="Nguyễn Văn Lỗi", vis_profile=Visibility.PUBLIC)
        make_person(full_name="Nguyễn Thị Sự Cố", vis_profile=Visibility.PUBLIC)
    _token, key = api_token_create(user=user)
    anonymous = Client(raise_request_exception=False)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(user)
    token = Client(raise_request_exception=False, headers={"Authorization": f"Bearer {key}"})
    return {"anonymous": anonymous, "signed_in": signed_in, "token": token}


def test_every_page_answers_503_while_the_database_is_down_and_recovers(clients, tmp_path):
    anonymous, signed_in, token = clients["anonymous"], clients["signed_in"], clients["token"]
    with database_outage(tmp_path):
        for url in NEEDS_DATABASE:
            for client in (anonymous, signed_in, token):
                assert_friendly_503(client.get(url), url)
        for url in NEEDS_IT_WHEN_SIGNED_IN:
            assert_friendly_503(signed_in.get(url), url)
            # Anonymous visitors still get what needs no database (the login form) or are sent
            # to sign in; never an error page.
            response = anonymous.get(url)
            assert response.status_code in (200, 302, 401, 503), (url, response.status_code)
            assert "Traceback" not in response.content.decode(), url
        # Writes too: a sign-in attempt, a profile change through the API.
        assert_friendly_503(
            anonymous.post("/accounts/login/", {"login": "a@example.org", "password": "x" * 12}),
            "/accounts/login/",
        )
        assert_friendly_503(
            token.patch("/api/v1/me/profile", {"city": "Berlin"}, content_type="application/json"),
            "/api/v1/me/profile",
        )
        assert_friendly_503(
            signed_in.post("/me/profile/", {"full_name": "X"}, HTTP_HX_REQUEST="true"),
            "/me/profile/",
        )

    # Back: the very next request is served, no restart, the session still signed in.
    response = anonymous.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    for url in ("/", "/people/?q=nguyen", "/organisations/"):
        assert anonymous.get(url).status_code == 200, url
    assert "Lỗi" in signed_in.get("/me/profile/").content.decode()
    assert token.get("/api/v1/me/profile").status_code == 200
    assert anonymous.get("/api/v1/people?q=nguyen").json()["count"] == 2


def test_no_traceback_with_debug_on_either(clients, settings, tmp_path):
    # DEBUG's error page shows tracebacks: it is never what a visitor gets for an outage.
    settings.DEBUG = True
    with database_outage(tmp_path):
        for url in ("/", "/people/?q=nguyen", "/healthz", "/api/v1/people?q=nguyen"):
            for client in clients.values():
                assert_friendly_503(client.get(url), url)
        for url in ("/me/profile/", "/api/v1/me/profile"):
            assert_friendly_503(clients["signed_in"].get(url), url)
    assert clients["signed_in"].get("/me/profile/").status_code == 200


def test_the_503_page_speaks_the_visitors_language(clients, tmp_path):
    with database_outage(tmp_path):
        for client in (clients["anonymous"], clients["signed_in"]):
            response = client.get("/people/", HTTP_ACCEPT_LANGUAGE="vi")
            assert response.status_code == 503
            assert "Tạm thời gián đoạn" in response.content.decode()
        response = clients["token"].get("/api/v1/organisations", HTTP_ACCEPT_LANGUAGE="vi")
        assert "Vui lòng thử lại" in response.json()["message"]


def test_503_is_not_cached(clients, tmp_path):
    with database_outage(tmp_path):
        response = clients["signed_in"].get("/")
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]


def test_other_database_errors_stay_500(clients):
    # A bug (here: a constraint violation) is not an outage: no "try again in a minute".
    from django.db import IntegrityError

    with mock.patch("kieubao.core.views.fields_taxonomy", side_effect=IntegrityError("bug")):
        for client in (clients["anonymous"], clients["signed_in"]):
            response = client.get("/")
            assert response.status_code == 500
            assert "Traceback" not in response.content.decode()


# -- a real server process --------------------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DEBUG", "KIEUBAO_VAR_DIR", "SEARCH_INDEX_DIR")
        and not key.startswith("PG")
    }
    env.update(extra)
    return env


def _kieubao(env: dict, *args: str, timeout: float = 180) -> str:
    result = subprocess.run(  # noqa: S603
        [str(BIN / "kieubao"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"kieubao {args[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


SIGNED_IN_SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from kieubao.community.models import Visibility
from kieubao.community.tests.factories import make_person, make_user
user = make_user("real@example.org")
make_person(user=user, full_name="Trần Thật", vis_profile=Visibility.PUBLIC)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def _get(port: int, path: str, cookie: str = "") -> tuple[int, http.client.HTTPResponse, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        headers = {"Accept-Language": "en"}
        if cookie:
            headers["Cookie"] = cookie
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response, response.read().decode()
    finally:
        conn.close()


@contextmanager
def _server(command: list[str], env: dict, port: int, log: Path):
    with open(log, "wb") as out:
        process = subprocess.Popen(  # noqa: S603
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"the server exited:\n{log.read_text()[-3000:]}"
            try:
                if _get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"the server did not start:\n{log.read_text()}"
            time.sleep(0.2)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # our own process group (start_new_session)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)


PAGES = ["/", "/people/", "/people/?q=tran", "/organisations/", "/api/v1/organisations"]
SIGNED_IN_PAGES = ["/", "/me/profile/", "/api/v1/me/profile"]


def _check_real_outage(port: int, cookie: str, cut, restore, log: Path) -> None:
    for path in [*PAGES, "/healthz"]:
        assert _get(port, path)[0] == 200, path
    for path in SIGNED_IN_PAGES:
        assert _get(port, path, cookie)[0] == 200, path

    cut()
    try:
        for path in [*PAGES, "/healthz"]:
            for who in ("", cookie):
                status, response, body = _get(port, path, who)
                assert status == 503, (path, status, body[:500], log.read_text()[-3000:])
                assert "Traceback" not in body, path
                if path == "/healthz":
                    assert json.loads(body) == {"status": "unavailable"}
                    continue
                assert response.getheader("Retry-After") == "30", path
                if path.startswith("/api/"):
                    assert json.loads(body)["code"] == "unavailable"
                else:
                    assert UNAVAILABLE_TITLE in body
        for path in SIGNED_IN_PAGES:
            assert _get(port, path, cookie)[0] == 503, path
    finally:
        restore()

    # The very next requests are served again, by the same server process.
    status, _response, body = _get(port, "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    for path in PAGES:
        assert _get(port, path)[0] == 200, path
    status, _response, body = _get(port, "/me/profile/", cookie)
    assert status == 200 and "Trần Thật" in body


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite variant runs when the suite runs on SQLite")
def test_real_server_on_sqlite_survives_its_database_file_disappearing(tmp_path):
    """runserver (as `make run` serves) on an SQLite file that is moved away and replaced by a
    directory, which SQLite cannot open, then put back."""
    var = tmp_path / "var"
    env = _env(KIEUBAO_VAR_DIR=str(var), DEBUG="1")
    _kieubao(env, "migrate", "--noinput", "-v0")
    cookie = "sessionid=" + _kieubao(env, "shell", "-c", SIGNED_IN_SESSION).split()[-1]
    database = var / "kieubao.sqlite3"
    away = var / "kieubao.sqlite3.away"

    def cut() -> None:
        database.rename(away)
        database.mkdir()

    def restore() -> None:
        if database.is_dir():
            database.rmdir()
        if away.exists():
            away.rename(database)

    port = _free_port()
    log = tmp_path / "server.log"
    command = [str(BIN / "kieubao"), "runserver", "--noreload", f"127.0.0.1:{port}"]
    with _server(command, env, port, log):
        _check_real_outage(port, cookie, cut, restore, log)


class _Relay:
    """A loopback TCP relay to the database server. stop() is the outage: the listener goes
    away (connection refused) and every open connection is cut; start() brings it back on the
    same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = _free_port()
        self._stopped = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None

    def start(self) -> None:
        self._stopped.clear()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.settimeout(0.1)
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopped.is_set():
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                self._sockets |= {client, upstream}
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self) -> None:
        self._stopped.set()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


@pytest.mark.skipif(not ON_POSTGRES, reason="the PostgreSQL variant runs when the suite does")
def test_real_server_on_postgres_survives_losing_the_database_server(tmp_path):
    """gunicorn with DEBUG off and persistent connections (CONN_MAX_AGE, health checks) talking
    to PostgreSQL through a relay; the relay is cut (open connections die, new ones are
    refused), then restored."""
    import psycopg

    params = connection.settings_dict
    host, port = params["HOST"] or "127.0.0.1", int(params["PORT"] or 5432)
    user, password = params["USER"] or "postgres", params["PASSWORD"] or ""
    name = f"kieubao_faults_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = {"host": host, "port": port, "user": user, "password": password, "dbname": "postgres"}
    relay = _Relay((host, port))
    relay.start()
    with psycopg.connect(**admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = f"{user}:{password}" if password else user
        env = _env(
            DATABASE_URL=f"postgres://{auth}@127.0.0.1:{relay.port}/{name}",
            KIEUBAO_VAR_DIR=str(tmp_path / "var"),
            DEBUG="0",
            KIEUBAO_TESTING="1",  # non-manifest static files; DEBUG stays off
            CONN_MAX_AGE="60",
        )
        _kieubao(env, "migrate", "--noinput", "-v0")
        cookie = "sessionid=" + _kieubao(env, "shell", "-c", SIGNED_IN_SESSION).split()[-1]
        server_port = _free_port()
        log = tmp_path / "server.log"
        command = [
            str(BIN / "gunicorn"),
            "kieubao.wsgi",
            f"--bind=127.0.0.1:{server_port}",
            "--workers=1",
            "--timeout=60",
        ]
        with _server(command, env, server_port, log):
            _check_real_outage(server_port, cookie, relay.stop, relay.start, log)
    finally:
        relay.stop()
        with psycopg.connect(**admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
