"""Reads of the forums app, one module per subject, shaped for pages and the API."""
