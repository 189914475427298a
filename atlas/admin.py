"""Admin behaviour every curated record shares: workflow, who changed it, no lost updates."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, JSON, XLSX
from reversion_compare.admin import CompareVersionAdmin

from atlas.adminlists import SafeListsMixin
from atlas.models import PublicationStatus
from atlas.publishing import can_publish, check_transition, set_status


class ConcurrencySafeForm(forms.ModelForm):
    """Refuses a save when someone else saved the record after this form was opened.

    The editor's input stays in the form; the hidden marker is moved to the version now
    in the database, so saving again (after reviewing it) goes through on purpose.
    """

    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # From the database, not the instance: a revert form's instance holds old values.
            saved = type(self.instance).objects.filter(pk=self.instance.pk)
            updated_at = saved.values_list("updated_at", flat=True).first()
            self.fields["loaded_at"].initial = updated_at.isoformat() if updated_at else ""

    @property
    def changed_data(self):
        # The version marker is bookkeeping, not an edit worth a line in the history.
        return [name for name in super().changed_data if name != "loaded_at"]

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        current = (
            type(self.instance)
            .objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .only("updated_at", "updated_by__username")
            .get(pk=self.instance.pk)
        )
        if cleaned.get("loaded_at") != current.updated_at.isoformat():
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_at")] = current.updated_at.isoformat()
            who = current.updated_by.get_username() if current.updated_by else "someone"
            when = date_format(timezone.localtime(current.updated_at), "j F Y, H:i:s")
            raise ValidationError(
                f"{who} changed this record on {when} while you were editing it. Nothing was "
                "saved. Your changes are still in the form: compare them with the current "
                "version (open it in another tab), then save again to keep yours."
            )
        return cleaned


class CitationRequiredFormSet(BaseInlineFormSet):
    """The citation inline of a record being published must keep at least one citation."""

    def clean(self):
        super().clean()
        if getattr(self.instance, "status", None) != PublicationStatus.PUBLISHED:
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("section")
        ]
        if not kept:
            raise ValidationError("A record cannot be published without at least one citation.")


class CuratedAdmin(SafeListsMixin, CompareVersionAdmin):
    """Workflow-aware admin with history: editors submit for review, publishers publish.

    django-reversion keeps a version of the record and of its inlines (roles, host
    countries, citations) at every save; django-reversion-compare shows the field-by-field
    difference between two versions, and any version can be restored, deleted ones too.
    """

    form = ConcurrencySafeForm
    # Rendering a row costs about a millisecond of template work; 50 keeps a page quick.
    list_per_page = 50
    readonly_fields = ["created_at", "updated_at", "updated_by"]
    actions = ["submit_for_review", "publish", "unpublish", "archive"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Checked before the form, so a crafted POST is refused outright (403), not re-shown.
        if request.method == "POST" and "status" in request.POST:
            old = None
            if object_id:
                record = self.get_object(request, admin.utils.unquote(object_id))
                old = record.status if record else None
            check_transition(request.user, self.model, old, request.POST["status"])
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "status" in form.base_fields and not can_publish(request.user, self.model):
            status = form.base_fields["status"]
            allowed = {PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW}
            if obj is not None:
                allowed.add(obj.status)
            status.choices = [choice for choice in status.choices if choice[0] in allowed]
            status.help_text = "Publishing, unpublishing and archiving are for publishers."
        return form

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def _move(self, request, queryset, status, verb):
        try:
            changed, refused = set_status(queryset, status, request.user)
        except PermissionDenied:
            self.message_user(request, "You may not do that.", messages.ERROR)
            raise
        if changed:
            self.message_user(request, f"{verb} {len(changed)} record(s).", messages.SUCCESS)
        for record, reason in refused:
            self.message_user(request, f"“{record}” was not published: {reason}", messages.ERROR)

    @admin.action(description="Submit selected records for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        drafts = queryset.filter(status=PublicationStatus.DRAFT)
        self._move(request, drafts, PublicationStatus.IN_REVIEW, "Submitted")

    @admin.action(description="Publish selected records", permissions=["publish"])
    def publish(self, request, queryset):
        self._move(request, queryset, PublicationStatus.PUBLISHED, "Published")

    @admin.action(description="Unpublish selected records (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._move(request, queryset, PublicationStatus.DRAFT, "Unpublished")

    @admin.action(description="Archive selected records", permissions=["publish"])
    def archive(self, request, queryset):
        self._move(request, queryset, PublicationStatus.ARCHIVED, "Archived")

    def compare_view(self, request, object_id, extra_context=None):
        # reversion-compare checks no permission here; the diff shows every field of both
        # versions, so it needs what the history page needs: view or change, on this record.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404(f"No {self.opts.verbose_name} with this id.")
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # The revision and recover views look a version up by its id alone, then revert
        # its whole revision: a version of another model must not be reached through this
        # model's admin (and its permissions).
        if version.content_type_id != ContentType.objects.get_for_model(self.model).pk:
            raise Http404(f"That version is not of a {self.opts.verbose_name}.")
        # Refused before the revert, which would run (and be rolled back) otherwise.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)


class BulkCuratedAdmin(ImportExportModelAdmin, CuratedAdmin):
    """A curated admin with import (dry run first, all or nothing) and export."""

    formats = [CSV, XLSX, JSON]
    # Editors see what is wrong with a file, never a Python traceback.
    import_error_display = ("message",)

    def export_action(self, request):
        # The export builds the changelist's queryset from the same query string, but
        # import-export catches nothing: a filter the list lacks (or a value it cannot use)
        # gets the changelist's own answer, a redirect to the list with ?e=1.
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            self.message_user(
                request,
                "Nothing was exported: the address has a filter this list does not have, or "
                "a value the filter cannot use. Choose the filters on the list, then export.",
                messages.ERROR,
            )
            changelist = reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"
            )
            return HttpResponseRedirect(f"{changelist}?{ERROR_FLAG}=1")
