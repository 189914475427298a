"""Loading the shipped fixtures: in dependency order, all or nothing, with one-line errors.

Django's loaddata saves objects in the order the files are named, so a mission role
named before its organization fails. Here the records of every file are sorted by
model dependency first, which makes the order of the files irrelevant.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction


class FixtureError(Exception):
    """A fixture could not be loaded; the message names the file and the record."""


def shipped_fixture_files():
    return sorted(Path(settings.FIXTURE_DIRS[0]).glob("*.json"))


def model_ranks():
    """Position of every model in an order where each model follows those it refers to."""
    ordered = serializers.sort_dependencies(
        [(config, None) for config in apps.get_app_configs()], allow_cycles=True
    )
    return {model._meta.label_lower: position for position, model in enumerate(ordered)}


def _one_line(error):
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        text = "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    elif isinstance(error, ValidationError):
        text = " ".join(error.messages)
    else:
        text = str(error)
    return " ".join(text.split())


def read_fixture(path):
    """The records of one JSON fixture file, or a FixtureError saying what is wrong with it."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FixtureError(f"{path.name}: cannot be read ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise FixtureError(f"{path.name}: not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise FixtureError(
            f"{path.name}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    if not isinstance(data, list):
        raise FixtureError(f"{path.name}: expected a JSON list of records")
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict) or not isinstance(record.get("fields"), dict):
            raise FixtureError(f"{path.name}, record {number}: expected an object with 'fields'")
    return data


def describe(path, number, record):
    fields = record["fields"]
    key = fields.get("slug") or fields.get("acronym")
    if not key:
        parts = [value for value in fields.values() if isinstance(value, list) and value]
        key = " / ".join("-".join(str(part) for part in value) for value in parts[:2])
    model = record.get("model", "?")
    return (
        f"{Path(path).name}, record {number} ({model} {key!r})"
        if key
        else f"{Path(path).name}, record {number} ({model})"
    )


def load_fixtures(paths):
    """Load every record of the given files in one transaction; return counts per model.

    Records are validated like an admin form would (choices, constraints, clean()),
    so a bad record stops the load with a message instead of half a database.
    """
    ranks = model_ranks()
    records = []
    for file_position, path in enumerate(paths):
        for number, record in enumerate(read_fixture(path), start=1):
            model = str(record.get("model", "")).lower()
            if model not in ranks:
                raise FixtureError(f"{describe(path, number, record)}: unknown model {model!r}")
            records.append((ranks[model], file_position, number, path, record))
    records.sort(key=lambda item: item[:3])

    counts = {}
    with transaction.atomic():
        for _rank, _position, number, path, record in records:
            label = describe(path, number, record)
            try:
                for item in serializers.deserialize(
                    "python", [record], handle_forward_references=False
                ):
                    # A record found by its natural key is an update, not a duplicate.
                    item.object._state.adding = item.object.pk is None
                    item.object.full_clean()
                    item.save()
            except (
                DeserializationError,
                ObjectDoesNotExist,
                ValidationError,
                DatabaseError,
                FieldDoesNotExist,
                ValueError,
                TypeError,
                AttributeError,
                LookupError,
            ) as error:
                raise FixtureError(f"{label}: {_one_line(error)}") from error
            counts[record["model"]] = counts.get(record["model"], 0) + 1
    return counts
