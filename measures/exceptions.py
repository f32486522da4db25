"""Errors of the measures app that are neither bad input nor a missing permission."""


class WrongState(Exception):
    """The object is in a state that does not allow the change (HTTP 409)."""
