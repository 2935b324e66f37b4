"""Signals the community app sends for writes that bypass the ORM's own model signals (bulk
loads, anonymous remnants), so that other apps (insights) can keep derived data in step."""

from django.dispatch import Signal

# Sent inside the transaction of a bulk insert, with the range of the new people's ids:
# ``first_id`` and ``last_id`` (inclusive).
people_bulk_inserted = Signal()

# Sent when an erased person's anonymous statistical remnant is counted: ``province_code``,
# ``country``, ``residency_status``, ``qualification``.
statistical_remnant_added = Signal()
