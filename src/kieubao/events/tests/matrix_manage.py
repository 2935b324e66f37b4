"""Events' rows of the authorization matrix: matrix_manage (see matrix.py for the world)."""

MANAGE_ROWS: list = []
