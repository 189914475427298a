from django.contrib import admin

from atlas.admin import BulkCuratedAdmin
from missions.models import HostCountry, Mission, MissionOrganization
from missions.resources import MissionResource
from sources.admin import CitationInline


class RoleInline(admin.TabularInline):
    model = MissionOrganization
    extra = 2
    autocomplete_fields = ["organization"]


class HostCountryInline(admin.TabularInline):
    model = HostCountry
    extra = 1


class MissionCitationInline(CitationInline):
    fk_name = "mission"


@admin.register(Mission)
class MissionAdmin(BulkCuratedAdmin):
    resource_classes = [MissionResource]
    list_display = [
        "acronym",
        "name",
        "operation_type",
        "region",
        "start_date",
        "end_date",
        "outcome",
        "status",
    ]
    list_filter = ["status", "operation_type", "region", "outcome", "roles__organization"]
    search_fields = ["acronym", "name"]
    autocomplete_fields = ["predecessor"]
    prepopulated_fields = {"slug": ["acronym"]}
    date_hierarchy = "start_date"
    inlines = [RoleInline, HostCountryInline, MissionCitationInline]
    fieldsets = [
        (None, {"fields": ["acronym", "name", "slug", "status", "loaded_at"]}),
        (
            "Facts",
            {
                "fields": [
                    "operation_type",
                    "region",
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
                    "predecessor",
                ]
            },
        ),
        ("Text", {"fields": ["summary", "mandate", "outcome", "outcome_reasoning", "body"]}),
        ("Record", {"fields": ["created_at", "updated_at", "updated_by"]}),
    ]


@admin.register(MissionOrganization)
class MissionOrganizationAdmin(admin.ModelAdmin):
    list_display = ["mission", "organization", "role"]
    list_filter = ["role", "organization"]
    list_select_related = ["mission", "organization"]
    search_fields = ["mission__acronym", "organization__name", "organization__acronym"]
    autocomplete_fields = ["mission", "organization"]


@admin.register(HostCountry)
class HostCountryAdmin(admin.ModelAdmin):
    list_display = ["mission", "country"]
    list_select_related = ["mission"]
    search_fields = ["mission__acronym", "country"]
    autocomplete_fields = ["mission"]
