"""SQLite in WAL mode, switched once per database file, however many processes start at once.

Changing the journal mode needs the database to itself, and SQLite answers "database is
locked" at once, without its busy timeout, while another connection is using it. Two
gunicorn workers starting on a new file would race for it; so each new connection switches
the file to WAL only if it is not yet in WAL, retrying for as long as the busy timeout.
The mode is kept in the file: after the first switch, every later connection only reads it.
"""

import time

from django.db import OperationalError

RETRY_SECONDS = 0.05


def use_wal(sender, connection, **kwargs):
    """connection_created receiver: put a file database in WAL mode."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    deadline = time.monotonic() + connection.settings_dict.get("OPTIONS", {}).get("timeout", 5)
    with connection.cursor() as cursor:
        while True:
            cursor.execute("PRAGMA journal_mode")
            if cursor.fetchone()[0].lower() == "wal":
                return
            try:
                cursor.execute("PRAGMA journal_mode=WAL")
                return
            except OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(RETRY_SECONDS)
