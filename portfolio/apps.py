from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portfolio.notification_kinds import GENERAL, NotificationKind


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Strategy and ministries")
    # The audit event kinds this app writes, with the label the audit log shows.
    audit_kinds = {
        "owed.reminded": _("Ministry reminded of what it owes"),
        "user.sso_created": _("User created through single sign-on"),
        "user.sso_login": _("Logged in through single sign-on"),
        "user.logged_out_everywhere": _("Logged out everywhere"),
        "strategy.closed": _("Strategy period closed"),
        "strategy.record_corrected": _("Record of a closed strategy period corrected"),
        "strategy.evaluation_requested": _("Evaluation package requested"),
        "user.api_tokens_revoked": _("API tokens revoked"),
        "user.notification_preferences_changed": _("Notification preferences changed"),
    }
    # The notifications this app sends, as the preferences page offers them.
    notification_kinds = {
        "owed": NotificationKind(
            _("What your ministry owes"),
            _("Reminders from the coordinator of reports and answers your ministry owes."),
        ),
        GENERAL: NotificationKind(
            _("Other notifications"), _("Anything else the portal tells you.")
        ),
    }

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created

        from portfolio.accounts.sessions import stamp_session
        from portfolio.fragments import install_watch, reader_part_register

        user_logged_in.connect(stamp_session, dispatch_uid="portfolio.accounts.stamp_session")
        connection_created.connect(install_watch, dispatch_uid="portfolio.fragments.install_watch")
        for part in ("session-generation", "current-person", "roles", "coordinator", "sign-grants"):
            reader_part_register(part)
