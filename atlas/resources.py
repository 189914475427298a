"""Bulk import rules every curated record shares (django-import-export resources).

A row may not publish what its importer could not publish by hand: the publish
permission and the citation rule apply row by row, and each refusal says why.
"""

from django.core.exceptions import ValidationError
from import_export import resources

from atlas.models import PublicationStatus
from atlas.publishing import GUARDED, can_publish, citation_problem


class CuratedResource(resources.ModelResource):
    class Meta:
        abstract = True
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        exclude = ("id", "created_at", "updated_at", "updated_by")

    def before_import_row(self, row, **kwargs):
        user = kwargs.get("user")
        status = (row.get("status") or PublicationStatus.DRAFT).strip()
        row["status"] = status
        if status in GUARDED and (user is None or not can_publish(user, self._meta.model)):
            raise ValidationError(
                f"Only a publisher can import a record as {status}; use draft or review."
            )

    def before_save_instance(self, instance, row, **kwargs):
        if instance.status == PublicationStatus.PUBLISHED:
            problem = citation_problem(instance)
            if problem:
                raise ValidationError(problem + " Import it as draft, cite it, then publish.")
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            instance.updated_by = user
