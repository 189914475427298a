"""Import the outside data sets: personnel, fatalities, mandates, leaders, deployments,
contributors and budgets."""

import csv

from django.core.management.base import BaseCommand, CommandError

from atlas.dataimport import ImportProblem, total_summary
from atlas.search import rebuild_index
from datasets.importers import DATASETS, PARTS, import_datasets


class Command(BaseCommand):
    help = (
        "Read the data set files in PATH (default: data/datasets) and make the atlas's rows "
        "of each equal to the file, in one transaction. A second run over the same files "
        "creates and changes nothing. Parts: " + ", ".join(PARTS) + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DATASETS), help="The data folder.")
        parser.add_argument(
            "--only",
            action="append",
            choices=list(PARTS),
            metavar="PART",
            help="Import only this part (repeatable): " + ", ".join(PARTS) + ".",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")
        parser.add_argument(
            "--strict", action="store_true", help="Write nothing if any row is rejected."
        )
        parser.add_argument(
            "--report", metavar="CSV", help="Also write rejections and rules as CSV."
        )

    def handle(self, *args, path, only, dry_run, strict, report, **options):
        try:
            reports, written = import_datasets(path, parts=only, dry_run=dry_run, strict=strict)
        except ImportProblem as error:
            raise CommandError(f"Nothing was imported: {error}.") from error
        for part in reports:
            for line in part.lines():
                self.stdout.write(line)
        if report:
            with open(report, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["part", "where", "outcome", "details"])
                for part in reports:
                    part.write_csv(writer)
        summary = total_summary(reports)
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {summary}")
        elif not written:
            raise CommandError(f"Nothing was written (--strict and rows were rejected): {summary}")
        else:
            # The rows bypass signals; a mission's leaders and sites are in its search text.
            rebuild_index()
            self.stdout.write(f"All data sets: {summary}")
