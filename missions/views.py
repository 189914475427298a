from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from atlas.views import (
    FilteredExportView,
    ForgivingPaginationMixin,
    PublishedMixin,
    citations_prefetch,
)
from lessons.models import Lesson, Topic
from missions.exports import MISSION_COLUMNS
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
