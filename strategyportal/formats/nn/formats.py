"""Nynorsk as bokmål: 3. februar 2027, the clock as 14.00 (Django's nn has 14:00)."""

from django.conf.locale.nn.formats import *  # noqa: F403 (Django's, then ours on top)

TIME_FORMAT = "H.i"
DATETIME_FORMAT = "j. F Y H.i"
SHORT_DATETIME_FORMAT = "d.m.Y H.i"
