from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from atlas.views import PreviewMixin, PublishedMixin
from sources.models import Citation, Source, SourceSection


def citations_prefetch():
    """A record's citations, as a reader page shows them."""
    return Prefetch("citations", queryset=Citation.objects.for_readers())


class SourceListView(PublishedMixin, ListView):
    model = Source


class SourceDetailView(PreviewMixin, DetailView):
    """A source with, under each section, the published records that cite it."""

    model = Source

    def get_queryset(self):
        cited_records = (
            Citation.objects.cited_published()
            .select_related("mission", "organization", "lesson", "topic")
            .order_by("mission__acronym", "organization__name", "lesson__title", "topic__name")
        )
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "sections",
                    queryset=SourceSection.objects.prefetch_related(
                        Prefetch("citations", queryset=cited_records)
                    ),
                )
            )
        )
