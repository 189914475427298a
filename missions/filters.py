"""The mission directory's filters and the facet counts shown beside them."""

import datetime
from collections import Counter
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django_countries import countries

from atlas.models import published_q
from lessons.models import Lesson, Theme
from missions.models import HostCountry, MissionOrganization, OperationType, Outcome, Region
from organizations.models import Organization

FIRST_DECADE = 1940
STATUS_CHOICES = [("active", "Active"), ("closed", "Closed")]
SORT_CHOICES = [
    ("start", "Start date, earliest first"),
    ("-start", "Start date, latest first"),
    ("name", "Acronym, A to Z"),
    ("duration", "Duration, longest first"),
]


def decade_choices():
    this_decade = datetime.date.today().year // 10 * 10
    return [(str(year), f"{year}s") for year in range(FIRST_DECADE, this_decade + 1, 10)]


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""


@dataclass
class Facet:
    name: str
    label: str
    values: list

    @property
    def visible_values(self):
        """Values a reader can pick: those that would leave missions, and the current one."""
        return [value for value in self.values if value.count or value.selected]


class MissionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="filter_search", max_length=200, strip=True
    )
    organization = django_filters.ModelChoiceFilter(
        label="Organization",
        queryset=Organization.objects.published(),
        to_field_name="slug",
        method="filter_organization",
    )
    type = django_filters.ChoiceFilter(
        label="Operation type", field_name="operation_type", choices=OperationType.choices
    )
    region = django_filters.ChoiceFilter(label="Region", choices=Region.choices)
    country = django_filters.ChoiceFilter(
        label="Host country", choices=list(countries), method="filter_country"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="filter_status"
    )
    outcome = django_filters.ChoiceFilter(label="Outcome", choices=Outcome.choices)
    decade = django_filters.ChoiceFilter(
        label="Decade started", choices=decade_choices, method="filter_decade"
    )
    start_from = django_filters.NumberFilter(
        label="Started in or after",
        field_name="start_date__year",
        lookup_expr="gte",
        min_value=1900,
        max_value=2100,
    )
    start_to = django_filters.NumberFilter(
        label="Started in or before",
        field_name="start_date__year",
        lookup_expr="lte",
        min_value=1900,
        max_value=2100,
    )
    theme = django_filters.ModelChoiceFilter(
        label="Lesson theme",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_theme",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SORT_CHOICES, method="sort_missions", empty_label=None
    )

    # Facets shown beside the list, in this order; the search box and year range are not facets.
    FACETS = ["organization", "type", "region", "country", "status", "outcome", "decade", "theme"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["start_from"].widget = forms.NumberInput(attrs={"inputmode": "numeric"})
        self.form.fields["start_to"].widget = forms.NumberInput(attrs={"inputmode": "numeric"})

    def filter_search(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(acronym__icontains=word)
                | Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(mandate__icontains=word)
            )
        return queryset

    def filter_organization(self, queryset, name, value):
        return queryset.filter(
            Exists(MissionOrganization.objects.filter(mission=OuterRef("pk"), organization=value))
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Exists(HostCountry.objects.filter(mission=OuterRef("pk"), country=value))
        )

    def filter_status(self, queryset, name, value):
        return queryset.active() if value == "active" else queryset.closed()

    def filter_decade(self, queryset, name, value):
        start = int(value)
        return queryset.filter(
            start_date__gte=datetime.date(start, 1, 1),
            start_date__lt=datetime.date(start + 10, 1, 1),
        )

    def filter_theme(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Lesson.missions.through.objects.filter(
                    published_q("lesson__"), mission=OuterRef("pk"), lesson__themes=value
                )
            )
        )

    def sort_missions(self, queryset, name, value):
        start = F("start_date")
        if value == "-start":
            return queryset.order_by(start.desc(nulls_last=True), "acronym")
        if value == "name":
            return queryset.order_by("acronym")
        if value == "duration":
            duration = ExpressionWrapper(
                Coalesce("end_date", Value(datetime.date.today(), output_field=DateField()))
                - F("start_date"),
                output_field=DurationField(),
            )
            return queryset.alias(duration=duration).order_by(
                F("duration").desc(nulls_last=True), "acronym"
            )
        return queryset.order_by(start.asc(nulls_last=True), "acronym")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            queryset = self.sort_missions(queryset, "sort", "start")
        return queryset

    @property
    def qs(self):
        # An unbound directory is still sorted the documented way on every database.
        if not self.is_bound and not hasattr(self, "_qs"):
            self._qs = self.sort_missions(self.queryset.all(), "sort", "start")
        return super().qs

    @property
    def has_filters(self):
        return self.is_bound and any(
            value not in (None, "")
            for name, value in self.form.cleaned_data.items()
            if name != "sort"
        )

    def queryset_without(self, excluded):
        """The queryset with every valid filter applied except `excluded`."""
        queryset = self.queryset.all()
        if not self.is_bound:
            return queryset
        for name, value in self.form.cleaned_data.items():
            if name not in (excluded, "sort") and value not in (None, ""):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facets(self, params=None):
        """Each facet's values with how many missions picking that value would leave.

        `params` is the request's query dict; each value gets the URL that selects it
        (or, when selected, the URL that removes it), keeping every other parameter.
        """
        selected = self.form.cleaned_data if self.is_bound else {}

        def chosen(name):
            value = selected.get(name)
            return getattr(value, "slug", value) or ""

        def link(name, value):
            query = params.copy() if params is not None else QueryDict(mutable=True)
            query.pop("page", None)
            if value is None:
                query.pop(name, None)
            else:
                query[name] = value
            return f"?{query.urlencode()}" if query else "?"

        def build(name, label, counts, labels):
            current = str(chosen(name))
            values = []
            for value, text in labels:
                selected = str(value) == current
                url = link(name, None if selected else str(value))
                values.append(
                    FacetValue(str(value), text, counts.get(str(value), 0), selected, url)
                )
            return Facet(name, label, values)

        def among(name):
            # Exists, not IN: SQLite probes an IN list once per row, which is quadratic.
            return Exists(self.queryset_without(name).order_by().filter(pk=OuterRef("mission_id")))

        def grouped(queryset, field):
            return {
                str(row[field]): row["n"]
                for row in queryset.values(field)
                .annotate(n=Count("mission", distinct=True))
                .order_by()
            }

        organization_rows = (
            MissionOrganization.objects.filter(among("organization"))
            .filter(published_q("organization__"))
            .values("organization__slug", "organization__name", "organization__acronym")
            .annotate(n=Count("mission", distinct=True))
            .order_by("organization__name")
        )
        organization_counts = {row["organization__slug"]: row["n"] for row in organization_rows}
        organization_labels = [
            (row["organization__slug"], row["organization__acronym"] or row["organization__name"])
            for row in organization_rows
        ]
        if chosen("organization") and chosen("organization") not in organization_counts:
            organization_labels.append(
                (chosen("organization"), selected["organization"].short_name)
            )

        def field_counts(name, field):
            rows = self.queryset_without(name).order_by().values(field).annotate(n=Count("pk"))
            return {str(row[field]): row["n"] for row in rows}

        country_counts = grouped(HostCountry.objects.filter(among("country")), "country")
        country_labels = sorted(
            (
                (code, countries.name(code))
                for code in set(country_counts) | {chosen("country")}
                if code
            ),
            key=lambda item: item[1],
        )
        status = self.queryset_without("status").aggregate(
            active=Count("pk", filter=Q(start_date__isnull=False, end_date__isnull=True)),
            closed=Count("pk", filter=Q(end_date__isnull=False)),
        )
        years = Counter()
        for year, count in (
            self.queryset_without("decade")
            .filter(start_date__isnull=False)
            .order_by()
            .values_list("start_date__year")
            .annotate(n=Count("pk"))
        ):
            years[str(year // 10 * 10)] += count
        theme_rows = (
            Lesson.missions.through.objects.filter(among("theme"), published_q("lesson__"))
            .values("lesson__themes__slug")
            .annotate(n=Count("mission", distinct=True))
            .order_by()
        )
        theme_counts = {row["lesson__themes__slug"]: row["n"] for row in theme_rows}
        themes = [(theme.slug, theme.name) for theme in Theme.objects.all()]

        return [
            build("organization", "Organization", organization_counts, organization_labels),
            build(
                "type",
                "Operation type",
                field_counts("type", "operation_type"),
                OperationType.choices,
            ),
            build("region", "Region", field_counts("region", "region"), Region.choices),
            build("country", "Host country", country_counts, country_labels),
            build("status", "Status", status, STATUS_CHOICES),
            build("outcome", "Outcome", field_counts("outcome", "outcome"), Outcome.choices),
            build("decade", "Decade started", years, decade_choices()),
            build("theme", "Lesson theme", theme_counts, themes),
        ]
