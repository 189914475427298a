"""Write the whole atlas, with users, groups and every version of every record, to JSON."""

from django.core.management.base import BaseCommand

from website.backup import backup


class Command(BaseCommand):
    help = "Back the atlas up to a JSON file that restore_atlas loads into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        backup(path)
        self.stdout.write(f"Backed up to {path}.")
