"""Loading the shipped fixtures: in dependency order, all or nothing, with one-line errors.

Django's loaddata saves objects in the order the files are named, so a mission role
named before its organization fails. Here the records of every file are sorted by
model dependency first, which makes the order of the files irrelevant; a record that
refers to one of its own kind later in the list (a parent organization, a predecessor
mission) is retried once the others are in.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction


class FixtureError(Exception):
    """A fixture could not be loaded; the message names the file and the record."""


class MissingReference(FixtureError):
    """A record names another by natural key that is not (yet) in the database."""


def shipped_fixture_files():
    """The fixture files `setup_atlas` loads by default, in a stable order."""
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
    """'missions.json, record 12 (missions.mission 'unamir')': where a bad record is."""
    fields = record["fields"]
    key = fields.get("slug") or fields.get("acronym")
    if not key:
        parts = [value for value in fields.values() if isinstance(value, list) and value]
        key = " / ".join("-".join(str(part) for part in value) for value in parts[:2])
    model = record.get("model", "?")
    where = f"{Path(path).name}, record {number} ({model}"
    return f"{where} {key!r})" if key else f"{where})"


def check_natural_keys(model, record):
    """Relations must be natural keys (lists), never raw primary keys that differ per database."""
    for name, value in record["fields"].items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist as error:
            raise FixtureError(f"has no field {name!r}") from error
        if not field.is_relation or value is None:
            continue
        values = value if field.many_to_many else [value]
        if field.many_to_many and not isinstance(value, list):
            raise FixtureError(f"{name}: expected a list of natural keys")
        if any(not isinstance(item, list) for item in values):
            raise FixtureError(f"{name}: refer to records by natural key (a list), not by id")


def _save(record, overwrite):
    """Validate one record and save it; return False when it existed and is kept as it is.

    The fixture's version is validated even when the database's is kept, so a broken
    fixture is reported on every run, not only on the first.
    """
    for item in serializers.deserialize("python", [record], handle_forward_references=False):
        instance = item.object
        exists = instance.pk is not None
        # A record found by its natural key is an update, not a duplicate.
        instance._state.adding = not exists
        if exists and not overwrite:
            # Kept as it is: check the fixture's own values, not again against the database.
            instance.full_clean(validate_unique=False, validate_constraints=False)
            return False
        instance.full_clean()
        item.save()
    return True


def _missing_reference(error):
    cause = error.__cause__ or error.__context__
    return (
        isinstance(error, ObjectDoesNotExist)
        or isinstance(cause, ObjectDoesNotExist)
        or "matching query does not exist" in str(error)
    )


def load_fixtures(paths, overwrite=True):
    """Load every record of the given files in one transaction; return counts per model.

    Records are validated like an admin form would (choices, constraints, clean()),
    so a bad record stops the load with a message instead of half a database. With
    overwrite=False, records that already exist (by natural key) are left untouched,
    so editors' changes survive a second run.
    """
    ranks = model_ranks()
    pending = []
    for file_position, path in enumerate(paths):
        for number, record in enumerate(read_fixture(path), start=1):
            label = describe(path, number, record)
            model_label = str(record.get("model", "")).lower()
            if model_label not in ranks:
                raise FixtureError(f"{label}: unknown model {model_label!r}")
            try:
                check_natural_keys(apps.get_model(model_label), record)
            except FixtureError as error:
                raise FixtureError(f"{label}: {error}") from error
            pending.append((ranks[model_label], file_position, number, label, record))
    pending.sort(key=lambda item: item[:3])

    counts = {"loaded": 0, "kept": 0}
    with transaction.atomic():
        while pending:
            retry = []
            for entry in pending:
                *_, label, record = entry
                try:
                    if _save(record, overwrite):
                        counts["loaded"] += 1
                    else:
                        counts["kept"] += 1
                except Exception as error:
                    if isinstance(error, FixtureError) or not isinstance(error, LOADING_ERRORS):
                        raise
                    if _missing_reference(error):
                        retry.append((entry, error))
                        continue
                    raise FixtureError(f"{label}: {_one_line(error)}") from error
            if len(retry) == len(pending):
                (*_, label, _record), error = retry[0]
                raise MissingReference(f"{label}: {_describe_missing(error)}")
            pending = [entry for entry, _error in retry]
        try:
            # Foreign keys are checked at commit; check now so the error can be reported.
            connection.check_constraints()
        except DatabaseError as error:
            raise FixtureError(f"a reference points nowhere: {_one_line(error)}") from error
    return counts


def _describe_missing(error):
    text = _one_line(error)
    if "field_value was" in text:
        value = text.split("field_value was", 1)[1].strip(" '")
        model = text.split("matching query", 1)[0].strip("[' ")
        return f"refers to {model.lower()} {value}, which does not exist"
    return text


LOADING_ERRORS = (
    DeserializationError,
    ObjectDoesNotExist,
    ValidationError,
    DatabaseError,
    FieldDoesNotExist,
    ValueError,
    TypeError,
    AttributeError,
    LookupError,
)
