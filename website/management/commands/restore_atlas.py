"""Load a backup_atlas file into an empty, migrated database: all of it or nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError

from website.backup import is_empty, restore


class Command(BaseCommand):
    help = "Restore a backup_atlas file into an empty database (run `migrate` first)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        if not is_empty():
            raise CommandError(
                "The database already holds records: restore only into an empty, migrated one."
            )
        try:
            count = restore(path)
        except FileNotFoundError as error:
            raise CommandError(f"{path}: no such file") from error
        except (DeserializationError, IntegrityError, DatabaseError, ValueError) as error:
            # ValueError covers a file that is not JSON (json.JSONDecodeError) too.
            raise CommandError(
                f"Nothing was restored: {' '.join(str(error).split())[:300]}"
            ) from error
        self.stdout.write(f"Restored {count} records from {path}.")
