"""Errors of the forums app that are not bad input: the object is in the wrong state."""


class WrongState(Exception):
    """The action is not possible in the proposal's current state (HTTP 409)."""
