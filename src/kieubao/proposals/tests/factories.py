"""Test data for proposals, through the services (so tests see what users would)."""

from __future__ import annotations

import itertools

from kieubao.proposals import services

_counter = itertools.count(1)

BODY = (
    "<p>Thành lập <strong>quỹ học bổng</strong> cho sinh viên ngành bán dẫn, do các kỹ sư "
    "kiều bào tại Hoa Kỳ và Nhật Bản cùng hướng dẫn.</p>"
)


def make_proposal(author, *, title: str | None = None, body: str = BODY, **values):
    return services.proposal_submit(
        author=author,
        title=title or f"Quỹ học bổng bán dẫn cho sinh viên {next(_counter)}",
        body=body,
        **values,
    )


def make_assigned(author, body, *, user=None, **values):
    proposal = make_proposal(author, **values)
    return services.assign(proposal, body=body, user=user)
