"""The data sets' rows in the admin: read-only, since they are imported, not edited."""

from django.contrib import admin

from datasets.models import Appointment, ContributionMonth, SiteContributor


class ImportedRowAdmin(admin.ModelAdmin):
    """A data set's rows to look at; the import command is the only writer."""

    list_select_related = ["mission"]
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
