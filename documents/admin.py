from django.contrib import admin
from django.db import models

from atlas.admin import CuratedAdmin, RelatedRowAdmin
from atlas.adminlists import AtlasModelAdmin
from documents.models import MandateTask, Milestone, MissionDecision, OfficialDocument


class ImportedRowsMixin:
    """Rows imported from TAMM: listed and searchable, never changed by hand (the next import
    would undo it); they change when the file does."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionInline(ImportedRowsMixin, admin.TabularInline):
    model = MissionDecision
    fields = ["mission_label", "mission", "action", "first_month", "last_month", "tamm_label"]
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("mission", "document")


class MilestoneInline(admin.TabularInline):
    """What the document did for each mission: edited here, with the document's history."""

    model = Milestone
    fields = ["mission", "action", "note"]
    autocomplete_fields = ["mission"]
    extra = 0


@admin.register(OfficialDocument)
class OfficialDocumentAdmin(CuratedAdmin):
    list_display = ["__str__", "body", "kind", "year", "year_basis", "status", "updated_at"]
    list_filter = ["status", "body", "kind", "year_basis"]
    search_fields = ["number", "title"]
    readonly_fields = [*CuratedAdmin.readonly_fields, "serial"]
    autocomplete_fields = ["cited_as"]
    inlines = [MilestoneInline, DecisionInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class TaskInline(ImportedRowsMixin, admin.TabularInline):
    model = MandateTask
    fields = ["task"]
    readonly_fields = fields
    extra = 0


@admin.register(MissionDecision)
class MissionDecisionAdmin(ImportedRowsMixin, AtlasModelAdmin):
    list_display = ["mission_label", "document", "action", "first_month", "last_month", "months"]
    list_filter = ["action", "source"]
    list_select_related = ["document", "mission"]
    search_fields = ["mission_label", "document__number", "tamm_label"]
    inlines = [TaskInline]


@admin.register(MandateTask)
class MandateTaskAdmin(ImportedRowsMixin, AtlasModelAdmin):
    list_display = ["decision", "task"]
    list_filter = ["task"]
    list_select_related = ["decision__document"]
    search_fields = ["decision__mission_label", "decision__document__number"]


@admin.register(Milestone)
class MilestoneAdmin(RelatedRowAdmin):
    list_display = ["mission", "action", "document"]
    list_filter = ["action", "document__body"]
    list_select_related = ["mission", "document"]
    search_fields = ["mission__acronym", "document__number", "document__title"]
