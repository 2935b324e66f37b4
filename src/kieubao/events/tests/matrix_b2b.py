"""Events' rows of the authorization matrix: matrix_b2b (see matrix.py for the world)."""

B2B_ROWS: list = []
