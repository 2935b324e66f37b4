"""Browser journeys: Debian's Chromium driven by Playwright's sync API against ``live_server``.

Never skipped: without Chromium the tests fail, saying how to install it. Playwright's own
browser downloads are never used (``playwright install`` needs the internet); the browser is
``$CHROMIUM`` or /usr/bin/chromium. On failure each open page is saved as a screenshot into
``test-results/`` at the repository root.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # we run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The network is closed: without these Chromium keeps calling home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_TIMEOUT_MS = 10_000
REPO_ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = REPO_ROOT / "src" / "kieubao" / "locale"


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API keeps an event loop running in the test thread, which makes
    Django refuse ORM calls from it; the calls are synchronous and safe here. Set for the
    journeys only (package scope: it must outlive the per-test database flush), not at import:
    the variable would leak into other tests and their subprocesses (``check --deploy`` then
    fails with async.E001)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {path!r}. Install Debian's browser "
            "(apt-get install -y chromium, or `make chromium`) or set CHROMIUM=/path/to/it.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="package")
def browser(_allow_orm_beside_playwright, chromium_path) -> Iterator:
    """One Chromium for the journeys, stopped once they are done: Playwright's event loop must
    not outlive them (it would make every later ORM call fail the async-safety check)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def compiled_messages() -> None:
    """The compiled message catalogues are build output (``make messages``): build them when
    missing or older than their .po file, then make Django read them afresh."""
    stale = [
        po
        for po in LOCALE_DIR.glob("*/LC_MESSAGES/django.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if not stale:
        return
    if shutil.which("msgfmt") is None:
        pytest.fail("gettext's msgfmt is needed to compile the message catalogues.")
    for po in stale:
        # Written aside and renamed: another process may be reading or compiling it too.
        tmp = po.with_suffix(f".mo.{os.getpid()}.tmp")
        done = subprocess.run(  # noqa: S603
            ["msgfmt", "--check-format", "-o", str(tmp), str(po)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            tmp.unlink(missing_ok=True)
            pytest.fail(f"msgfmt could not compile {po}:\n{done.stderr}", pytrace=False)
        os.replace(tmp, po.with_suffix(".mo"))
    # What Django itself does when a test changes LOCALE_PATHS: forget loaded catalogues.
    from django.conf import settings
    from django.test.signals import setting_changed

    setting_changed.send(
        sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )


@pytest.fixture
def e2e_db(transactional_db) -> None:
    """A real, committed database the live server thread sees. Transactional tests flush every
    table afterwards, including what data migrations seeded: put the taxonomy of fields of
    expertise back the way its migration does. (Serialized rollback cannot: a flush by an
    earlier transactional test recreates content types, and restoring then collides.)"""
    from django.apps import apps

    importlib.import_module("kieubao.community.migrations.0002_seed_taxonomy").seed(apps, None)


@pytest.fixture
def server(e2e_db, live_server) -> str:
    return live_server.url


@pytest.fixture
def new_page(browser, request) -> Iterator:
    """``new_page()`` opens a page in a fresh browser context (its own cookies: one per actor).
    Screenshots of every page go to test-results/ when the test fails."""
    contexts = []

    def open_page(locale: str = "en-US"):
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page

    report = getattr(request.node, "rep_call", None)
    try:
        if report is not None and report.failed:
            out = REPO_ROOT / "test-results"
            out.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
            for i, context in enumerate(contexts):
                for j, page in enumerate(context.pages):
                    try:
                        page.screenshot(path=str(out / f"{name}-{i}-{j}.png"), full_page=True)
                    except Exception as exc:  # a crashed page must not hide the failure
                        print(f"screenshot failed: {exc}")
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(new_page):
    return new_page()
