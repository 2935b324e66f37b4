"""Proposals' dashboard rows of the authorization matrix (world: see matrix.py)."""

from __future__ import annotations

from kieubao.core.tests.matrix_support import LOGIN, Row, but, every  # noqa: F401

DASHBOARD_ROWS: list[Row] = []
