"""Rebuild the site search index from the published records."""

from django.core.management.base import BaseCommand

from atlas.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text index behind /search/ from every published record."

    def handle(self, *args, **options):
        self.stdout.write(f"Indexed {rebuild_index()} published records.")
