import functools

from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.detail import BaseDetailView

from atlas.models import published_prefetch
from atlas.views import (
    FilteredExportView,
    FootnotesMixin,
    ForgivingFilterMixin,
    ForgivingPaginationMixin,
    PreviewMixin,
    PreviewQuerysetMixin,
)
from missions.directory.cards import ROLE_LABELS, country_name
from missions.directory.filterset import MissionFilter
from missions.directory.index import current_index, organizations_and_countries, related_missions
from missions.exports import MISSION_COLUMNS, mission_record
from missions.models import Mission, Role
from missions.timeline import layout
from missions.worldmap import host_country_counts, shaded_map
from organizations.models import Organization
from sources.models import Citation


# The mission page's lessons, topics and footnotes, with only the columns it shows; built
# once, like missions.models.detail_prefetches (prefetching only clones their querysets).
# Lessons and topics sit above missions: reached through the reverse relations, which
# exist once the apps are ready, so those two are built on first use.
@functools.cache
def lessons_prefetch():
    return published_prefetch(Mission, "lessons", only=("slug", "title", "kind"))


@functools.cache
def topics_prefetch():
    return published_prefetch(Mission, "topics", only=("slug", "name", "kind"))


FOOTNOTES = Prefetch(
    "citations",
    queryset=Citation.objects.for_readers().only(
        "mission",
        "field",
        "locator",
        "note",
        "section__slug",
        "section__heading",
        "section__source__slug",
        "section__source__title",
        "section__source__author",
        "section__source__publisher",
        "section__source__date",
        "section__source__url",
    ),
)


class FilteredMissionsMixin(ForgivingFilterMixin):
    """Published missions narrowed by the directory's filters, as the URL states them.

    Bad input shows every mission with a message, rather than an error page.
    """

    filterset_class = MissionFilter

    def get_filterset_queryset(self):
        # MissionFilter declares no model: it filters the published missions it is given.
        return Mission.objects.published()

    @cached_property
    def facet_index(self):
        """The facet index, looked up once: the page and its facets read the same version."""
        return current_index()

    def filtered_missions(self):
        return self.shown_filterset().qs.for_listing()

    def filter_context(self):
        filterset = self.get_filterset()
        shown = self.shown_filterset()
        return {
            "filter": shown,
            "form": filterset.form,
            **super().filter_context(),
            "facets": shown.facets(self.request.GET, self.facet_index),
            "has_filters": self.filters_valid and filterset.has_filters,
        }


class MissionListView(FilteredMissionsMixin, ForgivingPaginationMixin, ListView):
    paginate_by = 25
    template_name = "missions/mission_list.html"

    def get_queryset(self):
        # From the facet index: the count is free and a deep page costs what the first does.
        return self.shown_filterset().results(self.facet_index)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.filter_context(), **kwargs)


class TimelineView(FilteredMissionsMixin, TemplateView):
    """All missions as bars across the years, with the directory's filters."""

    template_name = "missions/timeline.html"
    limit = 400

    def get_context_data(self, **kwargs):
        missions = list(self.filtered_missions()[: self.limit + 1])
        return super().get_context_data(
            **self.filter_context(),
            # The axis spans the selection's own years, not the whole atlas's.
            timeline=layout(missions[: self.limit]),
            truncated=len(missions) > self.limit,
            limit=self.limit,
            **kwargs,
        )


class MapView(FilteredMissionsMixin, TemplateView):
    """Host countries shaded by how many of the selected missions they hosted."""

    template_name = "missions/map.html"

    def get_context_data(self, **kwargs):
        counts = host_country_counts(
            self.get_filterset().qs if self.filters_valid else Mission.objects.published()
        )
        links = {}
        for code in counts:
            params = self.request.GET.copy()
            params.pop("page", None)
            params["country"] = code
            links[code] = f"{reverse('missions:list')}?{params.urlencode()}"
        # A selection is framed where its countries are; the whole atlas shows the world.
        world_map = shaded_map(counts, zoom=self.filters_valid and self.get_filterset().has_filters)
        for shape in world_map["shapes"]:
            shape["url"] = links.get(shape["code"], "")
        world_map["table"] = [
            (code, name, count, links[code]) for code, name, count in world_map["table"]
        ]
        return super().get_context_data(**self.filter_context(), map=world_map, **kwargs)


class MissionExportView(FilteredExportView):
    filterset_class = MissionFilter
    columns = MISSION_COLUMNS
    filename = "missions"

    def get_queryset(self):
        return Mission.objects.published()

    def prepare(self, queryset):
        return queryset.for_listing()


class MissionDetailView(FootnotesMixin, PreviewMixin, DetailView):
    model = Mission
    related_limit = 12
    relations = ("predecessor", "successors")  # organizations and countries: see below
    # The cited fields as the page shows them, top to bottom: notes are numbered in this order.
    footnote_order = (
        "acronym",
        "name",
        "kind",
        "start_date",
        "end_date",
        "organizations",
        "host_countries",
        "headquarters",
        "operation_type",
        "outcome",
        "predecessor",
        "",
        "mandate",
        "ending",
        "outcome_reasoning",
        "body",
    )

    def get_context_data(self, **kwargs):
        mission = self.object
        index = current_index()
        first_year, last_year = index.year_range()
        roles, codes = organizations_and_countries(index, mission)
        leads = [slug for slug, _, role in roles if role == Role.LEAD]
        return super().get_context_data(
            # (organization, short name, role): an unsaved instance, for its address.
            organizations=[
                (Organization(slug=slug), name, ROLE_LABELS.get(role, role))
                for slug, name, role in roles
            ],
            host_countries=[country_name(code) for code in codes],
            # (code, name): the page links each to its country page.
            host_country_links=[(code, country_name(code)) for code in codes],
            timeline=mission.timeline_span(first_year, last_year),
            first_year=first_year,
            last_year=last_year,
            related=related_missions(index, mission, codes, leads, self.related_limit),
            **kwargs,
        )

    def get_queryset(self):
        queryset = super().get_queryset().for_detail(self.relations)
        return queryset.prefetch_related(lessons_prefetch(), topics_prefetch(), FOOTNOTES)


class MissionJSONView(PreviewQuerysetMixin, BaseDetailView):
    """The mission page's facts and citations as JSON; staff may preview an unpublished one."""

    model = Mission
    relations = ("roles", "host_countries", "predecessor", "successors")

    def get_queryset(self):
        queryset = super().get_queryset().for_detail(self.relations)
        return queryset.prefetch_related(lessons_prefetch(), FOOTNOTES)  # the JSON lists no topics

    def render_to_response(self, context, **response_kwargs):
        return JsonResponse(
            mission_record(self.object, self.request), json_dumps_params={"ensure_ascii": False}
        )
