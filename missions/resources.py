"""Missions in bulk (CSV, XLSX, JSON) through the admin's import and export."""

from atlas.resources import CuratedResource
from missions.models import Mission


class MissionResource(CuratedResource):
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
            "ending",
            "outcome",
            "outcome_reasoning",
            "body",
            "predecessor",
        )
        widgets = {"predecessor": {"field": "slug"}}
