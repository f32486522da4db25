from django.urls import path

from measures.views.succession import SuccessorCreateView

app_name = "succession"
urlpatterns = [
    path("<str:slug>/etterfolger/", SuccessorCreateView.as_view(), name="create"),
]
