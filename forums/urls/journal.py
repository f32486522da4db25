from django.urls import path

from forums.views import journal

app_name = "journal"
urlpatterns = [
    path("", journal.JournalView.as_view(), name="list"),
    path("<int:pk>/", journal.RecordDetailView.as_view(), name="detail"),
    path("<int:pk>/skjerming/", journal.RecordMarkView.as_view(), name="mark"),
    path("<int:pk>/be-om-endring/", journal.RecordRequestView.as_view(), name="request"),
]
