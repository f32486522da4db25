"""The login form (Django's, with a bound on the password) and the notification preferences."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from portfolio.notification_kinds import Delivery

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


class NotificationPreferencesForm(forms.Form):
    """One choice of e-mail per notification kind and, for people with a profile, the language."""

    def __init__(self, *args, choices, language, **kwargs):
        super().__init__(*args, **kwargs)
        for choice in choices:
            self.fields[choice.kind] = forms.ChoiceField(
                label=choice.label,
                help_text=choice.description,
                choices=Delivery.choices,
                initial=choice.delivery,
                widget=forms.RadioSelect,
            )
        if language is not None:
            self.fields["language"] = forms.ChoiceField(
                label=_("Language of e-mails"),
                choices=list(settings.LANGUAGES),
                initial=language,
            )

    def deliveries(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name != "language"}
