"""Bokmål as the Language Council recommends: 3. februar 2027, the clock as 14.00."""

from django.conf.locale.nb.formats import *  # noqa: F403 (Django's, then ours on top)

TIME_FORMAT = "H.i"
DATETIME_FORMAT = "j. F Y H.i"
SHORT_DATETIME_FORMAT = "d.m.Y H.i"
