"""The mission page's "In numbers" section: one figure per kind of data, in reading order.

Each figure's builder takes the mission and returns what its template shows, or None when
the data sets hold nothing for the mission; the page then says so in one line. Each
builder costs a fixed number of queries, whatever the mission.
"""

from datasets.figures import budget, personnel
from datasets.figures.base import Figure

FIGURES = [
    Figure(
        "personnel",
        "Uniformed personnel",
        personnel.for_mission,
        "datasets/figures/personnel.html",
        "No monthly personnel figures are recorded: the atlas holds IPI's for UN missions from "
        "November 1990 to March 2017, and Bara & Hultman's for other operations from 1993 to 2016.",
    ),
    Figure(
        "budget",
        "Approved budget",
        budget.for_mission,
        "datasets/figures/budget.html",
        "No approved budget is recorded: the atlas holds the General Assembly's peacekeeping "
        "budgets for 2026/27, which cover the missions active then.",
    ),
]


def mission_figures(mission):
    """[(figure, data or None)] for the mission's "In numbers" section."""
    return [(figure, figure.build(mission)) for figure in FIGURES]
