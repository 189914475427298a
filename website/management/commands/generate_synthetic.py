"""Add synthetic missions and lessons for benchmarks (never for the published atlas)."""

import time

from django.core.management.base import BaseCommand

from website.synthetic import delete_synthetic, generate


class Command(BaseCommand):
    help = (
        "Generate realistic but plainly synthetic missions and lessons, citing a 'Synthetic "
        "benchmark data' source, for measuring speed. --delete removes them all again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--missions", type=int, default=1000)
        parser.add_argument("--lessons", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--delete", action="store_true", help="Remove all synthetic records.")

    def handle(self, *args, missions, lessons, seed, delete, **options):
        started = time.monotonic()
        if delete:
            counts = delete_synthetic()
            verb = "Deleted"
        else:
            counts = generate(missions=missions, lessons=lessons, seed=seed)
            verb = "Generated"
        self.stdout.write(
            f"{verb} {counts['missions']} synthetic missions and {counts['lessons']} lessons "
            f"in {time.monotonic() - started:.1f} s."
        )
