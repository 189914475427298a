from django.db.models import Count, Prefetch
from django.views.generic import DetailView, ListView

from atlas.models import published_q
from atlas.views import PublishedMixin, citations_prefetch
from lessons.models import Lesson
from missions.models import MissionOrganization
from organizations.models import Organization


class OrganizationListView(PublishedMixin, ListView):
    model = Organization
    paginate_by = 50

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("parent", queryset=Organization.objects.published()))
            .annotate(mission_count=Count("missions", filter=published_q("missions__")))
            .order_by("name")
        )


class OrganizationDetailView(PublishedMixin, DetailView):
    model = Organization

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("parent", queryset=Organization.objects.published()),
                Prefetch("children", queryset=Organization.objects.published()),
                Prefetch(
                    "mission_roles",
                    queryset=MissionOrganization.objects.filter(published_q("mission__"))
                    .select_related("mission")
                    .order_by("mission__start_date", "mission__acronym"),
                ),
                Prefetch("lessons", queryset=Lesson.objects.published()),
                citations_prefetch(),
            )
        )
