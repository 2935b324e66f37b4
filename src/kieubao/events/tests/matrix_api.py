"""Events' API rows of the authorization matrix (see matrix.py for the world)."""

API_ROWS: list = []
