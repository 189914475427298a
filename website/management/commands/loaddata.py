"""Django's loaddata, but JSON fixtures go through the atlas's validating loader.

The shipped files refer to each other (a mission role names an organization); the
loader sorts records by dependency, so one `loaddata` call takes the files in any
order, validates every record like the admin would, and reports a bad one in a line.
Other formats and options fall back to Django's own loader.

It stays because Django's loader does neither: it defers a natural-key reference to a later
record only by saving the row with the key empty, which the non-null keys of roles, host
countries and citations refuse, and it saves without the model's validation.
"""

from django.core import serializers
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.db import DEFAULT_DB_ALIAS

from website.fixtures import FixtureError, load_fixtures


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        plain = (
            options["database"] == DEFAULT_DB_ALIAS
            and not options.get("app_label")
            and not options.get("exclude")
            and not options.get("ignore")
        )
        if plain:
            self.app_label = None
            self.using = options["database"]
            self.format = options["format"]
            self.verbosity = options["verbosity"]
            self.serialization_formats = serializers.get_public_serializer_formats()
            paths = [
                path
                for label in fixture_labels
                for path, _directory, _name in self.find_fixtures(label)
            ]
            if paths and all(path.endswith(".json") for path in paths):
                try:
                    counts = load_fixtures(paths)
                except FixtureError as error:
                    raise CommandError(f"Nothing was loaded: {error}") from error
                if self.verbosity >= 1:
                    self.stdout.write(
                        f"Installed {counts['loaded']} object(s) from {len(paths)} fixture(s)"
                    )
                return
        super().handle(*fixture_labels, **options)
