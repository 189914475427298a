"""Layout of the all-missions timeline: one bar per mission, drawn as server-side SVG."""

import datetime
from dataclasses import dataclass

# Colours for the leading organizations; each keeps at least 3:1 contrast with white.
ORGANIZATION_COLOURS = {
    "united-nations": "#0b4f8a",
    "african-union": "#1d6b30",
    "nato": "#6b3894",
    "european-union": "#9a4a00",
    "organization-of-american-states": "#8a1c3c",
}
OTHER_COLOURS = ["#3d5a80", "#5f4b8b", "#7b4f1d", "#2b6f6f", "#8b3a62"]
UNKNOWN_COLOUR = "#5c6370"

WIDTH = 1000
LABEL_WIDTH = 140
ROW = 22
AXIS = 30
# Years between ticks, by the axis's span: a decade's ticks would leave a short span bare.
TICK_STEPS = [(40, 10), (12, 5), (0, 1)]


@dataclass
class Bar:
    mission: object
    x: float
    y: float
    width: float
    colour: str
    label: str


def lead_organization(mission):
    for role in mission.roles.all():
        if role.role == "lead":
            return role.organization
    return None


def colour_for(organization, assigned):
    if organization is None:
        return UNKNOWN_COLOUR
    if organization.slug in ORGANIZATION_COLOURS:
        return ORGANIZATION_COLOURS[organization.slug]
    if organization.slug not in assigned:
        assigned[organization.slug] = OTHER_COLOURS[len(assigned) % len(OTHER_COLOURS)]
    return assigned[organization.slug]


def selection_years(dated, this_year):
    """The first start and last end of the missions drawn; an open mission ends this year."""
    first = min((mission.start_date.year for mission in dated), default=this_year)
    ends = [mission.end_date.year if mission.end_date else this_year for mission in dated]
    return first, max([*ends, first])


def tick_step(first_year, last_year):
    # A single year's span (or an end recorded before its start) takes yearly ticks.
    return next((step for longer, step in TICK_STEPS if last_year - first_year > longer), 1)


def layout(missions, first_year=None, last_year=None):
    """Bars, year ticks and a legend for `missions` (each with roles prefetched).

    The axis runs from the missions' own first year, rounded down to a tick (a decade on a
    long span), to their last, unless `first_year` or `last_year` say otherwise.
    """
    dated = [mission for mission in missions if mission.start_date]
    this_year = datetime.date.today().year
    own_first, own_last = selection_years(dated, this_year)
    first_year = first_year or own_first
    last_year = last_year or own_last
    step = tick_step(first_year, last_year)
    first_year = first_year // step * step
    span = max(last_year - first_year + 1, 1)
    plot = WIDTH - LABEL_WIDTH
    assigned, legend, bars = {}, {}, []
    for row, mission in enumerate(dated):
        organization = lead_organization(mission)
        colour = colour_for(organization, assigned)
        name = organization.short_name if organization else "No lead recorded"
        legend.setdefault(name, colour)
        end_year = mission.end_date.year if mission.end_date else last_year
        x = LABEL_WIDTH + (mission.start_date.year - first_year) / span * plot
        width = max((end_year - mission.start_date.year + 1) / span * plot, 3)
        bars.append(Bar(mission, round(x, 1), AXIS + row * ROW, round(width, 1), colour, name))
    ticks = [
        (year, round(LABEL_WIDTH + (year - first_year) / span * plot, 1))
        for year in range(first_year, last_year + 1, step)
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "legend": sorted(legend.items()),
        "width": WIDTH,
        "height": AXIS + len(bars) * ROW + 10,
        "label_width": LABEL_WIDTH,
        "first_year": first_year,
        "last_year": last_year,
        "undated": [mission for mission in missions if not mission.start_date],
    }
