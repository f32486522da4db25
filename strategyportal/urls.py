from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import JavaScriptCatalog
from rest_framework.routers import DefaultRouter

from forums.api_attachments import AgendaItemPaperViewSet, ProposalMemoViewSet
from forums.api_calendar import own_calendar_address, own_calendar_address_rotate
from forums.api_delegations import DelegationViewSet
from forums.api_extractions import ExtractionViewSet
from forums.api_follow_up import FollowUpActionViewSet
from forums.api_forum_actions import ForumActionViewSet
from forums.api_forum_admin import ForumSeatViewSet, WheelSlotViewSet, WheelViewSet
from forums.api_forum_members import ForumMemberViewSet
from forums.api_governance import MeasureGovernanceView
from forums.api_journal import JournalAPIView, JournalExportView
from forums.api_journal_records import MarkingRequestsAPIView, RecordAPIView, RecordMarkingAPIView
from forums.api_meeting_actions import MeetingActionViewSet
from forums.api_meetings import AttendanceViewSet
from forums.api_minutes_writes import MinutesWriteViewSet
from forums.api_references import MinutesReferenceAPIView, ProposalReferenceAPIView
from forums.api_search import SearchAPIView
from forums.views.search import SearchView
from measures.api import (
    AssessmentViewSet,
    BenefitViewSet,
    CoreGroupViewSet,
    DependencyViewSet,
    MeasureViewSet,
    MilestoneViewSet,
    ReportingPeriodViewSet,
    RiskViewSet,
    StatusReportViewSet,
)
from measures.api.succession import StrategySuccessorAPIView
from portfolio.accounts.api import obtain_token
from portfolio.accounts.api_notifications import NotificationViewSet
from portfolio.accounts.api_preferences import own_notification_preferences
from portfolio.accounts.api_tokens import own_tokens
from portfolio.accounts.views import LoginView
from portfolio.api import MinistryViewSet
from portfolio.audit_log.api import AuditEventViewSet
from portfolio.evaluation import api as evaluation_api
from portfolio.strategy_api import StrategyCloseAPIView
from strategyportal.api_views import SchemaView, SwaggerView

router = DefaultRouter()
router.register("ministries", MinistryViewSet, basename="ministry")
router.register("measures", MeasureViewSet, basename="measure")
router.register("forums", ForumActionViewSet, basename="forum")
router.register("forum-seats", ForumSeatViewSet, basename="forum-seat")
router.register("forum-members", ForumMemberViewSet, basename="forum-member")
router.register("wheels", WheelViewSet, basename="wheel")
router.register("wheel-slots", WheelSlotViewSet, basename="wheel-slot")
router.register("meetings", MeetingActionViewSet, basename="meeting")
router.register("minutes", MinutesWriteViewSet, basename="minutes")
router.register("follow-up-actions", FollowUpActionViewSet, basename="follow-up-action")
router.register("proposals", ProposalMemoViewSet, basename="proposal")
router.register("reporting-periods", ReportingPeriodViewSet, basename="reporting-period")
router.register("status-reports", StatusReportViewSet, basename="status-report")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("risks", RiskViewSet, basename="risk")
router.register("milestones", MilestoneViewSet, basename="milestone")
router.register("benefits", BenefitViewSet, basename="benefit")
router.register("dependencies", DependencyViewSet, basename="dependency")
router.register("core-groups", CoreGroupViewSet, basename="core-group")
router.register("agenda-items", AgendaItemPaperViewSet, basename="agenda-item")
router.register("attendance", AttendanceViewSet, basename="attendance")
router.register("delegations", DelegationViewSet, basename="delegation")
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("me/notifications", NotificationViewSet, basename="notification")
router.register("journal/extractions", ExtractionViewSet, basename="extraction")

# Swagger UI (served from our own static files) sets inline styles: allow them on that page only.
SWAGGER_CSP = {"style-src": ["'unsafe-inline'"]}

api_urlpatterns: list[URLPattern | URLResolver] = [
    path("auth/token/", obtain_token, name="api-token"),
    path("auth/tokens/", own_tokens, name="api-own-tokens"),
    path(
        "me/notification-preferences/",
        own_notification_preferences,
        name="api-notification-preferences",
    ),
    path("me/calendar-address/", own_calendar_address, name="api-calendar-address"),
    path(
        "me/calendar-address/rotate/",
        own_calendar_address_rotate,
        name="api-calendar-address-rotate",
    ),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path(
        "docs/",
        csp_update(SWAGGER_CSP)(SwaggerView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("search/", SearchAPIView.as_view(), name="api-search"),
    path("strategies/", evaluation_api.StrategyListAPIView.as_view(), name="api-strategies"),
    path(
        "strategies/<str:slug>/summary/",
        evaluation_api.StrategySummaryAPIView.as_view(),
        name="api-strategy-summary",
    ),
    path("strategies/<str:slug>/close/", StrategyCloseAPIView.as_view(), name="api-strategy-close"),
    path(
        "strategies/<str:slug>/successor/",
        StrategySuccessorAPIView.as_view(),
        name="api-strategy-successor",
    ),
    path(
        "strategies/<str:slug>/evaluation-package/",
        evaluation_api.EvaluationPackageAPIView.as_view(),
        name="api-evaluation-package",
    ),
    path(
        "strategies/<str:slug>/evaluation-package.zip",
        evaluation_api.EvaluationPackageDownloadAPIView.as_view(),
        name="api-evaluation-package-download",
    ),
    path("journal/", JournalAPIView.as_view(), name="api-journal"),
    path("journal/export.xml", JournalExportView.as_view(), name="api-journal-export"),
    path("journal/records/<int:pk>/", RecordAPIView.as_view(), name="api-journal-record"),
    path(
        "journal/records/<int:pk>/marking/",
        RecordMarkingAPIView.as_view(),
        name="api-journal-record-marking",
    ),
    path(
        "journal/records/<int:pk>/marking-requests/",
        MarkingRequestsAPIView.as_view(),
        name="api-journal-record-marking-requests",
    ),
    path(
        "proposals/<int:pk>/references/<str:abbreviation>/",
        ProposalReferenceAPIView.as_view(),
        name="api-proposal-reference",
    ),
    path(
        "minutes/<int:pk>/references/<str:abbreviation>/",
        MinutesReferenceAPIView.as_view(),
        name="api-minutes-reference",
    ),
    path(
        "measures/<str:code>/governance/",
        MeasureGovernanceView.as_view(),
        name="api-measure-governance",
    ),
    path("", include(router.urls)),
]

# A body too large or with too many fields gets a page that says so (or JSON under /api/).
handler400 = "strategyportal.errors.bad_request"

admin.site.site_header = "Strategiportalen"
admin.site.site_title = "Strategiportalen"

urlpatterns = [
    path("", include("portfolio.urls")),
    path("tiltak/", include("forums.urls.governance")),
    path("tiltak/", include("measures.urls")),
    path("strategi/", include("measures.urls_succession")),
    path("", include("forums.urls.meetings")),
    path("saker/", include("forums.urls.proposals")),
    path("oppfolgingspunkter/", include("forums.urls.follow_up")),
    path("journal/", include("forums.urls.journal")),
    path("sok/", SearchView.as_view(), name="search"),
    path("logg-inn/", LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", include("portfolio.accounts.urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_urlpatterns)),
]

# Uploaded files are never served by their storage address, not even with DEBUG on: they go
# through views that check who may read them (an exempt memo must not be found by its name).

handler403 = "strategyportal.errors.permission_denied"
handler404 = "strategyportal.errors.page_not_found"
