"""State changes of the forums app, one module per subject. Each takes the acting user."""
