from django.urls import path

from forums.views import delegations, history, picker, proposals, references

app_name = "proposals"
urlpatterns = [
    path("", proposals.ProposalRegisterView.as_view(), name="register"),
    path("ny/", proposals.ProposalCreateView.as_view(), name="create"),
    path("velg/", picker.ProposalPickerView.as_view(), name="picker"),
    path("fullmakter/", delegations.DelegationView.as_view(), name="delegations"),
    path(
        "fullmakter/<int:pk>/tilbakekall/",
        delegations.DelegationRevokeView.as_view(),
        name="delegation-revoke",
    ),
    path("<int:pk>/", proposals.ProposalDetailView.as_view(), name="detail"),
    path("<int:pk>/historikk/", history.ProposalHistoryView.as_view(), name="history"),
    path("<int:pk>/apne/", proposals.ProposalActionView.as_view(action="open"), name="open"),
    path("<int:pk>/lukk/", proposals.ProposalActionView.as_view(action="close"), name="close"),
    path(
        "<int:pk>/trekk/", proposals.ProposalActionView.as_view(action="withdraw"), name="withdraw"
    ),
    path("<int:pk>/revider/", proposals.ProposalReviseView.as_view(), name="revise"),
    path("<int:pk>/eskaler/", proposals.ProposalEscalateView.as_view(), name="escalate"),
    path("<int:pk>/rad/", proposals.AdviceAddView.as_view(), name="advice"),
    path("<int:pk>/notat/", proposals.MemoAddView.as_view(), name="memo"),
    path("<int:pk>/egen-referanse/", references.ProposalReferenceView.as_view(), name="reference"),
    path(
        "<int:pk>/posisjon/<str:abbreviation>/",
        proposals.PositionRecordView.as_view(),
        name="position",
    ),
    path(
        "<int:pk>/innsigelse/<str:abbreviation>/trekk/",
        proposals.ObjectionWithdrawView.as_view(),
        name="objection-withdraw",
    ),
]
