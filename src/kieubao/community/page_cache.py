"""A per-process cache of person pages as anonymous visitors see them.

Public profiles are what anonymous visitors (shared links, search engines) open most. Building
such a page costs three ORM queries with model instances, the projection and two templates;
serving it from here costs two small plain queries. A cached page can never be stale: it is
served only while everything it shows is unchanged — the person's row (every column, so also
consent and visibility changes made with ``update()``), their fields of expertise and their
memberships with the organisations' names — for the same language and path. Only anonymous
requests without pending messages use it; pages for signed-in viewers depend on who they are
and are never cached. The CSRF token, the page's one per-request value, is rendered as a
placeholder and filled in with a fresh token for each response, as rendering would.

Anything new that makes the anonymous person page depend on the request must either be part
of ``_fingerprint`` / the key, or bypass this cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.contrib.messages import get_messages
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language

from . import selectors
from .models import ExpertiseField, FieldGroup, Membership, Organisation, Person
from .rules import ANONYMOUS

MAX_PAGES = 4096  # per process; a page is ~3 KB
# Never produced by get_token() (64 letters and digits), so it cannot clash with page content.
_TOKEN_PLACEHOLDER = "@@kieubao-csrf-token@@"  # noqa: S105 - not a secret

_pages: OrderedDict[tuple, tuple[tuple, str]] = OrderedDict()
_lock = threading.Lock()
_queries: tuple[str, str] | None = None


def _sql() -> tuple[str, str]:
    """Plain queries for everything the page shows (names from model metadata): the person's
    row, then their fields of expertise and memberships (with organisation names) in one
    UNION ALL whose columns line up (kind, id, four texts, a number)."""
    global _queries
    if _queries is None:
        qn = connection.ops.quote_name
        person = Person._meta
        through = Person.fields.through._meta
        columns = ", ".join(qn(f.column) for f in person.concrete_fields)
        _queries = (
            f"SELECT {columns} FROM {qn(person.db_table)} WHERE {qn(person.pk.column)} = %s",  # noqa: S608
            f"SELECT 0, f.{qn('id')}, f.{qn('slug')}, f.{qn('name_vi')}, f.{qn('name_en')}, "  # noqa: S608
            f"CAST(NULL AS VARCHAR(1)), f.{qn('position')} "
            f"FROM {qn(through.db_table)} p JOIN {qn(ExpertiseField._meta.db_table)} f "
            f"ON f.{qn('id')} = p.{qn('expertisefield_id')} WHERE p.{qn('person_id')} = %s "
            f"UNION ALL SELECT 1, m.{qn('id')}, m.{qn('role')}, m.{qn('title')}, o.{qn('name')}, "
            f"o.{qn('name_en')}, m.{qn('organisation_id')} "
            f"FROM {qn(Membership._meta.db_table)} m JOIN {qn(Organisation._meta.db_table)} o "
            f"ON o.{qn('id')} = m.{qn('organisation_id')} WHERE m.{qn('person_id')} = %s "
            "ORDER BY 1, 2",
        )
    return _queries


def _fingerprint(person_id: int) -> tuple | None:
    person_sql, related_sql = _sql()
    with connection.cursor() as cursor:
        cursor.execute(person_sql, [person_id])
        row = cursor.fetchone()
        if row is None:
            return None
        cursor.execute(related_sql, [person_id, person_id])
        return (row, tuple(cursor.fetchall()))


def _render(request: HttpRequest, person_id: int) -> str | None:
    view = selectors.person_get(ANONYMOUS, person_id)
    if view is None:
        return None
    return render_to_string(
        "community/person_detail.html",
        {"person": view, "groups": FieldGroup, "csrf_token": _TOKEN_PLACEHOLDER},
        request=request,
    )


def anonymous_person_page(request: HttpRequest, person_id: int) -> HttpResponse | None:
    """The person page for an anonymous request, or None where there is none (404)."""
    if len(get_messages(request)):
        # Messages are shown (and consumed) by the page: render it as it is.
        html = _render(request, person_id)
    else:
        fingerprint = _fingerprint(person_id)
        if fingerprint is None:
            return None
        key = (person_id, get_language(), request.get_full_path())
        with _lock:
            cached = _pages.get(key)
            if cached is not None:
                _pages.move_to_end(key)
        if cached is not None and cached[0] == fingerprint:
            html = cached[1]
        else:
            html = _render(request, person_id)
            if html is None:
                return None
            # Kept only if nothing changed while rendering (the page shows what it is keyed by).
            if _fingerprint(person_id) == fingerprint:
                with _lock:
                    _pages[key] = (fingerprint, html)
                    _pages.move_to_end(key)
                    while len(_pages) > MAX_PAGES:
                        _pages.popitem(last=False)
    if html is None:
        return None
    return HttpResponse(html.replace(_TOKEN_PLACEHOLDER, get_token(request)))


def clear() -> None:
    with _lock:
        _pages.clear()
