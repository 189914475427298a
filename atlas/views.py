"""What every reader view shares: published records only, previews, forgiving pages."""

from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import View

from atlas.exports import csv_response, json_response
from sources.models import Citation


class PublishedMixin:
    """Reader views show published records only; anything else is a 404."""

    def get_queryset(self):
        return super().get_queryset().published()


class PreviewMixin(PublishedMixin):
    """A detail page that staff who may view the record can preview before it is published.

    Everyone else gets a 404 for an unpublished record; a preview is never cached.
    """

    def can_preview(self):
        user = self.request.user
        meta = self.model._meta
        return user.is_staff and user.has_perm(f"{meta.app_label}.view_{meta.model_name}")

    def get_queryset(self):
        if self.can_preview():
            return super(PublishedMixin, self).get_queryset()
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        if self.object.is_published:
            return super().get_context_data(**kwargs)
        meta = self.model._meta
        return super().get_context_data(
            preview=True,
            admin_change_url=reverse(
                f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.object.pk]
            ),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if not self.object.is_published:
            add_never_cache_headers(response)
        return response


class ForgivingPaginationMixin:
    """A page number that is not a number, or past the end, shows the nearest real page."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


def citations_prefetch():
    return Prefetch("citations", queryset=Citation.objects.for_readers())


class FilteredExportView(View):
    """A directory's current selection as CSV or JSON, with the directory's own filters."""

    filterset_class = None
    columns = ()
    filename = ""
    format = "csv"

    def get_queryset(self):
        raise NotImplementedError

    def prepare(self, queryset):
        return queryset

    def get(self, request):
        data = request.GET.copy()
        data.pop("page", None)
        filterset = self.filterset_class(data or None, queryset=self.get_queryset())
        if filterset.is_bound and not filterset.is_valid():
            fields = ", ".join(sorted(filterset.errors))
            return HttpResponseBadRequest(
                f"These filters were not understood: {fields}.", content_type="text/plain"
            )
        writer = csv_response if self.format == "csv" else json_response
        return writer(self.prepare(filterset.qs), self.columns, self.filename, request)
