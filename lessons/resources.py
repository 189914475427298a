"""Lessons in bulk (CSV, XLSX, JSON) through the admin's import and export."""

from import_export import fields, widgets

from atlas.resources import CuratedResource
from lessons.models import Lesson, Theme
from missions.models import Mission
from organizations.models import Organization


class LessonResource(CuratedResource):
    themes = fields.Field(
        attribute="themes",
        column_name="themes",
        widget=widgets.ManyToManyWidget(Theme, field="slug"),
    )
    missions = fields.Field(
        attribute="missions",
        column_name="missions",
        widget=widgets.ManyToManyWidget(Mission, field="slug"),
    )
    organizations = fields.Field(
        attribute="organizations",
        column_name="organizations",
        widget=widgets.ManyToManyWidget(Organization, field="slug"),
    )

    class Meta(CuratedResource.Meta):
        model = Lesson
        fields = (
            "slug",
            "title",
            "kind",
            "status",
            "themes",
            "observation",
            "recommendation",
            "missions",
            "organizations",
        )
