"""The data sets' rows, one model per kind of figure, each row cited to its file and line."""

from datasets.models.base import DatasetRow
from datasets.models.budgets import Budget
from datasets.models.contributors import ContributionMonth, ContributorKind, SiteContributor
from datasets.models.deployments import DeploymentSite
from datasets.models.fatalities import Fatality
from datasets.models.leaders import Appointment, Gender, Post
from datasets.models.personnel import AuthorizedMonth, OperationPersonnelMonth, PersonnelMonth
from datasets.models.summaries import MissionFigures, PeakSeries

__all__ = [
    "Appointment",
    "AuthorizedMonth",
    "Budget",
    "ContributionMonth",
    "ContributorKind",
    "DatasetRow",
    "DeploymentSite",
    "Fatality",
    "Gender",
    "MissionFigures",
    "OperationPersonnelMonth",
    "PeakSeries",
    "PersonnelMonth",
    "Post",
    "SiteContributor",
]
