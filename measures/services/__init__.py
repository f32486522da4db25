"""State changes of the measures app: one service function per change, each audited."""
