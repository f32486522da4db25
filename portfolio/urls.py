from django.urls import path

from portfolio import views

app_name = "portfolio"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("departementer/", views.MinistryListView.as_view(), name="ministry-list"),
    path("varsler/", views.NotificationListView.as_view(), name="notifications"),
    path("varsler/<int:pk>/", views.NotificationOpenView.as_view(), name="notification-open"),
]
