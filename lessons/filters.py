import django_filters
from django.db.models import Count, Q

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

    def qs_without(self, name):
        """The records every chosen filter but `name` keeps: what `name`'s choices count.

        A count beside a choice then says what choosing it would show.
        """
        queryset = self.queryset.all()
        if self.is_bound and self.is_valid():
            for field, value in self.form.cleaned_data.items():
                if field != name:
                    queryset = self.filters[field].filter(queryset, value)
        return queryset

    def kind_counts(self):
        """How many lessons of each kind the other filters keep, by kind value."""
        return dict(
            self.qs_without("kind")
            .values_list("kind")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
