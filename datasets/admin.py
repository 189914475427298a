"""The data sets' rows in the admin: listed, filtered and searched, never edited by hand.

The rows come from the files (`manage.py import_datasets`); an edit here would be undone by
the next import, so none is offered.
"""

from django.contrib import admin

from atlas.adminlists import AtlasModelAdmin
from datasets.models import (
    Appointment,
    AuthorizedMonth,
    ContributionMonth,
    DeploymentSite,
    Fatality,
    OperationPersonnelMonth,
    PersonnelMonth,
    SiteContributor,
)


class DatasetRowAdmin(AtlasModelAdmin):
    """Read-only: a row is corrected in its file and imported again."""

    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeploymentSite)
class DeploymentSiteAdmin(DatasetRowAdmin):
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
class PersonnelMonthAdmin(DatasetRowAdmin):
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
class AuthorizedMonthAdmin(DatasetRowAdmin):
    list_display = ["mission_label", "month", "troops", "police", "observers", "total", "row"]
    list_filter = ["month", "mission_label"]
    search_fields = ["mission_label"]
    date_hierarchy = "month"


@admin.register(OperationPersonnelMonth)
class OperationPersonnelMonthAdmin(DatasetRowAdmin):
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


@admin.register(Fatality)
class FatalityAdmin(DatasetRowAdmin):
    list_display = [
        "casualty_id",
        "date",
        "mission_label",
        "personnel_type",
        "incident_type",
        "nationality_label",
        "row",
    ]
    list_filter = [
        "incident_type",
        "personnel_type",
        "gender",
        ("mission", admin.EmptyFieldListFilter),
    ]
    search_fields = ["casualty_id", "mission_label", "nationality_label"]
    date_hierarchy = "date"


@admin.register(Appointment)
class AppointmentAdmin(DatasetRowAdmin):
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
class ContributionMonthAdmin(DatasetRowAdmin):
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
class SiteContributorAdmin(DatasetRowAdmin):
    list_display = ["mission_label", "year", "location", "contributor", "country", "size", "row"]
    list_filter = ["kind", "year"]
    search_fields = ["mission_label", "location", "contributor"]
