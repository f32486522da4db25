from django.urls import path

from forums.views.governance import GovernanceEditView

app_name = "governance"
urlpatterns = [
    path("<str:code>/styring/", GovernanceEditView.as_view(), name="edit"),
]
