"""The mission page's "In numbers" section: one figure per kind of data, in reading order.

Each figure's builder takes the mission and returns what its template shows, or None when
the data sets hold nothing for the mission; the page then says so in one line. Each
builder costs a fixed number of queries, whatever the mission.
"""

from datasets.figures import budget, contributors, leaders
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
        "leaders",
        "Leaders",
        leaders.for_mission,
        "datasets/figures/leaders.html",
        "No leaders are recorded: the atlas holds the heads, force commanders and other "
        "leaders of UN peacekeeping operations appointed from 1948 to 2019.",
    ),
    Figure(
        "contributors",
        "Contributing countries",
        contributors.for_mission,
        "datasets/figures/contributors.html",
        "No contributing countries are recorded: the atlas holds IPI's monthly figures for "
        "Nov 2009 – Feb 2014 and Geo-PKO's yearly lists of UN deployments for 1994–2024.",
    ),
]


def mission_figures(mission):
    """[(figure, data or None)] for the mission's "In numbers" section."""
    return [(figure, figure.build(mission)) for figure in FIGURES]
