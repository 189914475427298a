"""The mission directory's filters and the facet counts shown beside them."""

import datetime
import functools
import html
import re
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode

import django_filters
from django import forms
from django.db.models import (
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries

from atlas.models import published_q
from atlas.search import matching_sql
from lessons.models import Lesson, Theme
from missions.dates import describe_period
from missions.directory.index import current_index, search_mask
from missions.models import (
    HostCountry,
    Mission,
    MissionOrganization,
    OperationType,
    Outcome,
    Region,
    Role,
)
from organizations.models import Organization

FIRST_DECADE = 1940
STATUS_CHOICES = [("active", "Active"), ("closed", "Closed")]
SORT_CHOICES = [
    ("start", "Start date, earliest first"),
    ("-start", "Start date, latest first"),
    ("name", "Acronym, A to Z"),
    ("duration", "Duration, longest first"),
]


def country_choices():
    return list(countries)


# The two model choices' querysets are callables: a filter set deep-copies its filters on
# every request, and copying a QuerySet's query each time cost more than the filtering.
def published_organizations(request):
    return Organization.objects.published()


def all_themes(request):
    return Theme.objects.all()


@functools.cache
def _country_names(language):
    """Every country's name in `language`, looked up once per process and language."""
    return dict(countries)


# How a card or a mission page names an organization's part: "lead", "authorizing body"...
ROLE_LABELS = {value: label.lower() for value, label in Role.choices}


def country_name(code, names=None):
    """A host country's name in the active language, as `HostCountry.country.name` gives it
    ("" for a code django-countries does not know), from a table looked up once."""
    names = names if names is not None else _country_names(get_language())
    return names.get(code) or countries.name(code)


def escape_fast(value):
    """conditional_escape without its lazy-string check, which cost more than the escaping
    for the few hundred facet labels and URLs of a page."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@functools.lru_cache(maxsize=4096)
def quoted(value):
    """A facet value as a query string writes it; the same few hundred recur on every page."""
    return quote_plus(value)


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

    def html(self):
        """The value's list item: a link that selects it, or (selected) one that removes it."""
        url, label = escape_fast(self.url), escape_fast(self.label)
        if self.selected:
            link = (
                f'<a href="{url}" aria-current="true" class="selected" title="Remove this filter">'
                f'{label} <span class="visually-hidden">(selected; remove)</span>'
                '<span aria-hidden="true">×</span></a>'
            )
        else:
            link = f'<a href="{url}" rel="nofollow">{label}</a>'
        return f'<li>{link} <span class="count">{self.count:d}</span></li>'


@dataclass
class Facet:
    name: str
    label: str
    values: list

    @property
    def visible_values(self):
        """Values a reader can pick: those that would leave missions, and the current one."""
        return [value for value in self.values if value.count or value.selected]

    @functools.cached_property
    def selected_values(self):
        return [value for value in self.values if value.selected]

    @functools.cached_property
    def html(self):
        """The visible values' list items, built in Python: as template nodes, the few
        hundred links of a page were a third of its rendering time."""
        return mark_safe("\n".join(value.html() for value in self.visible_values))  # nosec B308 B703  # noqa: S308 - escaped


def sort_missions(queryset, value):
    """Order missions as the directory's `sort` value asks; ties broken by acronym."""
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


def search_missions(queryset, text):
    """Missions with every word of `text` (as a word's start) in their acronym, name,
    summary or mandate, as the full-text index finds them."""
    found = matching_sql("mission", text)
    if found is None:
        return queryset
    return queryset.filter(pk__in=RawSQL(*found))  # nosec B611  # noqa: S611 - parameters bound


class MissionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="filter_search", max_length=200, strip=True
    )
    organization = django_filters.ModelChoiceFilter(
        label="Organization",
        queryset=published_organizations,
        to_field_name="slug",
        method="filter_organization",
    )
    type = django_filters.ChoiceFilter(
        label="Operation type", field_name="operation_type", choices=OperationType.choices
    )
    region = django_filters.ChoiceFilter(label="Region", choices=Region.choices)
    country = django_filters.ChoiceFilter(
        # A callable: copying 250 lazy country names for every request cost 20 ms.
        label="Host country",
        choices=country_choices,
        method="filter_country",
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
        queryset=all_themes,
        to_field_name="slug",
        method="filter_theme",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SORT_CHOICES, method="sort_missions", empty_label=None
    )

    # Facets shown beside the list, in this order; the search box and year range are not facets.
    FACETS = ["organization", "type", "region", "country", "status", "outcome", "decade", "theme"]

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
        return sort_missions(queryset, value)

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

    def filter_masks(self, index):
        """Each valid filter's missions as an index mask (the year range counts as one).

        Kept for the request: the page and the facet counts both need them.
        """
        if getattr(self, "_masks_for", None) is index:
            return self._masks
        self._masks_for, self._masks = index, self._filter_masks(index)
        return self._masks

    def _filter_masks(self, index):
        if not self.is_bound:
            return {}
        data, masks = self.form.cleaned_data, {}
        for name, value in data.items():
            if name in ("sort", "start_from", "start_to") or value in (None, ""):
                continue
            if name == "q":
                masks[name] = search_mask(index, value)
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
        masks = self.filter_masks(index)

        def chosen(name):
            value = selected.get(name)
            return getattr(value, "slug", value) or ""

        base = params.copy() if params is not None else QueryDict(mutable=True)
        base.pop("page", None)

        def linker(name):
            """URLs that set or clear `name`, every other parameter kept in its place.

            Built from pieces encoded once per facet: re-encoding the whole query for each
            of a few hundred values was a fifth of the page's time.
            """
            pairs = [(key, value) for key in base for value in base.getlist(key)]
            at = next((i for i, (key, _) in enumerate(pairs) if key == name), len(pairs))
            head = urlencode(pairs[:at])
            tail = urlencode([(key, value) for key, value in pairs[at:] if key != name])

            key = quote_plus(name) + "="

            def link(value):
                middle = key + quoted(value) if value is not None else ""
                return "?" + "&".join(part for part in (head, middle, tail) if part)

            return link

        def counts(name):
            among = index.everything
            for other, mask in masks.items():
                if other != name:
                    among &= mask
            return index.counts(name, among)

        def build(name, label, labels, open_ended=False):
            # An open-ended facet (organizations, countries) lists only values in play.
            current, found, link = str(chosen(name)), counts(name), linker(name)
            values = []
            for value, text in labels:
                value = str(value)
                selected, count = value == current, found.get(value, 0)
                if open_ended and not selected and not count:
                    continue
                url = link(None if selected else value)
                values.append(FacetValue(value, text, count, selected, url))
            return Facet(name, label, values)

        organization_labels = list(index.organizations)
        if chosen("organization") and chosen("organization") not in dict(organization_labels):
            organization_labels.append(
                (chosen("organization"), selected["organization"].short_name)
            )
        names = _country_names(get_language())
        country_labels = sorted(
            (
                (code, names.get(code, code))
                for code in set(index.masks.get("country", {})) | {chosen("country")}
                if code
            ),
            key=lambda item: item[1],
        )
        themes = index.theme_labels()
        if chosen("theme") and chosen("theme") not in dict(themes):  # made since it was read
            themes = [*themes, (chosen("theme"), selected["theme"].name)]
        return [
            build("organization", "Organization", organization_labels, open_ended=True),
            build("type", "Operation type", OperationType.choices),
            build("region", "Region", Region.choices),
            build("country", "Host country", country_labels, open_ended=True),
            build("status", "Status", STATUS_CHOICES),
            build("outcome", "Outcome", Outcome.choices),
            build("decade", "Decade started", decade_choices()),
            build("theme", "Lesson theme", themes),
        ]


class IndexedMissions:
    """A page-able view of the index's matches: counting is free, a page is one query."""

    model = Mission  # so ListView names it "mission_list", as it names a queryset

    def __init__(self, index, mask, sort):
        self.index, self.mask, self.sort = index, mask, sort

    def count(self):
        return self.mask.bit_count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("IndexedMissions supports plain slices only")
        start = item.start or 0
        stop = self.count() if item.stop is None else min(item.stop, self.count())
        if stop <= start:
            return []
        ids = self.index.page(self.mask, self.sort, start, stop - start)
        return MissionCard.page(self.index, ids)


# A slug the detail URL takes as it is, so its URL is the pattern's prefix + slug + suffix.
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_PLACEHOLDER = "mission-slug-placeholder"


class MissionCard:
    """What a directory card shows of a mission, without building model instances.

    A page is one query for the missions' own columns; their host countries and
    organizations come from the facet index, which holds them for the same content
    version. Instances, prefetches and a reverse() per card were a third of the page.
    """

    FIELDS = (
        "pk",
        "slug",
        "acronym",
        "name",
        "summary",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
    )

    __slots__ = ("pk", "slug", "acronym", "name", "summary", "url", "period_display")
    __slots__ += ("countries", "roles")

    @classmethod
    def page(cls, index, ids):
        """Cards for the missions `ids`, in that order (any deleted since are left out)."""
        rows = Mission.objects.filter(pk__in=ids).order_by().values_list(*cls.FIELDS)
        found = {row[0]: row for row in rows}
        head, _, tail = reverse("missions:detail", kwargs={"slug": SLUG_PLACEHOLDER}).rpartition(
            SLUG_PLACEHOLDER
        )
        language = get_language()
        names, lines = _country_names(language), index.card_lines
        cards = []
        for pk in ids:
            if pk not in found:
                continue
            at = index.positions[pk]
            card = cls()
            _, slug, card.acronym, card.name, card.summary, *dates = found[pk]
            card.pk, card.slug = pk, slug
            card.url = (
                head + slug + tail
                if PLAIN_SLUG.fullmatch(slug)
                else reverse("missions:detail", kwargs={"slug": slug})
            )
            card.period_display = describe_period(*dates)
            hosts, roles = (language, index.hosts[at]), index.roles[at]
            if hosts not in lines:
                lines[hosts] = ", ".join(country_name(code, names) for code in hosts[1])
            if roles not in lines:
                lines[roles] = cls.roles_html(roles, index.short_names)
            card.countries, card.roles = lines[hosts], lines[roles]
            cards.append(card)
        return cards

    @classmethod
    def roles_html(cls, roles, short_names):
        labels = ROLE_LABELS
        parts = (
            (escape_fast(short_names[slug]), escape_fast(labels.get(role, role.lower())))
            for slug, role in roles
        )
        return mark_safe(  # nosec B308 B703  # noqa: S308 - every part escaped
            ", ".join(f'{name} <span class="role">({role})</span>' for name, role in parts)
        )

    def get_absolute_url(self):
        return self.url

    def __getitem__(self, name):
        """Lets a template's `card.url` succeed at its first try, a lookup by key; an
        attribute-only object costs it a caught TypeError for every field of every card."""
        return getattr(self, name)
