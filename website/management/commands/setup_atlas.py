"""Make a ready atlas: migrate, load the shipped fixtures, create the editorial groups."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from atlas.dataimport import ImportProblem as DatasetProblem
from atlas.dataimport import total_summary
from atlas.registry import curated_models
from atlas.roles import sync_groups
from atlas.search import rebuild_index
from datasets.importers import import_datasets
from missions.importing import ImportProblem, import_missions
from website.fixtures import FixtureError, load_fixtures, shipped_fixture_files
from website.synthetic import refresh_statistics


class Command(BaseCommand):
    """Idempotent set-up: a second run changes nothing, and editors' changes are kept."""

    help = (
        "Apply migrations, then load every file in fixtures/ and create the Viewer, Editor "
        "and Publisher groups in one transaction. Records that already exist are kept as "
        "they are unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures", nargs="*", help="Fixture files to load instead of everything in fixtures/."
        )
        parser.add_argument(
            "--no-import",
            action="store_true",
            help="Skip importing the reference data sets in data/datasets (fixtures only).",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace existing records with the fixtures' version (editors' changes are lost).",
        )

    def handle(self, *args, **options):
        # Migrations run first, each in its own transaction (SQLite cannot alter
        # tables inside an outer one); re-running them on a ready database is a no-op.
        call_command("migrate", interactive=False, verbosity=0)
        paths = options["fixtures"] or shipped_fixture_files()
        try:
            with transaction.atomic():
                counts = load_fixtures(paths, overwrite=options["overwrite"])
                imported = None if options["no_import"] else import_missions()
                # The figures link to the missions just imported, so they come after them.
                figures = None if options["no_import"] else import_datasets()[0]
                groups = sync_groups()
                indexed = rebuild_index()
                # A first version of every record, so history can go back to the shipped data.
                # Each version of a mission holds its roles, countries and citations too.
                call_command(
                    "createinitialrevisions",
                    *(model._meta.label for model in curated_models()),
                    comment="Loaded from the shipped fixtures.",
                    verbosity=0,
                )
        except (FixtureError, ImportProblem, DatasetProblem) as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        refresh_statistics()
        self.stdout.write(
            f"Atlas ready: {counts['loaded']} records written, {counts['kept']} kept as they were, "
            f"from {len(paths)} fixture files; "
            + (f"data sets: {imported.summary}; " if imported else "")
            + (f"figures: {total_summary(figures)}; " if figures else "")
            + f"{indexed} records searchable; "
            f"groups {', '.join(groups)}."
        )
