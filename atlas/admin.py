"""Admin behaviour every curated record shares: workflow, who changed it, no lost updates."""

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, JSON, XLSX
from reversion_compare.admin import CompareVersionAdmin

from atlas import conflicts, drafts, queue_admin, review, workflow  # noqa: F401 - registers the queue
from atlas.adminlists import AtlasModelAdmin, SafeListsMixin
from atlas.import_forms import UserBoundConfirmImportForm, confirm_token
from atlas.import_storage import PendingImportMissing, PendingImportStorage
from atlas.models import PublicationStatus, ReviewState
from atlas.publishing import can_publish, check_transition, set_status
from atlas.reverting import plan_revert


class ConcurrencySafeForm(forms.ModelForm):
    """Refuses a save when someone else saved the record after this form was opened.

    The admin then shows the form again built on the newer save (CuratedAdmin.changeform_view),
    with a diff of what the other person changed, so a second save cannot silently undo it.
    """

    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)
    edit_summary = forms.CharField(
        label="Edit summary",
        max_length=200,
        required=False,
        help_text="One line on what you changed and why; it is shown in the history.",
    )
    # While a history version is shown, the database holds the restored copy: the marker
    # must be the save the editor saw before (set by CuratedAdmin.get_form).
    stored_updated_at = None
    # The publication state the pressed button asks for (CuratedAdmin.get_form), set on the
    # record before the inlines are checked, so publishing needs a citation.
    target_status = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edit_conflict = None
        if self.instance.pk and not self.is_bound:
            updated_at = self.stored_updated_at or self._saved_updated_at()
            self.fields["loaded_at"].initial = updated_at.isoformat() if updated_at else ""

    def _saved_updated_at(self):
        saved = type(self.instance).objects.filter(pk=self.instance.pk)
        return saved.values_list("updated_at", flat=True).first()

    @property
    def changed_data(self):
        # The version marker and the summary are bookkeeping, not edits of the record.
        return [name for name in super().changed_data if name not in ("loaded_at", "edit_summary")]

    def _post_clean(self):
        super()._post_clean()
        if self.target_status:
            self.instance.status = self.target_status

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # Locked until the save commits, so two saves opened on the same version cannot
        # both pass this check.
        current = (
            type(self.instance)
            .objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .only("updated_at", "updated_by__username")
            .get(pk=self.instance.pk)
        )
        expected = self.stored_updated_at or current.updated_at
        if cleaned.get("loaded_at") != expected.isoformat():
            self.edit_conflict = current
            who = current.updated_by.get_username() if current.updated_by else "someone"
            when = date_format(timezone.localtime(current.updated_at), "j F Y, H:i:s")
            raise ValidationError(
                f"{who} changed this record on {when} while you were editing it. Nothing was "
                "saved. The form now shows their version, with your changes kept where they "
                "did not touch the same field; check the differences below, then save again."
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
    # The history's compare view shows what a reader would see change, not bookkeeping.
    compare_exclude = ["created_at", "updated_at", "updated_by"]
    # Rendering a row costs about a millisecond of template work; 50 keeps a page quick.
    list_per_page = 50
    readonly_fields = ["created_at", "updated_at", "updated_by"]
    actions = ["submit_for_review", "publish", "unpublish", "archive"]

    def get_readonly_fields(self, request, obj=None):
        # The state moves by the form's buttons (atlas/workflow.py), not a drop-down.
        return [*super().get_readonly_fields(request, obj), "status"]

    def save_model(self, request, obj, form, change):
        # changeform_view's check stops an honest or crafted POST first; this is the last
        # line, whatever screen saves the record.
        stored = self._stored_status(request, obj.pk) if change else None
        target = getattr(request, "atlas_target_status", None)
        if target is not None:
            obj.status = target
        check_transition(request.user, self.model, stored, obj.status)
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def _stored_status(self, request, pk):
        """The record's publication state before this request changed anything.

        Restoring a version writes the old copy before the form runs, so for those
        requests the state read beforehand (_reversion_revisionform_view) is the answer.
        """
        plan = getattr(request, "atlas_revert_plan", None)
        if plan is not None:
            return plan.stored_status(self.model, pk)
        return self.model.objects.filter(pk=pk).values_list("status", flat=True).first()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        stored = self._stored_status(request, unquote(object_id)) if object_id else None
        live = stored == PublicationStatus.PUBLISHED
        context = {**(extra_context or {})}
        if request.method == "POST":
            try:
                action = workflow.action_of(request.POST)
            except workflow.UnknownAction as unknown:
                return HttpResponseBadRequest(f"{unknown} Nothing was saved.")
            # Checked before the form, so a crafted POST is refused outright (403).
            if action == workflow.PUBLISH and not can_publish(request.user, self.model):
                raise PermissionDenied("Only a publisher can approve and publish.")
            if action == workflow.SAVE and "_addanother" not in request.POST:
                # A draft saved is a draft still being written: back to its form.
                request.POST = request.POST.copy()
                request.POST["_continue"] = "1"
            if not live:
                request.atlas_target_status = workflow.target_status(action, stored)
                check_transition(request.user, self.model, stored, request.atlas_target_status)
        else:
            action = None
        if live and getattr(request, "atlas_revert_plan", None) is None:
            return self._live_changeform_view(request, object_id, form_url, context, action)
        response = self._form_view(request, object_id, form_url, context)
        if action == workflow.SUBMIT and response.status_code == 302 and stored != "review":
            if object_id:
                record = self.model.objects.filter(pk=unquote(object_id)).first()
            else:
                record = getattr(request, "atlas_added", None)
            if record is not None:
                review.submitted_new_record(record, request.user, request.POST.get("edit_summary"))
        return response

    def _form_view(self, request, object_id, form_url, extra_context):
        """The admin's change form, with the edit conflict's own page when it refuses."""
        response = super().changeform_view(request, object_id, form_url, extra_context)
        form = getattr(response, "context_data", {}).get("adminform")
        if form is not None and form.form.edit_conflict is not None:
            return self._conflict_view(request, object_id, form_url, extra_context, response)
        return response

    def _live_changeform_view(self, request, object_id, form_url, context, action):
        """A published record's form: it shows and saves the pending revision, if any.

        Saving keeps the change aside (drafts.py) and leaves the live version as it is;
        "Approve and publish" (publishers) writes it live in one reviewed step.
        """
        pk = unquote(object_id)
        pending = review.pending_for(self.model, pk)
        context.update(pending_revision=pending)
        if action == workflow.PUBLISH:
            with transaction.atomic():
                if pending is not None:
                    drafts.apply(pending.data)  # the form was built on the draft
                request.atlas_approving = pending or True
                response = self._form_view(request, object_id, form_url, context)
                if response.status_code == 302:
                    record = self.model.objects.get(pk=pk)
                    review.approved_directly(
                        record, request.user, pending, request.POST.get("edit_summary", "")
                    )
                else:
                    response.render()
                    transaction.set_rollback(True)
            return response
        if action is None:  # the form, built on the draft when there is one
            with drafts.rolled_back():
                if pending is not None:
                    drafts.apply(pending.data)
                response = self._form_view(request, object_id, form_url, context)
                response.render()
            return response
        live_record = self.model.objects.get(pk=pk)
        live_keys = drafts.keys_of(live_record)
        live_data = drafts.snapshot(live_record, live_keys)
        data = None
        with drafts.rolled_back():
            if pending is not None:
                drafts.apply(pending.data)
            request.atlas_drafting = True
            response = self._form_view(request, object_id, form_url, context)
            if response.status_code == 302:
                data = drafts.snapshot(self.model.objects.get(pk=pk), live_keys)
            else:
                response.render()
        if data is None:
            return response
        kept = review.keep_draft(
            live_record,
            data,
            request.user,
            request.POST.get("edit_summary", "").strip(),
            submit=action == workflow.SUBMIT,
            live_data=live_data,
        )
        what = "submitted for review" if kept.state == ReviewState.IN_REVIEW else "kept as a draft"
        messages.success(
            request,
            f"Your change to “{live_record}” is {what}. Readers still see the published "
            "version until a publisher approves it.",
        )
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        stored = self._stored_status(request, obj.pk) if obj is not None else None
        live = stored == PublicationStatus.PUBLISHED
        may_edit = (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        )
        context.update(
            workflow_buttons=workflow.buttons(request.user, self.model, stored, live)
            if may_edit
            else [],
            record_is_live=live,
        )
        if obj is not None:
            pending = context.get("pending_revision")
            context.update(
                **self._thread_context(request, obj),
                pending_review_url=review.review_url(pending) if pending else "",
                pending_preview_url=f"{obj.get_absolute_url()}?preview=pending" if pending else "",
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if getattr(request, "atlas_drafting", False):
            # Back to the form, which now shows the draft and its banner.
            return HttpResponseRedirect(review.admin_url(obj))
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # A change kept as a pending revision was not "changed successfully": the view
        # says what happened instead.
        if getattr(request, "atlas_drafting", False) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            request.atlas_added = form.instance

    def construct_change_message(self, request, form, formsets, add=False):
        summary = (form.cleaned_data.get("edit_summary") or "").strip()
        approving = getattr(request, "atlas_approving", None)
        if approving is not None:
            author = approving.author if approving is not True else request.user
            return review.history_line(summary, author, request.user)
        if summary:
            return summary
        return super().construct_change_message(request, form, formsets, add)

    def _conflict_view(self, request, object_id, form_url, extra_context, refused):
        """The change form again, built on the newer save, with what differs from this input."""
        merge = conflicts.merge(refused, base=self._version_seen(request, refused))
        request.atlas_conflict = merge
        # A GET of the change form shows the record as saved now; get_form lays this
        # editor's non-conflicting input over it.
        shown = copy.copy(request)
        shown.method = "GET"
        shown.POST = QueryDict()
        context = {**(extra_context or {}), "edit_conflict": merge}
        messages.error(request, merge.message)
        response = super().changeform_view(shown, object_id, form_url, context)
        if getattr(request, "atlas_revert_plan", None) is None:
            # While a version is restored, django-reversion keeps only a 200 as a preview.
            response.status_code = 409
        return response

    def _version_seen(self, request, refused):
        """The history version of the save the editor opened the form on, if it is kept."""
        form = refused.context_data["adminform"].form
        return conflicts.version_at(form.instance, request.POST.get("loaded_at", ""))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        plan = getattr(request, "atlas_revert_plan", None)
        merge = getattr(request, "atlas_conflict", None)
        if plan is not None or merge is not None:
            form = type(
                form.__name__,
                (form,),
                {
                    "stored_updated_at": plan.stored_updated_at if plan else None,
                    "__init__": conflicts.initial_from(merge, form.__init__),
                },
            )
        target = getattr(request, "atlas_target_status", None)
        if target is not None:
            form = type(form.__name__, (form,), {"target_status": target})
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
        drafts = list(queryset.filter(status=PublicationStatus.DRAFT))
        self._move(request, drafts, PublicationStatus.IN_REVIEW, "Submitted")
        for record in drafts:
            if record.status == PublicationStatus.IN_REVIEW:
                review.submitted_new_record(record, request.user, "")

    @admin.action(description="Publish selected records", permissions=["publish"])
    def publish(self, request, queryset):
        self._move(request, queryset, PublicationStatus.PUBLISHED, "Published")

    @admin.action(description="Unpublish selected records (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._move(request, queryset, PublicationStatus.DRAFT, "Unpublished")

    @admin.action(description="Archive selected records", permissions=["publish"])
    def archive(self, request, queryset):
        self._move(request, queryset, PublicationStatus.ARCHIVED, "Archived")

    object_history_template = "admin/atlas/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        context = {**(extra_context or {})}
        if record is not None and self.has_view_or_change_permission(request, record):
            context.update(self._thread_context(request, record))
        return super().history_view(request, object_id, context)

    def _thread_context(self, request, record):
        """What templates/admin/atlas/record_thread.html shows of `record`."""
        return {
            "record_thread": review.thread(record),
            "watching": review.watching(record, request.user),
            "record_reference": review.reference(record),
            "may_comment": self.has_change_permission(request, record),
        }

    def compare(self, obj, version1, version2):
        diff, has_unfollowed = super().compare(obj, version1, version2)
        # A relation the history does not keep (another record's link to this one, shown as
        # "predecessor add: None") is noise; the record's own fields and its rows stay.
        own = {*obj._meta.concrete_fields, *obj._meta.many_to_many}
        before, after = version1.field_dict, version2.field_dict

        def changed(entry):
            field = entry["field"]
            if field in obj._meta.concrete_fields:
                # reversion-compare reads a link through the related record, and calls an
                # empty link on both sides a change ("predecessor add: None").
                return before.get(field.attname) != after.get(field.attname)
            return entry["follow"] or field in own

        return [entry for entry in diff if changed(entry)], has_unfollowed

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
        # What the revert would change, read before it runs (see atlas/reverting.py).
        plan = plan_revert(version)
        request.atlas_revert_plan = plan
        if request.method == "POST":
            plan.check(request.user, self.model, version.object_id)
            live = plan.stored_status(self.model, version.object_id) == PublicationStatus.PUBLISHED
            try:
                action = workflow.action_of(request.POST)
            except workflow.UnknownAction as unknown:
                return HttpResponseBadRequest(f"{unknown} Nothing was restored.")
            if live and action != workflow.PUBLISH:
                return self._restore_as_draft(
                    request, version, template_name, extra_context, action
                )
        else:
            try:
                plan.check(request.user, self.model, version.object_id)
            except PermissionDenied as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def _restore_as_draft(self, request, version, template_name, extra_context, action):
        """Restoring a live record's old version is a change like any other: it becomes the
        pending revision, and the live version stays until a publisher approves it."""
        pk = version.object_id
        live_record = self.model.objects.get(pk=pk)
        live_keys = drafts.keys_of(live_record)
        live_data = drafts.snapshot(live_record, live_keys)
        data = None
        with drafts.rolled_back():
            request.atlas_drafting = True
            response = super()._reversion_revisionform_view(
                request, version, template_name, extra_context
            )
            if response.status_code == 302:
                data = drafts.snapshot(self.model.objects.get(pk=pk), live_keys)
            elif hasattr(response, "render"):
                response.render()
        if data is None:
            return response
        summary = request.POST.get("edit_summary", "").strip() or "Restored an earlier version."
        review.keep_draft(
            live_record, data, request.user, summary, action == workflow.SUBMIT, live_data
        )
        messages.success(
            request,
            f"The earlier version of “{live_record}” is now its pending revision. Readers still "
            "see the published version until a publisher approves it.",
        )
        return HttpResponseRedirect(review.admin_url(live_record))


class RelatedRowAdmin(AtlasModelAdmin):
    """Rows that belong to a curated record (its roles, host countries, citations, a source's
    sections): listed and searchable here, changed only on their record's own form, where
    the publishing rules, the citation rule and the history apply.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # Deleting the record still deletes its rows (Django asks this admin's delete permission
    # then), but not one at a time from this list.
    actions = None

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied(
            f"A {self.model._meta.verbose_name} is removed on the form of the record it belongs to."
        )


class BulkCuratedAdmin(ImportExportModelAdmin, CuratedAdmin):
    """A curated admin with import (dry run first, all or nothing) and export."""

    formats = [CSV, XLSX, JSON]
    # Editors see what is wrong with a file, never a Python traceback.
    import_error_display = ("message",)
    # The upload waits in the shared cache (any server can confirm it), for its user only.
    tmp_storage_class = PendingImportStorage
    confirm_form_class = UserBoundConfirmImportForm

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {**super().get_confirm_form_kwargs(request, import_form), "user": request.user}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["import_file_name"] = confirm_token(
                request.user,
                initial["import_file_name"],
                initial["format"],
                initial["resource"],
                initial["original_file_name"],
            )
        return initial

    def get_import_data_kwargs(self, **kwargs):
        # All or nothing at the confirm too: a row that became invalid since the dry run
        # (someone published its record meanwhile) takes the whole import back.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_import(self, request, **kwargs):
        # The confirm is checked before import-export reads any upload, and every refusal
        # is a page that says why (400), never a re-shown confirm button or a 500.
        if request.method == "POST" and self.has_import_permission(request):
            confirm_form = self.create_confirm_form(request)
            if not confirm_form.is_valid():
                reasons = confirm_form.non_field_errors() or [
                    "This confirmation is incomplete. Nothing was imported; upload the file "
                    "and confirm its preview."
                ]
                return self.refuse_import(request, reasons)
        try:
            return super().process_import(request, **kwargs)
        except PendingImportMissing as missing:
            return self.refuse_import(request, [str(missing)])

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            reasons = [
                f"Line {row.number}: {' '.join(row.error.messages)}" for row in result.invalid_rows
            ]
            reasons += [
                f"Line {line}: {error.error}"
                for line, errors in result.row_errors()
                for error in errors
            ]
            return self.refuse_import(
                request,
                [
                    "The records changed since the preview, and some rows can no longer be "
                    "imported. Nothing was imported; upload the file again to see why.",
                    *reasons,
                ],
            )
        return super().process_result(result, request)

    def refuse_import(self, request, reasons):
        context = {
            **self.admin_site.each_context(request),
            "title": "Import refused",
            "opts": self.model._meta,
            "reasons": reasons,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/import_export/import_refused.html", context, status=400
        )

    def export_action(self, request):
        # The export builds the changelist's queryset from the same query string, but
        # import-export catches nothing: a filter the list lacks (or a value it cannot use)
        # gets the changelist's own answer, a redirect to the list with ?e=1.
        try:
            return super().export_action(request)
        except (IncorrectLookupParameters, OverflowError):
            # OverflowError: a number the database driver cannot bind, found only when the
            # export reads the rows (the changelist finds it at its count).
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
