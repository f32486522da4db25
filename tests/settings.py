"""The test suite's settings: the production settings (DEBUG off) with what tests need.

The variables go into the environment, so that the worker, beat and manage.py processes the
tests start read them too.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
# The test client speaks plain http and keeps its cookies without TLS.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")

from strategyportal.settings import *  # noqa: F403
from strategyportal.settings import STORAGES

# Pages render their static files without a collectstatic run before the suite.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
