from django.db.models import Prefetch
from django.http import JsonResponse
from django.views.generic import DetailView, ListView

from atlas.views import (
    FilteredExportView,
    ForgivingPaginationMixin,
    PublishedMixin,
    citations_prefetch,
)
from lessons.models import Lesson, Topic
from missions.exports import MISSION_COLUMNS, mission_record
from missions.filters import MissionFilter
from missions.models import Mission


class FilteredMissionsMixin:
    """Published missions narrowed by the directory's filters, as the URL states them."""

    def get_filterset(self):
        data = self.request.GET.copy()
        data.pop("page", None)
        return MissionFilter(data or None, queryset=Mission.objects.published())


class MissionListView(FilteredMissionsMixin, ForgivingPaginationMixin, ListView):
    paginate_by = 25
    template_name = "missions/mission_list.html"

    def get_queryset(self):
        self.filterset = self.get_filterset()
        if self.filterset.is_bound and not self.filterset.is_valid():
            # Bad input shows everything, with a message, rather than an error page.
            return MissionFilter(None, queryset=Mission.objects.published()).qs.for_listing()
        return self.filterset.qs.for_listing()

    def get_context_data(self, **kwargs):
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        filterset = self.filterset if valid else MissionFilter(None, Mission.objects.published())
        return super().get_context_data(
            filter=filterset,
            form=self.filterset.form,
            invalid_fields=[] if valid else list(self.filterset.errors),
            facets=filterset.facets(self.request.GET),
            has_filters=valid and self.filterset.has_filters,
            **kwargs,
        )


class MissionExportView(FilteredExportView):
    filterset_class = MissionFilter
    columns = MISSION_COLUMNS
    filename = "missions"

    def get_queryset(self):
        return Mission.objects.published()

    def prepare(self, queryset):
        return queryset.for_listing()


class MissionDetailView(PublishedMixin, DetailView):
    model = Mission
    related_limit = 12

    def get_context_data(self, **kwargs):
        mission = self.object
        published = Mission.objects.published()
        first_year, last_year = published.year_range()
        countries = {host.country.code for host in mission.host_countries.all()}
        related = []
        for other in published.related_to(mission)[: self.related_limit]:
            shared = [
                host.country
                for host in other.host_countries.all()
                if host.country.code in countries
            ]
            reason = (
                "also in " + ", ".join(country.name for country in shared)
                if shared
                else "same lead organization"
            )
            related.append((not shared, other, reason))
        # Missions in the same countries first, then those of the same organization.
        related = [(other, reason) for _, other, reason in sorted(related, key=lambda x: x[0])]
        return super().get_context_data(
            timeline=mission.timeline_span(first_year, last_year),
            first_year=first_year,
            last_year=last_year,
            related=related,
            **kwargs,
        )

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .for_detail()
            .prefetch_related(
                Prefetch("lessons", queryset=Lesson.objects.published()),
                Prefetch("topics", queryset=Topic.objects.published()),
                citations_prefetch(),
            )
        )


class MissionJSONView(MissionDetailView):
    """The mission page's facts and citations as JSON."""

    def render_to_response(self, context, **response_kwargs):
        return JsonResponse(
            mission_record(self.object, self.request), json_dumps_params={"ensure_ascii": False}
        )
