from django.urls import path

from portfolio import views

app_name = "portfolio"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("departementer/", views.MinistryListView.as_view(), name="ministry-list"),
]
