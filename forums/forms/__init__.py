"""Forms of the forums app, one module per subject."""
