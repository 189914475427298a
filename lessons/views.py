from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from atlas.models import published_prefetch, published_q
from atlas.views import (
    FilteredExportView,
    FootnotesMixin,
    ForgivingFilterMixin,
    ForgivingPaginationMixin,
    PreviewMixin,
    PublishedMixin,
)
from lessons.exports import LESSON_COLUMNS
from lessons.filters import LessonFilter
from lessons.models import Lesson, LessonKind, Theme, Topic
from sources.views import citations_prefetch


class LessonListView(ForgivingFilterMixin, ForgivingPaginationMixin, ListView):
    """Lessons by kind and theme, each with its count; bad filter values show everything.

    The kind counts follow the other filters (theme, search), as facet counts do.
    """

    template_name = "lessons/lesson_list.html"
    paginate_by = 50
    filterset_class = LessonFilter

    def get_queryset(self):
        return self.shown_filterset().qs.for_listing()

    def get_context_data(self, **kwargs):
        chosen = self.chosen_filters()
        counts = self.shown_filterset().kind_counts()
        return super().get_context_data(
            **self.filter_context(),
            kinds=[(value, label, counts.get(value, 0)) for value, label in LessonKind.choices],
            has_filters=any(chosen.values()),
            current_kind=chosen.get("kind") or "",
            current_theme=chosen.get("theme"),
            query=chosen.get("q") or "",
            themes=Theme.objects.annotate(
                lesson_count=Count("lessons", filter=published_q("lessons__"))
            ).filter(lesson_count__gt=0),
            **kwargs,
        )


class LessonExportView(FilteredExportView):
    filterset_class = LessonFilter
    columns = LESSON_COLUMNS
    filename = "lessons"

    def get_queryset(self):
        return Lesson.objects.published()

    def prepare(self, queryset):
        return queryset.for_export()


class LessonDetailView(FootnotesMixin, PreviewMixin, DetailView):
    footnote_order = ("title", "", "observation", "recommendation")

    model = Lesson

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "themes",
                published_prefetch(Lesson, "missions"),
                published_prefetch(Lesson, "organizations"),
                published_prefetch(Lesson, "topics"),
                citations_prefetch(),
            )
        )


class ThemeDetailView(ForgivingPaginationMixin, ListView):
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


class TopicDetailView(FootnotesMixin, PreviewMixin, DetailView):
    footnote_order = ("name", "", "body")

    model = Topic

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                published_prefetch(Topic, "missions"),
                published_prefetch(Topic, "organizations"),
                Prefetch("lessons", queryset=Lesson.objects.published().for_listing()),
                citations_prefetch(),
            )
        )
