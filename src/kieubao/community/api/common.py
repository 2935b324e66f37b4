"""What every app's API module shares: the documented error responses and the id bounds, and
the renaming of service field names to the request's (``slot`` → ``slot_id``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from .schemas import ErrorOut

# 401: no or wrong credentials; 429: the API rate limit (kieubao.core.ratelimit); 422: bad
# parameters (also a query parameter given twice).
ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
# 403 on writes: not allowed, or a session-authenticated write without a CSRF token.
WRITE_ERRORS = {403: ErrorOut, **ERRORS}
# 400: a body that is not JSON.
BODY_ERRORS = {400: ErrorOut, **WRITE_ERRORS}
# Path and body ids: what a database id can be (a larger one is a 422, not a database error).
DB_ID = {"ge": 1, "le": 2_147_483_647}


def renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    """The services' field names as the request calls them (``parent`` → ``parent_id``)."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {names.get(field, field): messages for field, messages in error.message_dict.items()}
    )
