"""The measures app's API viewsets, registered on the router in strategyportal/urls.py."""

from measures.api.follow_up import (
    AssessmentViewSet,
    MilestoneViewSet,
    ReportingPeriodViewSet,
    RiskViewSet,
    StatusReportViewSet,
)
from measures.api.measures import MeasureViewSet

__all__ = [
    "AssessmentViewSet",
    "MeasureViewSet",
    "MilestoneViewSet",
    "ReportingPeriodViewSet",
    "RiskViewSet",
    "StatusReportViewSet",
]
