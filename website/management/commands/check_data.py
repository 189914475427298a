"""List data problems editors should fix; exit non-zero when there are any."""

import sys

from django.core.management.base import BaseCommand

from website.data_quality import run_checks, run_comparisons


class Command(BaseCommand):
    help = (
        "Check published records for citations, missions for host countries and start dates, "
        "dates for their precision, and missions for possible duplicates; then list where the "
        "data sets disagree with the records, for an editor to settle (these do not fail it)."
    )

    def handle(self, *args, **options):
        total = 0
        for title, problems in run_checks():
            self.stdout.write(f"{title}: {len(problems)}")
            for record, problem in problems:
                self.stdout.write(f"  - {record._meta.verbose_name} {record}: {problem}")
            total += len(problems)
        self.stdout.write(f"{total} problem(s) found." if total else "No problems found.")
        # Disagreements come after the verdict: they are for an editor to settle, and a
        # research data set that stopped years ago may be the one that is out of date.
        for title, differences in run_comparisons():
            self.stdout.write(f"To settle: {title}: {len(differences)}")
            for record, difference in differences:
                self.stdout.write(f"  - {record._meta.verbose_name} {record}: {difference}")
        if total:
            sys.exit(1)
