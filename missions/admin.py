import re

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters

from atlas.admin import BulkCuratedAdmin, RelatedRowAdmin
from missions.directory.facets import decade_choices
from missions.models import HostCountry, Mission, MissionOrganization
from missions.resources import MissionResource
from sources.admin import CitationInline


class DecadeFilter(admin.SimpleListFilter):
    """Missions by the decade they started in."""

    title = "decade started"
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        return decade_choices()

    # A decade's first year, in ASCII digits: str.isdigit() also accepts "²" and "١٩٦٠",
    # and a year past 9999 fails only when the SQL is compiled.
    DECADE = re.compile(r"[0-9]{1,3}0", re.ASCII)

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not self.DECADE.fullmatch(value) or int(value) < 10:
            # Django's own filters answer a value they cannot use this way: back to the list.
            raise IncorrectLookupParameters(f"{value!r} is not a decade, such as 1990.")
        start = int(value)
        return queryset.filter(start_date__year__gte=start, start_date__year__lt=start + 10)


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
        "start",
        "end",
        "outcome",
        "status",
    ]
    list_filter = [
        "status",
        "kind",
        ("roles__organization", admin.RelatedOnlyFieldListFilter),
        "operation_type",
        DecadeFilter,
        "region",
        "outcome",
    ]
    search_fields = ["acronym", "name"]
    autocomplete_fields = ["predecessor"]
    prepopulated_fields = {"slug": ["acronym"]}
    # No date_hierarchy: its year list scans every mission on each changelist view; the
    # decade filter narrows by date at a fixed cost.
    inlines = [RoleInline, HostCountryInline, MissionCitationInline]

    @admin.display(description="start", ordering="start_date")
    def start(self, mission):
        return mission.start_display or "–"

    @admin.display(description="end", ordering="end_date")
    def end(self, mission):
        return mission.end_display or "–"

    fieldsets = [
        (None, {"fields": ["acronym", "name", "slug", "status", "loaded_at"]}),
        (
            "Facts",
            {
                "fields": [
                    "kind",
                    "operation_type",
                    "region",
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
                    "predecessor",
                ]
            },
        ),
        (
            "Text",
            {"fields": ["summary", "mandate", "ending", "outcome", "outcome_reasoning", "body"]},
        ),
        ("Record", {"fields": ["created_at", "updated_at", "updated_by"]}),
    ]


@admin.register(MissionOrganization)
class MissionOrganizationAdmin(RelatedRowAdmin):
    list_display = ["mission", "organization", "role"]
    list_filter = ["role", "organization"]
    list_select_related = ["mission", "organization"]
    search_fields = ["mission__acronym", "organization__name", "organization__acronym"]
    autocomplete_fields = ["mission", "organization"]


@admin.register(HostCountry)
class HostCountryAdmin(RelatedRowAdmin):
    list_display = ["mission", "country"]
    list_select_related = ["mission"]
    search_fields = ["mission__acronym", "country"]
    autocomplete_fields = ["mission"]
