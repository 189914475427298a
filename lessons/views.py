from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from atlas.models import published_q
from atlas.views import PublishedMixin, citations_prefetch
from lessons.models import Lesson, LessonKind, Theme, Topic
from missions.models import Mission
from organizations.models import Organization


class LessonListView(PublishedMixin, ListView):
    """All lessons, optionally of one kind; kinds and themes listed with their counts."""

    model = Lesson
    paginate_by = 50

    def get_queryset(self):
        queryset = super().get_queryset().for_listing()
        self.kind = self.request.GET.get("kind", "")
        if self.kind in LessonKind.values:
            queryset = queryset.filter(kind=self.kind)
        else:
            self.kind = ""
        return queryset

    def get_context_data(self, **kwargs):
        counts = dict(
            Lesson.objects.published().values_list("kind").annotate(n=Count("pk")).order_by()
        )
        return super().get_context_data(
            kinds=[(value, label, counts.get(value, 0)) for value, label in LessonKind.choices],
            current_kind=self.kind,
            themes=Theme.objects.annotate(
                lesson_count=Count("lessons", filter=published_q("lessons__"))
            ).filter(lesson_count__gt=0),
            **kwargs,
        )


class LessonDetailView(PublishedMixin, DetailView):
    model = Lesson

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "themes",
                Prefetch("missions", queryset=Mission.objects.published()),
                Prefetch("organizations", queryset=Organization.objects.published()),
                Prefetch("topics", queryset=Topic.objects.published()),
                citations_prefetch(),
            )
        )


class ThemeDetailView(ListView):
    """The published lessons on one theme."""

    template_name = "lessons/theme_detail.html"
    paginate_by = 50

    def get_queryset(self):
        self.theme = get_object_or_404(Theme, slug=self.kwargs["slug"])
        return self.theme.lessons.published().for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(theme=self.theme, **kwargs)


class TopicListView(PublishedMixin, ListView):
    model = Topic


class TopicDetailView(PublishedMixin, DetailView):
    model = Topic

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("missions", queryset=Mission.objects.published()),
                Prefetch("organizations", queryset=Organization.objects.published()),
                Prefetch("lessons", queryset=Lesson.objects.published().for_listing()),
                citations_prefetch(),
            )
        )
