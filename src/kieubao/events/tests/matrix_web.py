"""Events' web rows of the authorization matrix (see matrix.py for the world)."""

WEB_ROWS: list = []
