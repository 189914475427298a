"""The data sets' rows, one model per kind of figure, each row cited to its file and line."""

from datasets.models.base import DatasetRow
from datasets.models.budgets import Budget
from datasets.models.fatalities import Fatality

__all__ = ["Budget", "DatasetRow", "Fatality"]
