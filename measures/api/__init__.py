"""The measures app's API viewsets, registered on the router in strategyportal/urls.py."""

from measures.api.assessments import AssessmentViewSet
from measures.api.benefits import BenefitViewSet
from measures.api.core_groups import CoreGroupViewSet
from measures.api.delivery import MilestoneViewSet, RiskViewSet
from measures.api.dependencies import DependencyViewSet
from measures.api.follow_up import ReportingPeriodViewSet, StatusReportViewSet
from measures.api.measures import MeasureViewSet
from measures.api.transitions import MeasureActionViewSet

__all__ = [
    "AssessmentViewSet",
    "BenefitViewSet",
    "CoreGroupViewSet",
    "DependencyViewSet",
    "MeasureActionViewSet",
    "MeasureViewSet",
    "MilestoneViewSet",
    "ReportingPeriodViewSet",
    "RiskViewSet",
    "StatusReportViewSet",
]
