"""Django's loaddata, with the fixture files put in dependency order first.

The shipped files refer to each other (a mission role names an organization);
sorting them lets one `loaddata` call take them in any order.
"""

import json

from django.core import serializers
from django.core.management.commands import loaddata

from atlas.fixtures import model_ranks


class Command(loaddata.Command):
    def loaddata(self, fixture_labels):
        # find_fixtures() needs this; Django sets it at the start of loaddata().
        self.serialization_formats = serializers.get_public_serializer_formats()
        ranks = model_ranks()

        def rank(label):
            models = set()
            for fixture_file, _directory, _name in self.find_fixtures(label):
                if fixture_file.endswith(".json"):
                    models |= _models_in(fixture_file)
            return max((ranks.get(model, 0) for model in models), default=0)

        return super().loaddata(sorted(fixture_labels, key=rank))


def _models_in(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return {str(record.get("model", "")).lower() for record in json.load(handle)}
    except (OSError, ValueError, AttributeError):
        # Let Django's own loader report the problem with this file.
        return set()
