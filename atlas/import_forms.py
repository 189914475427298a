"""The import confirm step, bound to the user whose dry run it confirms.

The dry run hands the browser a token signed with the site's key that holds the user, the
upload's name in the shared cache, its format, resource and file name. The confirm trusts
only the token: another user's token, an edited one, a bare file name or an expired token
is refused before any upload is read, so no confirm reaches someone else's pending upload.
"""

from django import forms
from django.core import signing
from import_export.forms import ConfirmImportForm

from atlas.import_storage import PENDING_SECONDS

SALT = "atlas.import.confirm"


def confirm_token(user, storage_name, file_format, resource, file_name):
    payload = {
        "user": user.pk,
        "name": storage_name,
        "format": str(file_format),
        "resource": str(resource or ""),
        "file": file_name,
    }
    return signing.dumps(payload, salt=SALT, compress=True)


class UserBoundConfirmImportForm(ConfirmImportForm):
    """import-export's confirm form whose fields all come from the user's signed token."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_import_file_name(self):
        # A token, not a path: the base form's basename() is kept out of it.
        return self.cleaned_data["import_file_name"]

    def clean(self):
        cleaned = super().clean()
        token = cleaned.get("import_file_name")
        if not token:
            return cleaned
        try:
            payload = signing.loads(token, salt=SALT, max_age=PENDING_SECONDS)
        except signing.SignatureExpired as expired:
            raise forms.ValidationError(
                "This preview is more than an hour old. Nothing was imported; upload the file "
                "again."
            ) from expired
        except signing.BadSignature as bad:
            raise forms.ValidationError(
                "This confirmation does not name an upload of yours. Nothing was imported; "
                "upload the file and confirm its preview."
            ) from bad
        if payload.get("user") != self.user.pk:
            raise forms.ValidationError(
                "This preview belongs to another user's upload. Nothing was imported; upload "
                "the file yourself to import it."
            )
        # The format, resource and file name the dry run checked, whatever the form says.
        cleaned.update(
            import_file_name=payload["name"],
            format=payload["format"],
            resource=payload["resource"],
            original_file_name=payload["file"],
        )
        return cleaned
