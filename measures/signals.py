"""Signals the measures app sends for the floors above, which connect to them in their
AppConfig.ready(), so that measures never imports them."""

from django.dispatch import Signal

# A measure was carried over to the successor strategy. Sent inside the transaction that made
# it, with `actor`, `predecessor` (the measure of the earlier strategy) and `measure` (the new
# one); a receiver's error undoes the whole succession.
measure_carried_over = Signal()
