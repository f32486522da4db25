from django.urls import path

from forums.views import extractions, journal

app_name = "journal"
urlpatterns = [
    path("", journal.JournalView.as_view(), name="list"),
    path("uttrekk/", extractions.ExtractionListView.as_view(), name="extractions"),
    path(
        "uttrekk/<int:pk>/last-ned/",
        extractions.ExtractionDownloadView.as_view(),
        name="extraction-download",
    ),
    path("<int:pk>/", journal.RecordDetailView.as_view(), name="detail"),
    path("<int:pk>/skjerming/", journal.RecordMarkView.as_view(), name="mark"),
    path("<int:pk>/be-om-endring/", journal.RecordRequestView.as_view(), name="request"),
]
