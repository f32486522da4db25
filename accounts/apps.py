from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and login")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.sessions import stamp_session

        user_logged_in.connect(stamp_session, dispatch_uid="accounts.stamp_session")
