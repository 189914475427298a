import django_filters
from django.db.models import Q

from lessons.models import Lesson, LessonKind, Theme


class LessonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search", max_length=200)
    kind = django_filters.ChoiceFilter(label="Kind", choices=LessonKind.choices)
    theme = django_filters.ModelChoiceFilter(
        label="Theme", queryset=Theme.objects.all(), to_field_name="slug", field_name="themes"
    )

    class Meta:
        model = Lesson
        fields = ["q", "kind", "theme"]

    def filter_search(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(observation__icontains=word)
                | Q(recommendation__icontains=word)
            )
        return queryset
