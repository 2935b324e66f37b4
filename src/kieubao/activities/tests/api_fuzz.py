"""Activities's part of the API fuzzer's seeded data (core/tests/test_api_schema_fuzz.py)."""

from __future__ import annotations

from kieubao.community.models import Person


def fuzz_world(*, member: Person) -> dict:
    return {"ids": {}, "bodies": {}, "member_refused": set()}
