from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from atlas.views import PublishedMixin, citations_prefetch
from lessons.models import Lesson, Topic
from missions.models import Mission


class MissionListView(PublishedMixin, ListView):
    model = Mission
    paginate_by = 25

    def get_queryset(self):
        return super().get_queryset().for_listing()


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
