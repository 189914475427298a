"""Pending revisions of live records: what a change would save, kept aside until approved.

A change to a published record runs the admin's own save inside a transaction that is then
rolled back; what the save wrote (the record and every row its history follows: roles,
host countries, citations …) is read back first and kept as a *snapshot*, each row in
django-reversion's serialization. Showing the draft (the change form, the reader page's
preview) applies the snapshot in a transaction that is rolled back too; approving applies
it for good. Readers, feeds, exports, search, the facet index and the page cache therefore
only ever see committed, live data.

A row the draft adds has no live primary key: the snapshot keeps the one the rolled-back
save gave it, so the change form's rows keep their ids from one save of the draft to the
next, and takes a new one when applied if another row has taken it meanwhile.
"""

import json
from dataclasses import dataclass, field

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from reversion.revisions import _follow_relations_recursive, _get_options

# Bookkeeping a reader never sees: left out of every difference.
BOOKKEEPING = {"created_at", "updated_at", "updated_by"}


def _key(obj):
    return (obj._meta.label_lower, str(obj.pk))


def _entry(obj, new):
    options = _get_options(type(obj))
    return {
        "model": obj._meta.label_lower,
        "pk": str(obj.pk),
        "new": new,
        "data": serializers.serialize(
            options.format,
            (obj,),
            fields=options.fields,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        ),
    }


def follow(record):
    """The record and the rows its history follows, the record first."""
    rows = _follow_relations_recursive(record)
    return [record, *sorted((r for r in rows if r != record), key=_key)]


def snapshot(record, live=frozenset()):
    """The record and its rows as they are now; `live` holds the keys of the rows that exist
    outside the transaction (any other row is new)."""
    return [_entry(obj, _key(obj) not in live) for obj in follow(record)]


def keys_of(record):
    return {_key(obj) for obj in follow(record)}


class Discard(Exception):  # noqa: N818 - a signal to roll back, not an error
    """Raised inside `rolled_back()` to undo everything the block wrote."""


class rolled_back:  # noqa: N801 - used as a context manager, like transaction.atomic
    """A transaction whose writes are always undone, for a draft shown or captured."""

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        return self

    def __exit__(self, kind, value, traceback):
        self.atomic.__exit__(Discard, Discard(), None)
        return kind is None or issubclass(kind, Discard)


def _deserialize(entry):
    model = apps.get_model(entry["model"])
    options = _get_options(model)
    return next(
        serializers.deserialize(
            options.format,
            entry["data"],
            ignorenonexistent=True,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        )
    )


def apply(data):
    """Write a snapshot: every row saved as it holds it, and the rows the record follows
    now that the snapshot lacks deleted (as restoring a history version does)."""
    main = None
    kept = set()
    for entry in data:
        restored = _deserialize(entry)
        obj = restored.object
        model = type(obj)
        if entry["new"] and model._default_manager.filter(pk=obj.pk).exists():
            obj.pk = None  # taken since by another row: this one is new all the same
        restored.save()
        kept.add(_key(obj))
        main = main or obj
    record = type(main)._default_manager.get(pk=main.pk)
    for extra in follow(record):
        if _key(extra) not in kept:
            extra.delete()
    return record


def fields_of(entry):
    return json.loads(entry["data"])[0]["fields"]


@dataclass
class Row:
    """One followed row of a difference: added, removed or changed, and how."""

    kind: str  # the model's verbose name
    change: str  # "added", "removed" or "changed"
    label: str
    fields: list = field(default_factory=list)  # (field label, before, after)


@dataclass
class Difference:
    fields: list = field(default_factory=list)  # (field label, before, after) of the record
    rows: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.fields or self.rows)

    @property
    def changed_names(self):
        names = [label for label, _, _ in self.fields]
        kinds = sorted({row.kind for row in self.rows})
        return names + kinds


def _values(model, fields, labels):
    """(field label, shown value) for each field a reader sees, foreign keys by name."""
    shown = {}
    for name, value in fields.items():
        if name in BOOKKEEPING:
            continue
        model_field = _field(model, name)
        if model_field is None:  # a field since removed: shown by its stored name
            shown[name] = _text(value)
            continue
        label = str(getattr(model_field, "verbose_name", name))
        if isinstance(model_field, models.ForeignKey) and value is not None:
            target = model_field.related_model
            value = labels.get((target._meta.label_lower, _flat(value)), value)
        elif isinstance(model_field, models.ManyToManyField) and value:
            target = model_field.related_model._meta.label_lower
            value = sorted(labels.get((target, _flat(item)), _flat(item)) for item in value)
        elif getattr(model_field, "choices", None):
            value = dict(model_field.flatchoices).get(value, value)
        shown[label] = _text(value)
    return shown


def _flat(value):
    return str(value[0] if isinstance(value, list | tuple) and len(value) == 1 else value)


def _text(value):
    if value in (None, ""):
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(_text(item) for item in value)
    # A browser posts a text area's line breaks as CRLF: not a change a reader sees.
    return str(value).replace("\r\n", "\n")


def _labels(*snapshots):
    """The names of the records the snapshots' foreign keys point at, one query per model
    they point into (natural keys are names already)."""
    wanted = {}
    for data in snapshots:
        for entry in data:
            model = apps.get_model(entry["model"])
            for name, value in fields_of(entry).items():
                model_field = _field(model, name)
                plain = value is not None and not isinstance(value, list | tuple)
                if isinstance(model_field, models.ForeignKey) and plain:
                    wanted.setdefault(model_field.related_model, set()).add(value)
                elif isinstance(model_field, models.ManyToManyField) and value:
                    many = wanted.setdefault(model_field.related_model, set())
                    many.update(item for item in value if not isinstance(item, list | tuple))
    labels = {}
    for target, pks in wanted.items():
        if target._meta.label_lower == "auth.user":
            continue
        related = [name for name in ("section", "source") if _has_field(target, name)]
        found = target._default_manager.select_related(*related[:1]).in_bulk(pks)
        for pk, obj in found.items():
            labels[(target._meta.label_lower, str(pk))] = str(obj)
    return labels


def _field(model, name):
    """The model's field `name`, or None for one a later version of the code removed."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _has_field(model, name):
    return any(f.name == name for f in model._meta.get_fields())


def _parent_fields(model, parent):
    """The foreign keys of a followed row that point at the record: noise in its diff."""
    return {
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is type(parent)
    }


def difference(before, after, labels=None):
    """What changes from snapshot `before` to snapshot `after`: the record's fields, then
    its rows added, removed and changed."""
    labels = _labels(before, after) if labels is None else labels
    result = Difference()
    old = {(e["model"], e["pk"]): e for e in before}
    new = {(e["model"], e["pk"]): e for e in after}
    main_key = (after or before)[0]["model"], (after or before)[0]["pk"]
    main_model = apps.get_model(main_key[0])
    for key in [*new, *(k for k in old if k not in new)]:
        model = apps.get_model(key[0])
        skip = set() if key == main_key else _parent_fields(model, main_model())
        was = _values(model, _without(fields_of(old[key]), skip), labels) if key in old else {}
        now = _values(model, _without(fields_of(new[key]), skip), labels) if key in new else {}
        changes = [
            (name, was.get(name, "—"), now.get(name, "—"))
            for name in [*now, *(n for n in was if n not in now)]
            if was.get(name, "—") != now.get(name, "—")
        ]
        if key == main_key:
            result.fields = changes
            continue
        kind = str(model._meta.verbose_name)
        label = _row_label(now or was)
        if key not in old:
            result.rows.append(Row(kind, "added", label, changes))
        elif key not in new:
            result.rows.append(Row(kind, "removed", label, changes))
        elif changes:
            result.rows.append(Row(kind, "changed", label, changes))
    return result


def _without(fields, names):
    return {name: value for name, value in fields.items() if name not in names}


def _row_label(shown):
    return "; ".join(f"{name}: {value}" for name, value in shown.items() if value != "—")[:200]


@dataclass
class MergeLine:
    """One value of a three-way difference: as the draft began, live now and pending."""

    kind: str  # "" for the record's own fields, else the followed row's verbose name
    row: str  # the followed row, in words ("" for the record's own fields)
    name: str  # the field
    base: str
    live: str
    pending: str

    @property
    def changed_in(self):
        """Which side moved from where the draft began: the reviewer's question."""
        live, draft = self.live != self.base, self.pending != self.base
        if live and draft:
            return "both, the same way" if self.live == self.pending else "both"
        return "live" if live else "draft"

    @property
    def conflict(self):
        return self.changed_in == "both"


ABSENT = "(no such row)"


def three_way(base, live, pending, labels=None):
    """Every value that differs among the snapshot the draft began from, the live version
    and the pending one, record fields first, then followed rows; a row one side lacks
    shows as absent there."""
    labels = _labels(base, live, pending) if labels is None else labels
    sides = [{(e["model"], e["pk"]): e for e in data} for data in (base, live, pending)]
    main_key = next(((d[0]["model"], d[0]["pk"]) for d in (pending, live, base) if d), None)
    if main_key is None:
        return []
    main_model = apps.get_model(main_key[0])
    keys = list(dict.fromkeys(key for side in (sides[2], sides[1], sides[0]) for key in side))
    lines = []
    for key in keys:
        model = apps.get_model(key[0])
        skip = set() if key == main_key else _parent_fields(model, main_model())
        shown = [
            _values(model, _without(fields_of(side[key]), skip), labels) if key in side else None
            for side in sides
        ]
        kind = "" if key == main_key else str(model._meta.verbose_name)
        row = "" if key == main_key else _row_label(next(s for s in reversed(shown) if s))
        names = list(dict.fromkeys(name for values in shown if values for name in values))
        for name in names:
            base_value, live_value, pending_value = (
                ABSENT if values is None else values.get(name, "—") for values in shown
            )
            if not base_value == live_value == pending_value:
                lines.append(MergeLine(kind, row, name, base_value, live_value, pending_value))
    return lines
