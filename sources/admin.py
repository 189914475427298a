from django.contrib import admin
from django.db import models

from atlas.admin import CitationRequiredFormSet, CuratedAdmin, RelatedRowAdmin
from sources.models import Citation, Source, SourceSection


class SectionInline(admin.TabularInline):
    model = SourceSection
    extra = 1
    prepopulated_fields = {"slug": ["heading"]}


@admin.register(Source)
class SourceAdmin(CuratedAdmin):
    list_display = ["title", "kind", "publisher", "date", "status", "updated_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "author", "publisher", "file_name"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(SourceSection)
class SourceSectionAdmin(RelatedRowAdmin):
    list_display = ["heading", "source", "position"]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["heading", "source__title"]
    autocomplete_fields = ["source"]

    def get_queryset(self, request):
        # A section's name includes its source's title: one join, not a query per row.
        return super().get_queryset(request).select_related("source")


@admin.register(Citation)
class CitationAdmin(RelatedRowAdmin):
    list_display = ["__str__", "field", "locator"]
    list_filter = ["section__source"]
    list_select_related = ["mission", "organization", "lesson", "topic", "section__source"]
    search_fields = [
        "mission__acronym",
        "organization__name",
        "lesson__title",
        "topic__name",
        "section__heading",
        "note",
    ]
    autocomplete_fields = ["mission", "organization", "lesson", "topic", "section"]


class CitationInline(admin.TabularInline):
    """Citations edited on the record they support; a published record keeps at least one."""

    model = Citation
    formset = CitationRequiredFormSet
    extra = 1
    autocomplete_fields = ["section"]
    fields = ["section", "field", "locator", "note"]

    def get_queryset(self, request):
        # Each row prints its citation, which names the record and the section.
        return (
            super()
            .get_queryset(request)
            .select_related("mission", "organization", "lesson", "topic", "section__source")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            kwargs["queryset"] = SourceSection.objects.select_related("source")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
