from django.contrib import admin
from reversion_compare.admin import CompareVersionAdmin

from atlas.admin import BulkCuratedAdmin, CuratedAdmin
from atlas.adminlists import SafeListsMixin
from lessons.models import Lesson, Theme, Topic
from lessons.resources import LessonResource
from sources.admin import CitationInline


class LessonCitationInline(CitationInline):
    fk_name = "lesson"


class TopicCitationInline(CitationInline):
    fk_name = "topic"


@admin.register(Theme)
class ThemeAdmin(SafeListsMixin, CompareVersionAdmin):
    """Themes are few and shared by many lessons: every change is kept in the history."""

    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Lesson)
class LessonAdmin(BulkCuratedAdmin):
    resource_classes = [LessonResource]
    list_display = ["title", "kind", "status", "updated_at"]
    list_filter = ["status", "kind", "themes"]
    search_fields = ["title", "observation"]
    autocomplete_fields = ["themes", "missions", "organizations", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [LessonCitationInline]


@admin.register(Topic)
class TopicAdmin(CuratedAdmin):
    list_display = ["name", "kind", "status", "updated_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "summary"]
    autocomplete_fields = ["missions", "organizations"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicCitationInline]
