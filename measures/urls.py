from django.urls import path

from measures.views import assessment, core_groups, detail, edit, history, manage, periods, picker

app_name = "measures"
urlpatterns = [
    path("perioder/", periods.PeriodListView.as_view(), name="period-list"),
    path("perioder/ny/", periods.PeriodCreateView.as_view(), name="period-create"),
    path("perioder/<int:pk>/lukk/", periods.PeriodCloseView.as_view(), name="period-close"),
    path(
        "kjernegrupper/<str:code>/",
        core_groups.CoreGroupDetailView.as_view(),
        name="core-group-detail",
    ),
    path(
        "kjernegrupper/<str:code>/endre/",
        core_groups.CoreGroupEditView.as_view(),
        name="core-group-edit",
    ),
    path(
        "kjernegrupper/<str:code>/rapport/<int:period>/",
        core_groups.CoreGroupReportView.as_view(),
        name="core-group-report",
    ),
    path("velg/", picker.MeasurePickerView.as_view(), name="picker"),
    path("ny/", manage.MeasureCreateView.as_view(), name="create"),
    path("<str:code>/", detail.MeasureDetailView.as_view(), name="detail"),
    path("<str:code>/leder/", manage.LeadChangeView.as_view(), name="lead-change"),
    path("<str:code>/historikk/", history.MeasureHistoryView.as_view(), name="history"),
    path(
        "<str:code>/rapport/<int:period>/", edit.StatusReportEditView.as_view(), name="report-edit"
    ),
    path("<str:code>/vurdering/", assessment.AssessmentView.as_view(), name="assess"),
    path("<str:code>/status/", edit.TransitionView.as_view(), name="transition"),
    path("<str:code>/milepel/ny/", edit.MilestoneEditView.as_view(), name="milestone-create"),
    path("<str:code>/milepel/<int:pk>/", edit.MilestoneEditView.as_view(), name="milestone-edit"),
    path("<str:code>/risiko/ny/", edit.RiskEditView.as_view(), name="risk-create"),
    path("<str:code>/risiko/<int:pk>/", edit.RiskEditView.as_view(), name="risk-edit"),
    path("<str:code>/avhengighet/ny/", edit.DependencyAddView.as_view(), name="dependency-create"),
    path("<str:code>/gevinst/ny/", edit.BenefitEditView.as_view(), name="benefit-create"),
    path("<str:code>/gevinst/<int:pk>/", edit.BenefitEditView.as_view(), name="benefit-edit"),
    path(
        "<str:code>/gevinst/<int:pk>/maling/",
        edit.MeasurementView.as_view(),
        name="benefit-measure",
    ),
]
