"""Import the UN's list of peacekeeping operations and the major AU, NATO and EU operations."""

from django.core.management.base import BaseCommand, CommandError

from missions.importing import DATASETS, ImportProblem, import_missions


class Command(BaseCommand):
    help = (
        "Upsert missions by acronym from DPPADPOSS-PKO.csv, unpko_country_crosswalk.xlsx and "
        "non-un-operations.csv in PATH (default: data/datasets). One transaction; --dry-run "
        "reports what would change and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(DATASETS), help="Folder with the three files."
        )
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")
        parser.add_argument(
            "--strict", action="store_true", help="Write nothing if any row is rejected."
        )
        parser.add_argument(
            "--report", metavar="CSV", help="Also write the row-by-row report as CSV."
        )
        parser.add_argument(
            "--quiet-rows", action="store_true", help="Print only the summary line."
        )

    def handle(self, *args, path, dry_run, strict, report, quiet_rows, **options):
        try:
            result = import_missions(path, dry_run=dry_run, strict=strict)
        except ImportProblem as error:
            raise CommandError(f"Nothing was imported: {error}.") from error
        if not quiet_rows:
            for line in result.lines():
                self.stdout.write(line)
        if report:
            result.write_csv(report)
        if dry_run:
            self.stdout.write("Dry run, nothing written: " + result.summary)
        elif result.rolled_back:
            raise CommandError(
                f"Nothing was written (--strict and rows were rejected): {result.summary}"
            )
        else:
            self.stdout.write(result.summary)
