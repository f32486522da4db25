"""Production settings with the benchmark's trivial view (the floor) added to the portal's URLs."""

from strategyportal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
