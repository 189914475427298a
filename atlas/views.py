"""What every reader view shares: published records only, previews, forgiving pages."""

from django.db.models import Model
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import View

from atlas import drafts, review
from atlas.exports import csv_response, json_response, selection_filename
from atlas.footnotes import Footnotes


class PublishedMixin:
    """Reader views show published records only; anything else is a 404."""

    def get_queryset(self):
        return super().get_queryset().published()


class PreviewQuerysetMixin(PublishedMixin):
    """A record that staff who may view it can preview before it is published.

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

    def get(self, request, *args, **kwargs):
        if request.GET.get("preview") == "pending" and self.can_preview():
            return self.pending_preview(request, *args, **kwargs)
        response = super().get(request, *args, **kwargs)
        if not self.object.is_published:
            add_never_cache_headers(response)
        return response

    def pending_preview(self, request, *args, **kwargs):
        """The page as the record's pending revision would make it, built in a transaction
        that is rolled back, never cached (atlas/drafts.py)."""
        record = self.get_object()
        pending = review.pending_for(self.model, record.pk)
        if pending is None:
            return HttpResponseRedirect(record.get_absolute_url())
        request.atlas_preview = True
        with drafts.rolled_back():
            drafted = drafts.apply(pending.data)
            if "slug" in self.kwargs:  # the draft may rename the record
                self.kwargs = {**self.kwargs, "slug": drafted.slug}
            response = super().get(request, *args, **self.kwargs)
            response.render()
        add_never_cache_headers(response)
        return response


class PreviewMixin(PreviewQuerysetMixin):
    """A detail page staff can preview: an unpublished record's page says it is a preview
    and links to its admin page."""

    def get_context_data(self, **kwargs):
        pending = getattr(self.request, "atlas_preview", False)
        if self.object.is_published and not pending:
            return super().get_context_data(**kwargs)
        meta = self.model._meta
        return super().get_context_data(
            preview=True,
            preview_pending=pending,
            admin_change_url=reverse(
                f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.object.pk]
            ),
            **kwargs,
        )


class FootnotesMixin:
    """A record page whose notes are numbered in reading order (atlas.footnotes).

    `footnote_order` lists the cited fields as the page shows them ("" for the record as a
    whole); the model's `prose_fields` are those whose footnote markers become notes.
    The record's citations must be prefetched.
    """

    footnote_order = ("",)

    def get_context_data(self, **kwargs):
        record = self.object
        return super().get_context_data(
            footnotes=Footnotes(
                record, record.citations.all(), self.footnote_order, record.prose_fields
            ),
            **kwargs,
        )


class ForgivingPaginationMixin:
    """A page number that is not a number, or past the end, shows the nearest real page."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class ForgivingFilterMixin:
    """A list narrowed by `filterset_class`'s filters, as the URL states them.

    A value the filters do not understand shows every published record, with a notice
    naming the filters (`invalid_fields`), rather than an error page. The page number is
    not a filter. Exports answer bad filters with a 400 instead (FilteredExportView).
    """

    filterset_class = None

    def get_filterset_queryset(self):
        """The records the filters narrow: the published ones."""
        return self.filterset_class._meta.model.objects.published()

    def get_filterset(self):
        """The filters as the URL gives them, built once per request."""
        if not hasattr(self, "filterset"):
            data = self.request.GET.copy()
            data.pop(getattr(self, "page_kwarg", "page"), None)
            self.filterset = self.filterset_class(
                data or None, queryset=self.get_filterset_queryset()
            )
        return self.filterset

    @property
    def filters_valid(self):
        filterset = self.get_filterset()
        return not filterset.is_bound or filterset.is_valid()

    def shown_filterset(self):
        """The filters as the URL gives them, or none when any value is invalid.

        Built once per request: a filter set costs deep copies of its filters and form.
        """
        if not hasattr(self, "_shown_filterset"):
            self._shown_filterset = (
                self.get_filterset()
                if self.filters_valid
                else self.filterset_class(None, queryset=self.get_filterset_queryset())
            )
        return self._shown_filterset

    def chosen_filters(self):
        """The cleaned filter values the list is narrowed by; none when any is invalid."""
        filterset = self.get_filterset()
        return filterset.form.cleaned_data if filterset.is_bound and self.filters_valid else {}

    def filter_title(self):
        """The chosen filters in words, for the page's title: "Kind: Challenge, Theme: …".

        Each filtered selection is a page of its own, so its title names what it shows.
        """
        fields = self.get_filterset().form.fields
        parts = []
        for name, value in self.chosen_filters().items():
            if value in (None, ""):
                continue
            if isinstance(value, Model):
                text = str(value)
            else:
                # Choices are read only for a chosen value, so a bare list costs no query.
                choices = getattr(fields[name], "choices", ())
                text = {str(key): label for key, label in choices}.get(str(value), value)
            parts.append(f"{fields[name].label}: {text}")
        return ", ".join(parts)

    def filter_context(self):
        """What the filter notice and the title need: the names of the filters not
        understood, in the form's order, and the chosen filters in words."""
        return {
            "invalid_fields": [] if self.filters_valid else list(self.get_filterset().errors),
            "filter_title": self.filter_title(),
        }


class FilteredExportView(View):
    """A directory's current selection as CSV or JSON, with the directory's own filters.

    `format` is "csv", "excel" (the CSV with a byte-order mark, for Excel) or "json".
    """

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
        rows = self.prepare(filterset.qs)
        filename = selection_filename(self.filename, filterset.form)
        if self.format == "json":
            return json_response(rows, self.columns, filename, request)
        return csv_response(rows, self.columns, filename, request, excel=self.format == "excel")
