"""The directory's facets, each declared once: its filter and its index key side by side.

A facet is a `FacetSpec`: the filter the form and the exports apply in SQL, where the facet
index (missions/directory/index.py) finds each mission's values, and the values the sidebar
lists. Adding a facet is adding one declaration to `FACETS`.

Lessons sit above missions in the order of the apps, so the theme facet names their models
by string, lazily, in its declaration and nowhere else.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django.apps import apps
from django.db.models import (
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django_countries import countries

from atlas.models import published_q
from missions.directory.cards import country_names
from missions.models import (
    HostCountry,
    Mission,
    MissionKind,
    MissionOrganization,
    OperationType,
    Outcome,
    Region,
)
from organizations.models import Organization

FIRST_DECADE = 1940
STATUS_CHOICES = [("active", "Active"), ("closed", "Closed")]


def decade_choices():
    this_decade = datetime.date.today().year // 10 * 10
    return [(str(year), f"{year}s") for year in range(FIRST_DECADE, this_decade + 1, 10)]


@dataclass(frozen=True)
class Column:
    """A facet whose value is a column of the mission's own row."""

    column: str


@dataclass(frozen=True)
class FromDates:
    """A facet whose value follows from the mission's start and end dates.

    `value(start, end)` takes them as ISO text (None when unknown) and returns the value,
    or None.
    """

    value: Callable


@dataclass(frozen=True)
class Related:
    """A facet whose values come from another table.

    `rows()` returns a query of (mission pk, value, ...) rows for every published mission.
    """

    rows: Callable


@dataclass(frozen=True)
class FacetSpec:
    """One facet of the directory.

    `filter` narrows a queryset (the form's field and the exports); `index` says where the
    facet index reads each mission's value; `labels(index, chosen, picked)` lists the
    (value, label) pairs the sidebar offers, given the chosen value ("" for none) and the
    form's cleaned value. An open-ended facet lists only values some mission has.
    """

    name: str
    label: str
    filter: django_filters.Filter
    index: Column | FromDates | Related
    labels: Callable
    open_ended: bool = False

    def __post_init__(self):
        self.filter.label = self.label
        if self.filter.field_name is None:
            self.filter.field_name = self.name


def fixed(choices):
    """Labels that are the same on every page: a list of choices, or a function giving it."""
    if callable(choices):
        return lambda index, chosen, picked: choices()
    return lambda index, chosen, picked: choices


# Organizations


# The model choices' querysets are callables: a filter set deep-copies its filters on every
# request, and copying a QuerySet's query each time would cost more than the filtering.
def published_organizations(request):
    return Organization.objects.published()


def has_organization(queryset, name, value):
    return queryset.filter(
        Exists(MissionOrganization.objects.filter(mission=OuterRef("pk"), organization=value))
    )


def organization_rows():
    # In the model's order (role, then organization name): the order a card lists them in.
    return MissionOrganization.objects.filter(
        published_q("mission__"), published_q("organization__")
    ).values_list("mission_id", "organization__slug", "role")


def organization_labels(index, chosen, picked):
    labels = list(index.organizations)
    if chosen and chosen not in dict(labels):
        labels.append((chosen, picked.short_name))
    return labels


ORGANIZATION = FacetSpec(
    "organization",
    "Organization",
    filter=django_filters.ModelChoiceFilter(
        queryset=published_organizations, to_field_name="slug", method=has_organization
    ),
    index=Related(organization_rows),
    labels=organization_labels,
    open_ended=True,
)

# Operation type, region

# Kind: the directory shows peace operations unless asked for the military interventions
# (or for "all"); the filter set applies that default (filterset.py).
ALL_KINDS = "all"


def of_kind(queryset, name, value):
    return queryset if value == ALL_KINDS else queryset.filter(kind=value)


KIND = FacetSpec(
    "kind",
    "Kind",
    filter=django_filters.ChoiceFilter(
        choices=[*MissionKind.choices, (ALL_KINDS, "All kinds")], method=of_kind
    ),
    index=Column("kind"),
    labels=fixed(MissionKind.choices),
)
TYPE = FacetSpec(
    "type",
    "Operation type",
    filter=django_filters.ChoiceFilter(field_name="operation_type", choices=OperationType.choices),
    index=Column("operation_type"),
    labels=fixed(OperationType.choices),
)
REGION = FacetSpec(
    "region",
    "Region",
    filter=django_filters.ChoiceFilter(choices=Region.choices),
    index=Column("region"),
    labels=fixed(Region.choices),
)

# Host countries


def country_choices():
    # A callable: the filter set copies its filters on every request, and 250 lazy country
    # names with them would cost more than the rest of the filtering.
    return list(countries)


def has_country(queryset, name, value):
    return queryset.filter(
        Exists(HostCountry.objects.filter(mission=OuterRef("pk"), country=value))
    )


def country_rows():
    return HostCountry.objects.filter(published_q("mission__")).values_list("mission_id", "country")


def country_labels(index, chosen, picked):
    names = country_names(get_language())
    return sorted(
        (
            (code, names.get(code, code))
            for code in set(index.masks.get("country", {})) | {chosen}
            if code
        ),
        key=lambda item: item[1],
    )


COUNTRY = FacetSpec(
    "country",
    "Host country",
    filter=django_filters.ChoiceFilter(choices=country_choices, method=has_country),
    index=Related(country_rows),
    labels=country_labels,
    open_ended=True,
)

# Status: active while a mission has started and not ended


def has_status(queryset, name, value):
    return queryset.active() if value == "active" else queryset.closed()


def status_from_dates(start, end):
    if end:
        return "closed"
    return "active" if start else None


STATUS = FacetSpec(
    "status",
    "Status",
    filter=django_filters.ChoiceFilter(choices=STATUS_CHOICES, method=has_status),
    index=FromDates(status_from_dates),
    labels=fixed(STATUS_CHOICES),
)

# Outcome

OUTCOME = FacetSpec(
    "outcome",
    "Outcome",
    filter=django_filters.ChoiceFilter(choices=Outcome.choices),
    index=Column("outcome"),
    labels=fixed(Outcome.choices),
)

# The decade a mission started in


def started_in_decade(queryset, name, value):
    start = int(value)
    return queryset.filter(
        start_date__gte=datetime.date(start, 1, 1),
        start_date__lt=datetime.date(start + 10, 1, 1),
    )


def decade_from_dates(start, end):
    return str(int(start[:4]) // 10 * 10) if start else None


DECADE = FacetSpec(
    "decade",
    "Decade started",
    filter=django_filters.ChoiceFilter(choices=decade_choices, method=started_in_decade),
    index=FromDates(decade_from_dates),
    labels=fixed(decade_choices),
)

# Lesson themes: the themes of the published lessons that name the mission


def all_themes(request):
    return apps.get_model("lessons", "Theme").objects.all()


def has_theme(queryset, name, value):
    return queryset.filter(
        Exists(
            Mission.lessons.through.objects.filter(
                published_q("lesson__"), mission=OuterRef("pk"), lesson__themes=value
            )
        )
    )


def theme_rows():
    return (
        Mission.lessons.through.objects.filter(
            published_q("lesson__"), published_q("mission__"), lesson__themes__isnull=False
        )
        .values_list("mission_id", "lesson__themes__slug")
        .distinct()
    )


def theme_labels(index, chosen, picked):
    """Every lesson theme, A to Z, even one no published mission has yet: read once per
    index (so never older than its content version), plus the chosen one if made since."""
    themes = index.kept(
        "themes",
        lambda: list(apps.get_model("lessons", "Theme").objects.values_list("slug", "name")),
    )
    if chosen and chosen not in dict(themes):
        themes = [*themes, (chosen, picked.name)]
    return themes


THEME = FacetSpec(
    "theme",
    "Lesson theme",
    filter=django_filters.ModelChoiceFilter(
        queryset=all_themes, to_field_name="slug", method=has_theme
    ),
    index=Related(theme_rows),
    labels=theme_labels,
)

# Duration, from the dates (an active mission's runs to today)

DURATION_CHOICES = [
    ("under-1", "Under a year"),
    ("1-5", "1 to 5 years"),
    ("5-20", "5 to 20 years"),
    ("20-plus", "20 years or more"),
]
# Each band's [first, next) length in days; a year is 365.25 days, as durations are shown.
DURATION_DAYS = {
    "under-1": (0, 365.25),
    "1-5": (365.25, 5 * 365.25),
    "5-20": (5 * 365.25, 20 * 365.25),
    "20-plus": (20 * 365.25, None),
}


def mission_duration():
    return ExpressionWrapper(
        Coalesce("end_date", Value(datetime.date.today(), output_field=DateField()))
        - F("start_date"),
        output_field=DurationField(),
    )


def lasted(queryset, name, value):
    first, following = DURATION_DAYS[value]
    queryset = queryset.alias(duration=mission_duration()).filter(
        duration__gte=datetime.timedelta(days=first)
    )
    if following is not None:
        queryset = queryset.filter(duration__lt=datetime.timedelta(days=following))
    return queryset


def duration_from_dates(start, end):
    if not start:
        return None
    first = datetime.date.fromisoformat(start)
    last = datetime.date.fromisoformat(end) if end else datetime.date.today()
    days = (last - first).days
    for value, (low, high) in DURATION_DAYS.items():
        if days >= low and (high is None or days < high):
            return value
    return None


DURATION = FacetSpec(
    "duration",
    "Duration",
    filter=django_filters.ChoiceFilter(choices=DURATION_CHOICES, method=lasted),
    index=FromDates(duration_from_dates),
    labels=fixed(DURATION_CHOICES),
)

# Headline figures from the outside data sets: peak uniformed strength and fatalities.
# The datasets app sits above missions, so its table is named by string, read lazily.


def mission_figures():
    return apps.get_model("datasets", "MissionFigures").objects.filter(published_q("mission__"))


def banded(bands, number):
    for value, (low, high, _label) in bands.items():
        if number >= low and (high is None or number < high):
            return value
    return None


def figure_facet(name, label, column, bands):
    """A facet of bands of one column of MissionFigures; `bands` maps each value to its
    [low, high) range (high None: no limit) and label. Its index rows also carry the
    figure itself, from which the directory's sort by that figure is built."""

    def within(queryset, _name, value):
        low, high, _label = bands[value]
        queryset = queryset.filter(**{f"figures__{column}__gte": low})
        return queryset.filter(**{f"figures__{column}__lt": high}) if high else queryset

    def rows():
        found = mission_figures().filter(**{f"{column}__isnull": False})
        return [
            (pk, banded(bands, number), number)
            for pk, number in found.values_list("mission_id", column)
        ]

    choices = [(value, band_label) for value, (_low, _high, band_label) in bands.items()]
    return FacetSpec(
        name,
        label,
        filter=django_filters.ChoiceFilter(choices=choices, method=within),
        index=Related(rows),
        labels=fixed(choices),
    )


STRENGTH = figure_facet(
    "strength",
    "Peak uniformed strength",
    "peak_personnel",
    {
        "under-1000": (0, 1000, "Under 1,000"),
        "1000-10000": (1000, 10000, "1,000 to 9,999"),
        "10000-plus": (10000, None, "10,000 or more"),
    },
)
FATALITIES = figure_facet(
    "fatalities",
    "Fatalities (UN data)",
    "fatalities",
    {
        "none": (0, 1, "None recorded"),
        "1-100": (1, 100, "1 to 99"),
        "100-plus": (100, None, "100 or more"),
    },
)

# Mandate tasks: what the Security Council asked of a mission at any point, as TAMM codes
# it (the documents app, above this one, holds them: named by string, read lazily).


def mandate_tasks():
    return apps.get_model("documents", "MandateTask")


def task_choices():
    return list(mandate_tasks()._meta.get_field("task").choices)


def mandated_to(queryset, name, value):
    return queryset.filter(
        Exists(mandate_tasks().objects.filter(decision__mission=OuterRef("pk"), task=value))
    )


def task_rows():
    return (
        mandate_tasks()
        .objects.filter(published_q("decision__mission__"))
        .values_list("decision__mission_id", "task")
        .distinct()
    )


def task_labels(index, chosen, picked):
    """The tasks some published mission was given, in the codebook's order."""
    present = index.masks.get("task", {})
    return [(code, label) for code, label in task_choices() if code in present or code == chosen]


TASK = FacetSpec(
    "task",
    "Mandated to (TAMM, 1948–2015)",
    filter=django_filters.ChoiceFilter(choices=task_choices, method=mandated_to),
    index=Related(task_rows),
    labels=task_labels,
    open_ended=True,
)

# The facets beside the directory's results, in this order.
FACETS = (
    KIND,
    ORGANIZATION,
    TYPE,
    REGION,
    COUNTRY,
    STATUS,
    OUTCOME,
    DECADE,
    DURATION,
    STRENGTH,
    FATALITIES,
    TASK,
    THEME,
)
