"""The data sets' rows in the admin, read-only: they are imported from their files
(`manage.py import_datasets`), never edited by hand."""

from django.contrib import admin

from datasets.models import (
    Appointment,
    AuthorizedMonth,
    ContributionMonth,
    DeploymentSite,
    OperationPersonnelMonth,
    PersonnelMonth,
    SiteContributor,
)


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


@admin.register(PersonnelMonth)
class PersonnelMonthAdmin(ImportedRowAdmin):
    list_display = [
        "mission_label",
        "month",
        "troops",
        "police",
        "observers",
        "total",
        "contributors",
        "headquarters",
        "row",
    ]
    list_filter = ["month", "mission_label"]
    search_fields = ["mission_label", "headquarters"]
    date_hierarchy = "month"


@admin.register(AuthorizedMonth)
class AuthorizedMonthAdmin(ImportedRowAdmin):
    list_display = ["mission_label", "month", "troops", "police", "observers", "total", "row"]
    list_filter = ["month", "mission_label"]
    search_fields = ["mission_label"]
    date_hierarchy = "month"


@admin.register(OperationPersonnelMonth)
class OperationPersonnelMonthAdmin(ImportedRowAdmin):
    list_display = [
        "mission_label",
        "month",
        "conflict",
        "organization_kind",
        "total",
        "interpolated",
        "counted",
        "row",
    ]
    list_filter = ["organization_kind", "interpolated", "counted", "police_only", "month"]
    search_fields = ["mission_label", "conflict_country"]
    date_hierarchy = "month"


@admin.register(Appointment)
class AppointmentAdmin(ImportedRowAdmin):
    list_display = [
        "mission_label",
        "post",
        "last_name",
        "first_name",
        "nationality",
        "start_year",
        "end_year",
        "row",
    ]
    list_filter = ["post", "gender", "in_office_when_compiled"]
    search_fields = ["last_name", "first_name", "mission_label"]


@admin.register(ContributionMonth)
class ContributionMonthAdmin(ImportedRowAdmin):
    list_display = [
        "mission_label",
        "month",
        "country",
        "troops",
        "police",
        "formed_police",
        "experts",
        "total",
        "row",
    ]
    list_filter = ["month"]
    search_fields = ["mission_label", "country_label", "country"]


@admin.register(SiteContributor)
class SiteContributorAdmin(ImportedRowAdmin):
    list_display = ["mission_label", "year", "location", "contributor", "country", "size", "row"]
    list_filter = ["kind", "year"]
    search_fields = ["mission_label", "location", "contributor"]
