from django.urls import path

from measures import views

app_name = "measures"
urlpatterns = [
    path("<str:code>/", views.MeasureDetailView.as_view(), name="detail"),
    path("<str:code>/historikk/", views.MeasureHistoryView.as_view(), name="history"),
]
