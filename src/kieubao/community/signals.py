"""Signals the community app sends for writes that bypass the ORM's own model signals (bulk
loads, anonymous remnants), so that other apps (insights) can keep derived data in step."""

from django.dispatch import Signal

# Sent when a bulk insert starts, inside its transaction. A receiver that keeps derived data
# returns a *tally*: an object with ``add(rows)``, called with each batch of PersonRows as it
# is written (the rows the database receives: ids allocated, valid), and ``finish()``, called
# once after the last batch, still inside the transaction. Counting the rows as they pass is
# much cheaper than reading millions of them back.
people_bulk_loading = Signal()

# Sent when an erased person's anonymous statistical remnant is counted: ``province_code``,
# ``country``, ``residency_status``, ``qualification``.
statistical_remnant_added = Signal()
