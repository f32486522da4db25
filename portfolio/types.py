"""Types shared by the floors: who acts in a service, and text shown to people."""

from typing import TypeAlias

from django.contrib.auth.models import User as AuthUser
from django.utils.functional import Promise

# The acting user of a service: the person on whose behalf a state change is made. Services
# that the system also runs (tasks, commands) take `User | None`, None standing for the system.
User: TypeAlias = AuthUser

# Text shown to people: a string, or a lazily translated one (gettext_lazy).
Text: TypeAlias = str | Promise
