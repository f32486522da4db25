"""The measures services raise the portal's one WrongState (HTTP 409 in the API)."""

from portfolio.exceptions import WrongState

__all__ = ["WrongState"]
