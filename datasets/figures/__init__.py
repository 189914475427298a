"""The mission page's "In numbers" section: one figure per kind of data, in reading order.

Each figure's builder takes the mission and returns what its template shows, or None when
the data sets hold nothing for the mission; the page then says so in one line. Each
builder costs a fixed number of queries, whatever the mission.
"""

from datasets.figures import budget, mandate
from datasets.figures.base import Figure

FIGURES = [
    Figure(
        "budget",
        "Approved budget",
        budget.for_mission,
        "datasets/figures/budget.html",
        "No approved budget is recorded: the atlas holds the General Assembly's peacekeeping "
        "budgets for 2026/27, which cover the missions active then.",
    ),
    Figure(
        "mandate",
        "Mandate by resolution",
        mandate.for_mission,
        "datasets/figures/mandate.html",
        "No mandate tasks are recorded: the atlas has them from TAMM v2.1, which codes the "
        "UN's peace operations of 1948–2015.",
    ),
]


def mission_figures(mission):
    """[(figure, data or None)] for the mission's "In numbers" section."""
    return [(figure, figure.build(mission)) for figure in FIGURES]
