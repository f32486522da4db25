from django.urls import path

from forums.views import follow_up

app_name = "follow_up"
urlpatterns = [
    path("", follow_up.FollowUpListView.as_view(), name="list"),
    path("<int:pk>/", follow_up.FollowUpDetailView.as_view(), name="detail"),
    path("<int:pk>/<slug:step>/", follow_up.FollowUpActionView.as_view(), name="action"),
]
