"""Login, single sign-on, lockout and session safety."""
