"""Missions in bulk (CSV, XLSX, JSON) through the admin's import and export."""

from import_export import fields, widgets

from atlas.resources import CuratedResource
from missions.models import Mission


class MissionResource(CuratedResource):
    predecessor = fields.Field(
        attribute="predecessor",
        column_name="predecessor",
        widget=widgets.ForeignKeyWidget(Mission, field="slug"),
    )

    class Meta(CuratedResource.Meta):
        model = Mission
        fields = (
            "slug",
            "acronym",
            "name",
            "status",
            "operation_type",
            "region",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "summary",
            "mandate",
            "outcome",
            "outcome_reasoning",
            "body",
            "predecessor",
        )
