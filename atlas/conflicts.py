"""Two editors, one record: what the second one's refused save is shown, and what it keeps.

The refused form is shown again built on the newer save. For each field the two saves
disagree on, the history version the second editor opened decides: a field only they
changed keeps their input; a field only the other editor changed shows the other's value;
a field both changed shows the other's value, with both in the diff. Rows of the inlines
(roles, countries, citations) are shown as saved now.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import FieldDoesNotExist
from reversion.errors import RevertError
from reversion.models import Version

YOURS, THEIRS, BOTH = "yours kept", "theirs shown", "both changed: theirs shown"


@dataclass
class Merge:
    message: str
    # (label, the other editor's value, this editor's input, what the form now holds)
    rows: list = field(default_factory=list)
    # field name -> this editor's input, laid over the newer save
    initial: dict = field(default_factory=dict)
    # inline groups whose rows this editor changed; they now show as saved
    inlines: list = field(default_factory=list)


def version_at(instance, loaded_at):
    """The kept version of `instance` saved at `loaded_at` (an ISO time), or None."""
    try:
        moment = datetime.datetime.fromisoformat(loaded_at)
    except ValueError:
        return None
    # Versions keep times to the millisecond (Django's JSON encoder).
    tolerance = datetime.timedelta(milliseconds=1)
    for version in Version.objects.get_for_object(instance)[:50]:
        try:
            saved = version.field_dict.get("updated_at")
        except RevertError:
            continue
        if saved is not None and abs(saved - moment) < tolerance:
            return version
    return None


def _normal(form_field, value):
    value = form_field.prepare_value(value)
    if isinstance(value, list | tuple | set):
        return sorted(str(item) for item in value)
    return "" if value is None else str(value)


def _choice_labels(form_field):
    labels = {}
    for value, label in getattr(form_field, "choices", []):
        if isinstance(label, list | tuple):
            labels.update({str(v): str(lbl) for v, lbl in label})
        else:
            labels[str(value)] = str(label)
    return labels


def show(form_field, value):
    """A value as an editor reads it: labels for choices and related records."""
    normal = _normal(form_field, value)
    if isinstance(form_field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        keys = normal if isinstance(normal, list) else [normal]
        keys = [key for key in keys if key]
        if not keys:
            return "–"
        try:
            found = form_field.queryset.filter(pk__in=keys)
            return ", ".join(form_field.label_from_instance(item) for item in found) or "–"
        except (ValueError, TypeError):
            return ", ".join(keys)
    if isinstance(normal, list):
        return ", ".join(normal) or "–"
    if isinstance(form_field, forms.ChoiceField):
        return _choice_labels(form_field).get(normal, normal) or "–"
    return normal or "–"


def _base_value(version, name, model_field):
    if version is None:
        return None, False
    values = version.field_dict
    for key in (name, getattr(model_field, "attname", name)):
        if key in values:
            return values[key], True
    return None, False


def merge(refused, base):
    """The Merge for a refused change-form response, given the version first opened."""
    form = refused.context_data["adminform"].form
    message = " ".join(form.non_field_errors())
    result = Merge(message=message)
    opts = form.instance._meta
    for name in form.changed_data:
        bound = form[name]
        form_field = bound.field
        try:
            model_field = opts.get_field(name)
        except FieldDoesNotExist:  # a form-only field: no history to compare with
            model_field = None
        theirs = bound.initial
        mine = bound.data
        before, known = _base_value(base, name, model_field)
        they_changed = not known or _normal(form_field, before) != _normal(form_field, theirs)
        i_changed = not known or form_field.has_changed(before, mine)
        if not they_changed:
            outcome = YOURS
            result.initial[name] = form.cleaned_data.get(name, mine)
        elif not i_changed:
            outcome = THEIRS
        else:
            outcome = BOTH
        result.rows.append((bound.label, show(form_field, theirs), show(form_field, mine), outcome))
    for inline in refused.context_data.get("inline_admin_formsets", []):
        formset = inline.formset
        if any(f.has_changed() for f in formset.forms) or formset.deleted_forms:
            result.inlines.append(str(inline.opts.verbose_name_plural))
    return result


def initial_from(merge_result, original_init):
    """A form __init__ that lays `merge_result`'s kept input over an unbound form."""

    def __init__(self, *args, **kwargs):
        if merge_result is not None and not args and "data" not in kwargs:
            kwargs["initial"] = {**(kwargs.get("initial") or {}), **merge_result.initial}
        original_init(self, *args, **kwargs)

    return __init__
