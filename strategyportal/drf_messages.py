"""Messages of Django REST framework that its own Norwegian catalogue leaves in English.

Nothing imports this module: it is here so that `makemessages` puts these message ids into
locale/, where the project's catalogue (searched before the libraries') gives them in bokmål,
and the API's validation errors are Norwegian like the rest. The text must stay exactly as in
rest_framework/fields.py; the placeholders in braces are filled in by the framework.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop("Datetime value out of range."),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Invalid input."),
    gettext_noop("This dictionary may not be empty."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
]
