"""Site-wide pages: the home page and the shared behaviour of reader views."""

from django.db.models import Prefetch
from django.views.generic import TemplateView

from lessons.models import Lesson, Topic
from missions.models import Mission
from organizations.models import Organization
from sources.models import Citation, Source


class PublishedMixin:
    """Reader views show published records only; anything else is a 404."""

    def get_queryset(self):
        return super().get_queryset().published()


def citations_prefetch():
    return Prefetch("citations", queryset=Citation.objects.for_readers())


class HomeView(TemplateView):
    template_name = "atlas/home.html"

    def get_context_data(self, **kwargs):
        missions = Mission.objects.published()
        return super().get_context_data(
            counts={
                "missions": missions.count(),
                "active": missions.active().count(),
                "organizations": Organization.objects.published().count(),
                "lessons": Lesson.objects.published().count(),
                "topics": Topic.objects.published().count(),
                "sources": Source.objects.published().count(),
            },
            latest_missions=missions.for_listing().order_by("-updated_at", "acronym")[:6],
            latest_lessons=Lesson.objects.published().order_by("-updated_at", "title")[:6],
            **kwargs,
        )
