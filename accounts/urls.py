from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("sso-avvist/", views.sso_refused, name="sso-refused"),
]
