"""Celery tasks of the forums app, one module per subject; imported here for autodiscovery."""
