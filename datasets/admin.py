"""The data sets' rows in the admin, read-only: they are imported from their files
(`manage.py import_datasets`), never edited by hand."""

from django.contrib import admin

from datasets.models import DeploymentSite


class ImportedRowAdmin(admin.ModelAdmin):
    """Listed and searchable; a correction goes into the file and a new import."""

    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeploymentSite)
class DeploymentSiteAdmin(ImportedRowAdmin):
    list_display = [
        "mission_label",
        "year",
        "location",
        "country_label",
        "troops",
        "police",
        "observers",
        "headquarters",
        "row",
    ]
    list_filter = ["headquarters", "police", "observers", "year", "mission_label"]
    search_fields = ["mission_label", "location", "country_label"]
