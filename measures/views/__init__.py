"""Pages of the measures app."""
