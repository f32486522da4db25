"""Models of the measures app, one module per subject; re-exported here for Django."""

from measures.models.assessment import CriteriaAssessment
from measures.models.benefits import Benefit, BenefitMeasurement
from measures.models.delivery import MeasureDependency, Milestone, Risk
from measures.models.follow_up import MeasureFollowUp
from measures.models.leads import MeasureLead
from measures.models.lifecycle import MeasureTransition
from measures.models.measures import CoreGroup, Measure
from measures.models.reminders import ReportReminder
from measures.models.reporting import RAG_SCORE, Rag, ReportingPeriod, StatusReport

__all__ = [
    "RAG_SCORE",
    "Benefit",
    "BenefitMeasurement",
    "CoreGroup",
    "CriteriaAssessment",
    "Measure",
    "MeasureDependency",
    "MeasureFollowUp",
    "MeasureLead",
    "MeasureTransition",
    "Milestone",
    "Rag",
    "ReportReminder",
    "ReportingPeriod",
    "Risk",
    "StatusReport",
]
