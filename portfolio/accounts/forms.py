"""The login form: Django's, with a bound on the password."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# Longer is no password anyone types; refusing it spares hashing a megabyte.
PASSWORD_MAX = 4096


class LoginForm(AuthenticationForm):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the user name's max_length for the widget only; a name longer than any
        # user's can go unchecked (and uncounted by the lockout).
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
