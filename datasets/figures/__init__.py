"""The mission page's "In numbers" section: one figure per kind of data, in reading order.

Each figure's builder takes the mission (and the page's query parameters it names in
`parameters`) and returns what its template shows, or None when the data sets
hold nothing for the mission; the page then says so in one line. Each builder costs a
fixed number of queries, whatever the mission.
"""

from datasets.figures import (
    budget,
    contributors,
    deployments,
    fatalities,
    leaders,
    mandate,
    personnel,
)
from datasets.figures.base import Figure

FIGURES = [
    Figure(
        "personnel",
        "Uniformed personnel",
        personnel.for_mission,
        "datasets/figures/personnel.html",
        "No monthly personnel figures are recorded: the atlas holds IPI's for UN missions from "
        "November 1990 to March 2017, and Bara & Hultman's for other operations from 1993 to 2016.",
        queries=2,
    ),
    Figure(
        "fatalities",
        "Fatalities",
        fatalities.for_mission,
        "datasets/figures/fatalities.html",
        "No fatalities are shown: the UN's data set of fatalities in its peace operations "
        "(1948–2025) is not loaded.",
        queries=2,
    ),
    Figure(
        "mandate",
        "Mandate by resolution",
        mandate.for_mission,
        "datasets/figures/mandate.html",
        "No mandate tasks are recorded: the atlas has them from TAMM v2.1, which codes the "
        "UN's peace operations of 1948–2015.",
        queries=2,
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
        "deployments",
        "Where it deployed",
        deployments.for_mission,
        "datasets/figures/deployments.html",
        "No deployment sites are recorded: Geo-PKO maps UN peacekeeping deployments "
        "year by year from 1994 to 2024.",
        parameters=(deployments.PARAMETER,),
        queries=2,
    ),
    Figure(
        "contributors",
        "Contributing countries",
        contributors.for_mission,
        "datasets/figures/contributors.html",
        "No contributing countries are recorded: the atlas holds IPI's monthly figures for "
        "Nov 2009 – Feb 2014 and Geo-PKO's yearly lists of UN deployments for 1994–2024.",
        queries=2,
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


# What the "In numbers" section costs a mission page, at most.
QUERIES = sum(figure.queries for figure in FIGURES)


def mission_figures(mission, params=None):
    """[(figure, data or None)] for the mission's "In numbers" section; `params` is the
    page's query (a mapping of names to strings), empty when not given."""
    params = params if params is not None else {}
    return [(figure, figure.data(mission, params)) for figure in FIGURES]
