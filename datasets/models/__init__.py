"""The data sets' rows, one model per kind of figure, each row cited to its file and line."""

from datasets.models.base import DatasetRow
from datasets.models.budgets import Budget
from datasets.models.contributors import ContributionMonth, ContributorKind, SiteContributor
from datasets.models.leaders import Appointment, Gender, Post

__all__ = [
    "Appointment",
    "Budget",
    "ContributionMonth",
    "ContributorKind",
    "DatasetRow",
    "Gender",
    "Post",
    "SiteContributor",
]
