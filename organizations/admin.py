from django.contrib import admin

from atlas.admin import BulkCuratedAdmin
from organizations.models import Organization
from organizations.resources import OrganizationResource
from sources.admin import CitationInline


class OrganizationCitationInline(CitationInline):
    fk_name = "organization"


@admin.register(Organization)
class OrganizationAdmin(BulkCuratedAdmin):
    resource_classes = [OrganizationResource]
    list_display = ["name", "acronym", "kind", "parent", "status", "updated_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganizationCitationInline]
