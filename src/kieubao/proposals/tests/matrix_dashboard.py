"""Proposals' dashboard rows of the authorization matrix (world: see matrix.py).

The dashboard is public (aggregates of public proposals). The agency queue is for officials
(their own body's queue) and platform admins (a chooser of bodies, or all); members get a 403,
anonymous visitors are sent to log in.
"""

from __future__ import annotations

from kieubao.core.tests.matrix_support import LOGIN, Row, but, every

# Officials (any body) and admins see a queue; members are refused.
_QUEUE = but(403, anonymous=LOGIN, official_a=200, official_b=200, ministry=200, admin=200)

DASHBOARD_ROWS: list[Row] = [
    Row("proposals/dashboard/", "GET", "/proposals/dashboard/", every(200)),
    Row("proposals/agency/", "GET", "/proposals/agency/", _QUEUE),
    Row("proposals/agency/", "GET", "/proposals/agency/?body=all", _QUEUE),
    # An admin choosing a body by id; anyone else still sees only their own body's queue.
    Row("proposals/agency/", "GET", "/proposals/agency/?body=999999", _QUEUE),
]
