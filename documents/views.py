from collections import defaultdict

from django.db.models import Subquery
from django.views.generic import DetailView, ListView

from atlas.views import ForgivingFilterMixin, ForgivingPaginationMixin, PreviewMixin
from documents.filters import OfficialDocumentFilter
from documents.mandates import mandate_periods
from documents.models import IssuingBody, MissionDecision, OfficialDocument
from sources.models import Citation


class OfficialDocumentListView(ForgivingFilterMixin, ForgivingPaginationMixin, ListView):
    """Documents in the order they were issued, by body and year; values the filters do
    not understand show them all, with a notice."""

    template_name = "documents/officialdocument_list.html"
    context_object_name = "document_list"
    paginate_by = 50
    filterset_class = OfficialDocumentFilter

    def get_queryset(self):
        return self.shown_filterset().qs.for_listing()

    def get_context_data(self, **kwargs):
        chosen = self.chosen_filters()
        return super().get_context_data(
            **self.filter_context(),
            bodies=IssuingBody.choices,
            years=OfficialDocument.objects.published().years(),
            current_body=chosen.get("body") or "",
            current_year=chosen.get("year"),
            **kwargs,
        )


class OfficialDocumentDetailView(PreviewMixin, DetailView):
    """A document with the missions it applies to, the tasks it set, and what cites it."""

    model = OfficialDocument

    def get_queryset(self):
        return super().get_queryset().select_related("cited_as")

    def get_context_data(self, **kwargs):
        document = self.object
        applying = applications(document)
        return super().get_context_data(
            applications=applying,
            # The mission pages whose "Mandate by resolution" cites the document.
            cited_missions=[mission for mission, *_ in applying if mission],
            cited_by=cited_by(document),
            **kwargs,
        )


def applications(document):
    """[(mission or None, mission label, this document's decision, its MandatePeriod)] for
    each mission the document applies to; the periods come from all of that mission's
    decisions, so what changed from the period before can be told."""
    labels = MissionDecision.objects.filter(document=document).values("mission_label")
    decisions = (
        MissionDecision.objects.filter(mission_label__in=Subquery(labels))
        .select_related("document")
        .for_document_page()
    )
    by_mission = defaultdict(list)
    for decision in decisions:
        by_mission[decision.mission_label].append(decision)
    found = []
    for label, items in sorted(by_mission.items()):
        for period in mandate_periods(items):
            for decision in period.decisions:
                if decision.document_id == document.pk:
                    found.append((decision.mission, label, decision, period))
    return found


def cited_by(document):
    """The published records that cite the document as a source (its source record)."""
    if document.cited_as_id is None:
        return []
    return list(
        Citation.objects.cited_published()
        .filter(section__source_id=document.cited_as_id)
        .select_related("mission", "organization", "lesson", "topic")
    )
