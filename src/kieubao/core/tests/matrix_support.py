"""The vocabulary of the authorization matrix (test_authorization_matrix.py), shared with the
apps that contribute rows (e.g. kieubao.knowledge.tests.matrix)."""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("anonymous", "member", "org_admin", "official_a", "official_b", "ministry", "admin")
ALL = dict.fromkeys(ROLES)


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def but(base: int, **overrides: int) -> dict[str, int]:
    return every(base) | overrides


@dataclass
class Row:
    route: str  # as in the URL conf
    method: str
    url: str  # with {placeholders} from the world
    expect: dict[str, int]
    # role -> (fields that must appear, fields that must not) in a JSON or HTML body
    shows: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    data: dict | None = None
    json: bool = False


LOGIN = 302  # anonymous sent to log in
