"""Signals of the account services, for apps above the ground floor."""

from django.dispatch import Signal

# Sent inside the transaction of "log out everywhere", with actor= and user=: apps revoke
# their own credentials of the user (e.g. calendar feed addresses) in the same transaction.
logged_out_everywhere = Signal()
