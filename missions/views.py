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
from missions.directory.cards import ROLE_LABELS, MissionRow, country_name
from missions.directory.filterset import SORT_CHOICES, MissionFilter
from missions.directory.index import current_index, organizations_and_countries, related_missions
from missions.directory.selection import Selection, lowered
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

    @cached_property
    def facets(self):
        return self.shown_filterset().facets(self.request.GET, self.facet_index)

    @cached_property
    def selection(self):
        return Selection(self.chosen_filters(), self.facets, self.request.GET, self.searched)

    @property
    def searched(self):
        """The search box's words as searched: the reader's, or corrected (after facets)."""
        self.facets  # noqa: B018 - building them searches
        return getattr(self.shown_filterset(), "searched", "")

    def filter_title(self):
        return self.selection.title if self.get_filterset().has_filters else ""

    shows_sort = False  # whether the filter panel has the sort menu (the list) or keeps it hidden

    def display_inputs(self):
        """(name, value) of the display options in force, which every form keeps."""
        return []

    def hidden_inputs(self):
        """The hidden inputs of the search box's form and of the filter panel's: each keeps
        the choices it does not show, so sending it changes only its own. Built here, as
        lists: template loops over every facet for each form cost more than the forms."""
        selection, display = self.selection, self.display_inputs()
        words = [("q", self.request.GET["q"])] if self.request.GET.get("q") else []
        sort = [pair for pair in selection.form_inputs if pair[0] == "sort"]
        return {
            "search_hidden": [*selection.facet_inputs, *selection.form_inputs, *display],
            "refine_hidden": [
                *selection.facet_inputs,
                *words,
                *([] if self.shows_sort else sort),
                *display,
            ],
        }

    def filter_context(self):
        filterset = self.get_filterset()
        return {
            **self.hidden_inputs(),
            "shows_sort": self.shows_sort,
            "filter": self.shown_filterset(),
            "form": filterset.form,
            **super().filter_context(),
            "facets": self.facets,
            "selection": self.selection,
            # The same selection on the list, the timeline or the map.
            "selection_query": self.selection.links.changed(page=None),
            "corrected_query": self.selection.corrected,
            "has_filters": self.filters_valid and filterset.has_filters,
        }


class MissionListView(FilteredMissionsMixin, ForgivingPaginationMixin, ListView):
    """The directory: cards, or a dense table (`?view=table`), 25, 50 or 100 a page."""

    paginate_by = 25
    page_sizes = (25, 50, 100)
    template_name = "missions/mission_list.html"

    @cached_property
    def as_table(self):
        return self.request.GET.get("view") == "table"

    def get_paginate_by(self, queryset):
        # Any other size (a typo, a crafted number) shows the default: the size links
        # beside the results say which one is in force.
        asked = self.request.GET.get("per_page", "")
        return int(asked) if asked in {str(size) for size in self.page_sizes} else self.paginate_by

    def get_queryset(self):
        # From the facet index: the count is free and a deep page costs what the first does.
        results = self.shown_filterset().results(self.facet_index)
        if self.as_table:
            results.card_class = MissionRow
        return results

    def get_context_data(self, **kwargs):
        sort = self.chosen_filters().get("sort") or "start"
        return super().get_context_data(
            **self.filter_context(),
            as_table=self.as_table,
            page_sizes=self.page_sizes,
            sort=sort,
            sort_label=dict(SORT_CHOICES)[sort],
            sort_choices=SORT_CHOICES,
            display_title=self.display_title(sort),
            display_links=self.display_links(sort),
            **kwargs,
        )

    shows_sort = True

    def display_inputs(self):
        size = self.get_paginate_by(None)
        return [
            *([("view", "table")] if self.as_table else []),
            *([("per_page", str(size))] if size != self.paginate_by else []),
        ]

    def display_links(self, sort):
        """The display options' links, the sortable headers' and the downloads', each the
        selection with one choice changed, back to the first page."""
        links = self.selection.links.changed
        current = self.get_paginate_by(None)
        sizes = [
            (size, links(per_page=None if size == self.paginate_by else size, page=None))
            for size in self.page_sizes
        ]
        return {
            "cards": links(view=None, page=None),
            "table": links(view="table", page=None),
            "sizes": [(size, url, size == current) for size, url in sizes],
            "downloads": links(page=None, view=None, per_page=None),
            "by_name": links(sort="name", page=None),
            # Start turns round on a second click; the default sort needs no parameter.
            "by_start": links(sort="-start" if sort == "start" else None, page=None),
            "by_strength": links(sort="strength", page=None),
            "by_fatalities": links(sort="fatalities", page=None),
        }

    def display_title(self, sort):
        """The page's title: the selection, then how it is shown when that is not the
        default, so every address of the directory has a title of its own."""
        parts = [self.selection.title]
        if sort != "start":
            parts.append(f"sorted by {lowered(dict(SORT_CHOICES)[sort])}")
        if self.as_table:
            parts.append("as a table")
        size = self.get_paginate_by(None)
        if size != self.paginate_by:
            parts.append(f"{size} a page")
        return ", ".join(parts)


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
