"""List data problems editors should fix; exit non-zero when there are any."""

import sys

from django.core.management.base import BaseCommand

from website.data_quality import run_checks


class Command(BaseCommand):
    help = (
        "Check published records for citations, missions for host countries and start dates, "
        "dates for their precision, and missions for possible duplicates."
    )

    def handle(self, *args, **options):
        total = 0
        for title, problems in run_checks():
            self.stdout.write(f"{title}: {len(problems)}")
            for record, problem in problems:
                self.stdout.write(f"  - {record._meta.verbose_name} {record}: {problem}")
            total += len(problems)
        self.stdout.write(f"{total} problem(s) found." if total else "No problems found.")
        if total:
            sys.exit(1)
