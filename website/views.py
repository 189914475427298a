"""The site's own pages: home, open data and site search."""

from django.http import JsonResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from datasets.exports import DOWNLOADS
from lessons.exports import LESSON_COLUMNS
from lessons.models import Lesson, Topic
from missions.exports import MISSION_COLUMNS
from missions.models import Mission
from organizations.exports import ORGANIZATION_COLUMNS
from organizations.models import Organization
from sources.models import Source
from website.changes import recently_updated
from website.context_processors import fixed_links
from website.datapackage import descriptor
from website.search import Answer, forgiving_search


class HomeView(TemplateView):
    template_name = "website/home.html"

    def get_context_data(self, **kwargs):
        # Military interventions are listed apart: the counts are of peace operations.
        missions = Mission.objects.published().peace_operations()
        return super().get_context_data(
            counts={
                "missions": missions.count(),
                "active": missions.active().count(),
                "organizations": Organization.objects.published().count(),
                "lessons": Lesson.objects.published().count(),
                "topics": Topic.objects.published().count(),
                "sources": Source.objects.published().count(),
            },
            recently_updated=recently_updated(),
            **kwargs,
        )


class OpenDataView(TemplateView):
    """The download formats and every column, from the same declarations the exports use."""

    template_name = "website/open_data.html"

    def get_context_data(self, **kwargs):
        links = fixed_links()
        return super().get_context_data(
            tables=[
                (slug, label, links[f"{slug}_csv"], links[f"{slug}_json"], columns)
                for slug, label, columns in [
                    ("missions", "Missions", MISSION_COLUMNS),
                    ("organizations", "Organizations", ORGANIZATION_COLUMNS),
                    ("lessons", "Lessons", LESSON_COLUMNS),
                ]
            ],
            datasets=[
                (
                    download,
                    reverse("datasets:download-csv", args=[download.slug]),
                    reverse("datasets:download-json", args=[download.slug]),
                    reverse("sources:detail", args=[download.source]),
                )
                for download in DOWNLOADS
            ],
            **kwargs,
        )


class DataPackageView(View):
    """datapackage.json: every download on the open-data page, for Frictionless tools."""

    def get(self, request):
        return JsonResponse(
            descriptor(request), json_dumps_params={"indent": 2, "ensure_ascii": False}
        )


class SearchView(TemplateView):
    """Search across missions, organizations, lessons and topics: the best matches across
    kinds first, then grouped by kind; a query that finds nothing is tried with its typos
    corrected (`exact=1` searches the words as typed)."""

    template_name = "website/search.html"
    max_length = 200

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").replace("\x00", "").strip()
        too_long = len(query) > self.max_length
        exact = self.request.GET.get("exact") == "1"
        answer = Answer(query) if too_long else forgiving_search(query, exact=exact)
        return super().get_context_data(
            query=query[: self.max_length],
            too_long=too_long,
            answer=answer,
            results=answer.results,
            total=answer.total,
            **kwargs,
        )
