from django.urls import path

from portfolio.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("varsler/", views.notification_preferences_view, name="notification-preferences"),
    path("logg-ut-overalt/", views.logout_everywhere, name="logout-everywhere"),
    path("api-nokkel/trekk-tilbake/", views.api_tokens_revoke_view, name="api-tokens-revoke"),
    path("sso-avvist/", views.sso_refused, name="sso-refused"),
]
