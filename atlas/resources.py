"""Bulk import rules every curated record shares (django-import-export resources).

An import obeys the publishing rules of the form: only a publisher moves a record into or
out of published or archived, a row without a status keeps the record's state (a new record
is a draft), the dry run names every state change, and every record the import creates or
changes gets a version in its history, with who imported it and from which file.
"""

import reversion
from django.core.exceptions import ValidationError
from import_export import resources
from import_export.results import Result, RowResult

from atlas.models import PublicationStatus
from atlas.publishing import GUARDED, can_publish, citation_problem, needs_publisher


class CuratedRowResult(RowResult):
    """A row's result, with the publication state change it makes (shown in the dry run)."""

    def __init__(self):
        super().__init__()
        self.number = None
        self.status_change = None  # (from, to) labels; from is None for a new record


class CuratedResult(Result):
    @property
    def status_changes(self):
        """The rows that move a record into another publication state, in file order."""
        return [row for row in self.rows if getattr(row, "status_change", None)]


class RejectedRow(Exception):  # noqa: N818 - leaves a revision unsaved; not an error
    """Leaves a row's revision unsaved: a rejected row writes no history."""

    def __init__(self, row_result):
        super().__init__()
        self.row_result = row_result


def status_label(status):
    return dict(PublicationStatus.choices).get(status, status).lower()


class CuratedResource(resources.ModelResource):
    class Meta:
        abstract = True
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        # The dry run reads each row's record to name its state change.
        store_instance = True
        exclude = ("id", "created_at", "updated_at", "updated_by")

    def get_result_class(self):
        return CuratedResult

    def get_row_result_class(self):
        return CuratedRowResult

    def import_row(self, row, instance_loader, **kwargs):
        if kwargs.get("dry_run"):
            return super().import_row(row, instance_loader, **kwargs)
        # One revision per row, so each record's history says who imported it and from
        # where; the whole import's transaction still takes them back if any row fails.
        try:
            with reversion.create_revision(atomic=False):
                user = kwargs.get("user")
                if user is not None and user.is_authenticated:
                    reversion.set_user(user)
                reversion.set_comment(f"Imported from {kwargs.get('file_name') or 'a file'}.")
                row_result = super().import_row(row, instance_loader, **kwargs)
                if row_result.errors or row_result.validation_error:
                    raise RejectedRow(row_result)
                return row_result
        except RejectedRow as rejected:
            return rejected.row_result

    def before_import_row(self, row, **kwargs):
        if isinstance(row.get("status"), str):
            row["status"] = row["status"].strip()

    def after_init_instance(self, instance, new, row, **kwargs):
        # The state in the database, before the row is applied, for the publishing rules.
        instance._status_before_import = None if new else instance.status

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An empty status cell is no instruction: the record keeps its state (a new one
        # keeps the model's default, draft), as when the file has no status column at all.
        if field.attribute == "status" and not row.get(field.column_name):
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        problem = self.publishing_problem(instance, kwargs.get("user"))
        if problem:
            errors.setdefault("status", []).append(problem)
        if errors:
            raise ValidationError(errors)

    def publishing_problem(self, instance, user):
        """Why `user` may not make this row's status change, or None (as check_transition)."""
        old, new = instance._status_before_import, instance.status
        if not needs_publisher(old, new):
            return None
        if user is not None and can_publish(user, self._meta.model):
            return None
        if old in GUARDED:
            return (
                f"Only a publisher can change the status of a {status_label(old)} record "
                f"(status: {status_label(old)} → {status_label(new)}). Leave its status "
                f"cell empty, or write {old}, to keep it {status_label(old)}."
            )
        return f"Only a publisher can import a record as {new}; use draft or review."

    def before_save_instance(self, instance, row, **kwargs):
        if instance.status == PublicationStatus.PUBLISHED:
            problem = citation_problem(instance)
            if problem:
                raise ValidationError(problem + " Import it as draft, cite it, then publish.")
        user = kwargs.get("user")
        live = instance._status_before_import == PublicationStatus.PUBLISHED
        if live and not (user is not None and can_publish(user, self._meta.model)):
            # A change to a live record waits for review (atlas/drafts.py); an import would
            # make it live at once, so only a publisher's import may change one.
            raise ValidationError(
                f"“{instance}” is published: a change to it waits for review. Edit it in the "
                "admin and submit it, or ask a publisher to import this row."
            )
        if user is not None and user.is_authenticated:
            instance.updated_by = user

    def after_import_row(self, row, row_result, **kwargs):
        row_result.number = kwargs.get("row_number")
        instance = row_result.instance
        if instance is None or row_result.import_type not in ("new", "update"):
            return
        old, new = instance._status_before_import, instance.status
        # A new draft is the default, not a change worth a warning; anything else is.
        if old != new and not (old is None and new == PublicationStatus.DRAFT):
            row_result.status_change = (status_label(old) if old else None, status_label(new))
