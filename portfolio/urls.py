from django.urls import path, re_path

from portfolio import views
from portfolio.audit_log import views as audit_log
from portfolio.dashboard import balance_views, owed_views
from portfolio.dashboard import views as dashboard
from portfolio.dashboard.pdf import PortfolioPdfView
from portfolio.evaluation import views as evaluation
from portfolio.strategy_views import StrategyCloseView

app_name = "portfolio"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("departementer/", views.MinistryListView.as_view(), name="ministry-list"),
    path("varsler/", views.NotificationListView.as_view(), name="notifications"),
    path("varsler/<int:pk>/", views.NotificationOpenView.as_view(), name="notification-open"),
    path("revisjonslogg/", audit_log.AuditEventLogView.as_view(), name="audit-log"),
    path(
        "revisjonslogg/feltendringer/",
        audit_log.FieldChangeLogView.as_view(),
        name="audit-log-changes",
    ),
    path("oppfolging/", owed_views.OwedView.as_view(), name="owed"),
    path("oppfolging/eksport.xlsx", owed_views.OwedExportView.as_view(), name="owed-export"),
    path(
        "oppfolging/<str:abbreviation>/paminn/",
        owed_views.OwedRemindView.as_view(),
        name="owed-remind",
    ),
    path("portefolje/", dashboard.PortfolioDashboardView.as_view(), name="dashboard"),
    path("portefolje/balanse/", balance_views.PortfolioBalanceView.as_view(), name="balance"),
    path("portefolje/veikart/", balance_views.PortfolioRoadmapView.as_view(), name="roadmap"),
    path("portefolje/utskrift/", dashboard.PortfolioPrintView.as_view(), name="print"),
    path("strategi/<str:slug>/", evaluation.StrategyPeriodView.as_view(), name="strategy-period"),
    path("strategi/<str:slug>/avslutt/", StrategyCloseView.as_view(), name="strategy-close"),
    path(
        "strategi/<str:slug>/evaluering/",
        evaluation.EvaluationPackageStartView.as_view(),
        name="evaluation-start",
    ),
    path(
        "strategi/<str:slug>/evaluering/status/",
        evaluation.EvaluationPackageStatusView.as_view(),
        name="evaluation-status",
    ),
    path(
        "strategi/<str:slug>/evaluering/fremdrift/",
        evaluation.EvaluationPackageProgressView.as_view(),
        name="evaluation-progress",
    ),
    path(
        "strategi/<str:slug>/evaluering.zip",
        evaluation.EvaluationPackageDownloadView.as_view(),
        name="evaluation-download",
    ),
    path("portefolje/portefolje.pdf", PortfolioPdfView.as_view(), name="dashboard-pdf"),
    re_path(
        r"^portefolje/eksport\.(?P<fmt>xlsx|csv)$",
        dashboard.PortfolioExportView.as_view(),
        name="export",
    ),
]
