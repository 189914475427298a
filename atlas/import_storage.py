"""Where an admin upload waits between the dry run and the confirm: the shared cache.

The cache is Redis when REDIS_URL is set, so the confirm may land on any app server behind
the load balancer; a server's temporary folder would hold it for that server only. The
confirm names an upload by a signed token bound to its user (atlas/import_forms.py), never
by a path, so nothing else in the cache or on disk can be read through it.
"""

from django.core.cache import cache
from import_export.tmp_storages import CacheStorage

# How long an upload waits for its confirm; the confirm token expires with it.
PENDING_SECONDS = 60 * 60


class PendingImportMissing(Exception):  # noqa: N818 - says what the editor meets
    """The upload a confirm names is gone: already imported, or expired."""


class PendingImportStorage(CacheStorage):
    """An upload in the shared cache, readable by exactly one confirm.

    The first confirm takes the upload out of the cache before importing it, so a second
    one (a double click, a replay, the same form sent to another server) finds nothing
    and is refused, and the file is imported once.
    """

    CACHE_LIFETIME = PENDING_SECONDS
    CACHE_PREFIX = "atlas-pending-import-"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._saved = None

    def save(self, data):
        super().save(data)
        # The dry run reads the upload straight after saving it; that read is not a confirm.
        self._saved = data

    def read(self):
        if self._saved is not None:
            return self._saved
        key = self.CACHE_PREFIX + self.name
        data = super().read()
        # delete() is atomic in Redis: of two confirms racing, only one removes the upload.
        if data is None or not cache.delete(key):
            raise PendingImportMissing(
                "This upload has already been imported, or it waited more than an hour. "
                "Nothing was imported now; upload the file again to import it."
            )
        return data
