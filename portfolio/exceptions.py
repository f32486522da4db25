"""Errors of the services that are neither bad input nor a missing permission."""


class WrongState(Exception):
    """The object is not in a state that allows the action (HTTP 409 in the API)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
