"""The "Peacekeeping in numbers" page and the data sets' downloads."""

from django import forms
from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from atlas.exports import csv_response, json_response
from datasets.exports import BY_SLUG, DOWNLOADS
from datasets.numbers import numbers_page
from missions.models import Mission


def download_links(download):
    """(csv address, json address) of a download."""
    return (
        reverse("datasets:download-csv", args=[download.slug]),
        reverse("datasets:download-json", args=[download.slug]),
    )


class NumbersView(TemplateView):
    """Worldwide figures from the data sets; a fixed number of queries (datasets.numbers)."""

    template_name = "datasets/numbers.html"

    def get_context_data(self, **kwargs):
        # Keyed for the template, which reads no hyphen: downloads.worldwide_personnel.0
        links = {
            download.slug.replace("-", "_"): download_links(download) for download in DOWNLOADS
        }
        return super().get_context_data(**numbers_page(), downloads=links, **kwargs)


class MissionChoice(forms.Form):
    mission = forms.ModelChoiceField(
        queryset=Mission.objects.published(), to_field_name="slug", required=False
    )


class DownloadView(View):
    """One data set download as CSV or JSON; a row-level one takes ?mission=<slug>."""

    format = "csv"

    def get(self, request, slug):
        download = BY_SLUG.get(slug)
        if download is None:
            raise Http404("No such download.")
        mission = None
        if "mission" in request.GET:
            if not download.per_mission:
                return HttpResponseBadRequest(
                    "This series is worldwide: it takes no mission.", content_type="text/plain"
                )
            form = MissionChoice(request.GET)
            if not form.is_valid():
                return HttpResponseBadRequest(
                    "These filters were not understood: mission.", content_type="text/plain"
                )
            mission = form.cleaned_data["mission"]
        rows = download.rows()
        if mission is not None:
            rows = rows.filter(mission=mission)
        writer = csv_response if self.format == "csv" else json_response
        return writer(rows, download.columns, download.slug, request)
