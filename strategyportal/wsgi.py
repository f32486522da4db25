import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategyportal.settings")
application = get_wsgi_application()
# Load every view module now (PDF rendering among them takes seconds), not in a user's first
# request to each new worker process.
get_resolver().url_patterns  # noqa: B018
# What is loaded so far lives as long as the process: keep the collector from walking it again
# and again, which otherwise pauses every request thread of the process now and then.
gc.freeze()
