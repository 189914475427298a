"""The mission directory's filters: the search box, the facets, the year range and the sort."""

import django_filters
from django import forms
from django.db.models import F
from django.db.models.expressions import RawSQL

from atlas.search import forgiving_sql
from missions.directory.cards import IndexedMissions
from missions.directory.display import facet_lists
from missions.directory.facets import ALL_KINDS, FACETS, mission_duration
from missions.directory.index import current_index, search_mask
from missions.models import MissionKind

DEFAULT_KIND = MissionKind.PEACE_OPERATION

SORT_CHOICES = [
    ("start", "Start date, earliest first"),
    ("-start", "Start date, latest first"),
    ("name", "Acronym, A to Z"),
    ("duration", "Duration, longest first"),
    ("strength", "Peak strength, largest first"),
    ("fatalities", "Fatalities, most first"),
]
# Sorts by a headline figure (datasets.MissionFigures, reached by its reverse relation):
# missions without the figure come last.
FIGURE_SORTS = {"strength": "figures__peak_personnel", "fatalities": "figures__fatalities"}


def sort_missions(queryset, value):
    """Order missions as the directory's `sort` value asks; ties broken by acronym."""
    start = F("start_date")
    if value == "-start":
        return queryset.order_by(start.desc(nulls_last=True), "acronym")
    if value == "name":
        return queryset.order_by("acronym")
    if value == "duration":
        return queryset.alias(duration=mission_duration()).order_by(
            F("duration").desc(nulls_last=True), "acronym"
        )
    if value in FIGURE_SORTS:
        return queryset.order_by(F(FIGURE_SORTS[value]).desc(nulls_last=True), "acronym")
    return queryset.order_by(start.asc(nulls_last=True), "acronym")


def search_missions(queryset, text):
    """Missions with every word of `text` (as a word's start) in their acronym, name,
    summary or mandate, as the full-text index finds them; typos forgiven, as the
    directory's list forgives them, so an export holds what the list showed."""
    found = forgiving_sql("mission", text)
    if found is None:
        return queryset
    return queryset.filter(pk__in=RawSQL(*found))  # nosec B611  # noqa: S611 - parameters bound


class MissionFilter(django_filters.FilterSet):
    """The search box, then each facet of `FACETS` with the year range after the decade
    facet it narrows, then the sort: the form's order, which the notice of invalid values
    follows."""

    q = django_filters.CharFilter(
        label="Search", method="filter_search", max_length=200, strip=True
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
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SORT_CHOICES, method="sort_missions", empty_label=None
    )

    @classmethod
    def get_filters(cls):
        declared = super().get_filters()
        filters = {"q": declared.pop("q")}
        for spec in FACETS:
            filters[spec.name] = spec.filter
            if spec.name == "decade":
                filters["start_from"] = declared.pop("start_from")
                filters["start_to"] = declared.pop("start_to")
        return {**filters, **declared}

    def get_form_class(self):
        """The form class, built once per process rather than a field per filter per request.

        Its fields hold nothing per request: each form deep-copies them, the querysets are
        cloned on copy and callable choices are evaluated when iterated.
        """
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            form_class = super().get_form_class()
            for name in ("start_from", "start_to"):
                form_class.base_fields[name].widget = forms.NumberInput(
                    attrs={"inputmode": "numeric"}
                )
            cls._form_class = form_class
        return cls._form_class

    def filter_search(self, queryset, name, value):
        return search_missions(queryset, value)

    def sort_missions(self, queryset, name, value):
        return sort_missions(queryset, value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("kind"):
            queryset = queryset.filter(kind=DEFAULT_KIND)
        if not self.form.cleaned_data.get("sort"):
            queryset = self.sort_missions(queryset, "sort", "start")
        return queryset

    @property
    def qs(self):
        # An unbound directory is still sorted the documented way on every database, and
        # shows peace operations only.
        if not self.is_bound and not hasattr(self, "_qs"):
            self._qs = self.sort_missions(self.queryset.filter(kind=DEFAULT_KIND), "sort", "start")
        return super().qs

    @property
    def has_filters(self):
        return self.is_bound and any(
            value not in (None, "")
            for name, value in self.form.cleaned_data.items()
            if name != "sort"
        )

    def filter_masks(self, index):
        """Each valid filter's missions as an index mask (the year range counts as one).

        Kept for the request: the page and the facet counts both need them.
        """
        if getattr(self, "_masks_for", None) is index:
            return self._masks
        self._masks_for, self._masks = index, self._filter_masks(index)
        return self._masks

    def _filter_masks(self, index):
        kind = self.form.cleaned_data.get("kind") if self.is_bound else ""
        masks = {} if kind == ALL_KINDS else {"kind": index.mask_for("kind", kind or DEFAULT_KIND)}
        if not self.is_bound:
            return masks
        data = self.form.cleaned_data
        for name, value in data.items():
            if name in ("sort", "start_from", "start_to", "kind") or value in (None, ""):
                continue
            if name == "q":
                masks[name], self.searched = search_mask(index, value)
            else:
                masks[name] = index.mask_for(name, str(getattr(value, "slug", value)))
        first, last = data.get("start_from"), data.get("start_to")
        if first is not None or last is not None:
            masks["years"] = index.mask_for_years(
                None if first is None else int(first), None if last is None else int(last)
            )
        return masks

    def results(self, index=None):
        """The matching missions, in the chosen order, as a sequence a Paginator can page."""
        index = index or current_index()
        mask = index.everything
        for filter_mask in self.filter_masks(index).values():
            mask &= filter_mask
        sort = self.form.cleaned_data.get("sort") if self.is_bound else None
        return IndexedMissions(index, mask, sort or "start")

    def facets(self, params=None, index=None):
        """Each facet's values with how many missions picking that value would leave.

        `params` is the request's query dict; each value gets the URL that selects it
        (or, when selected, the URL that removes it), keeping every other parameter.
        """
        index = index or current_index()
        selected = self.form.cleaned_data if self.is_bound else {}
        return facet_lists(FACETS, index, selected, self.filter_masks(index), params)
