"""The data sets' rows in the admin: listed, filtered and searched, never edited by hand.

The rows come from the files (`manage.py import_datasets`); an edit here would be undone by
the next import, so none is offered.
"""

from django.contrib import admin

from atlas.adminlists import AtlasModelAdmin
from datasets.models import Fatality


class DatasetRowAdmin(AtlasModelAdmin):
    """Read-only: a row is corrected in its file and imported again."""

    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
