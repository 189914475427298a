"""Lessons in bulk (CSV, XLSX, JSON) through the admin's import and export."""

from atlas.resources import CuratedResource
from lessons.models import Lesson


class LessonResource(CuratedResource):
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
        widgets = {
            "themes": {"field": "slug"},
            "missions": {"field": "slug"},
            "organizations": {"field": "slug"},
        }
