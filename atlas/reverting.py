"""What restoring a history version would change, read before django-reversion applies it.

Restoring a version reverts its whole revision (the record and the rows it follows:
roles, host countries, citations; an import may hold many records) and deletes the rows
added since. The admin checks this plan against the user's permissions first: once the
revert has run, the database already shows the old state, so a check made afterwards
sees no change at all.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.core.exceptions import PermissionDenied
from django.db.models.deletion import Collector
from reversion.revisions import _follow_relations_recursive, _get_options

from atlas.publishing import check_transition


@dataclass
class RevertPlan:
    # (model, primary key as text) -> (publication state now, or None if the row is gone;
    # the state the revert restores)
    statuses: dict = field(default_factory=dict)
    # model -> number of rows the revert deletes
    deletions: dict = field(default_factory=dict)
    # When the version's own record was last saved (None if it is deleted): the marker
    # the change form compares with, since the revert itself saves the record anew.
    stored_updated_at: object = None

    def stored_status(self, model, pk):
        """The state `model` row `pk` has before the revert (None: it does not exist)."""
        return self.statuses.get((model, str(pk)), (None, None))[0]

    def check(self, user, main_model=None, main_pk=None):
        """PermissionDenied unless `user` may make every change the revert makes.

        The main record's own state is left to the form (the user picks it there); every
        other record the revision holds is restored as it was, so its move is checked here.
        """
        for (model, pk), (current, restored) in self.statuses.items():
            if model is main_model and pk == str(main_pk):
                continue
            check_transition(user, model, current, restored)
        refused = sorted(
            (
                model
                for model in self.deletions
                if not user.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}")
            ),
            key=lambda model: str(model._meta.verbose_name),
        )
        if refused:
            raise PermissionDenied(
                "Restoring this version would delete "
                + ", ".join(self.describe_deletion(model) for model in refused)
                + " added since; only someone who may delete them (a publisher) can restore it."
            )

    def describe_deletion(self, model):
        count = self.deletions[model]
        name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
        return f"{count} {name}"


def _status_field(model):
    return any(f.name == "status" for f in model._meta.concrete_fields)


def plan_revert(version):
    """The RevertPlan for restoring `version`'s revision, as `revert(delete=True)` does it."""
    plan = RevertPlan()
    present = set()
    for member in version.revision.version_set.select_related("content_type"):
        model = member._model
        id_field = _get_options(model).object_id_field
        current = model._default_manager.using(member.db).filter(**{id_field: member.object_id})
        row = current.first()
        if row is not None:
            present.add(row)
            if member.pk == version.pk:
                plan.stored_updated_at = getattr(row, "updated_at", None)
        if _status_field(model):
            now = row.status if row is not None else None
            plan.statuses[(model, str(member.object_id))] = (now, member.field_dict.get("status"))
    # The rows reversion deletes: those the present records follow that the revision lacks.
    following = {
        item for obj in present for item in _follow_relations_recursive(obj) if item not in present
    }
    if following:
        collector = Collector(using=version.db)
        for _model, group in groupby(sorted(following, key=lambda o: type(o).__name__), type):
            collector.collect(list(group))
        for model, instances in collector.data.items():
            plan.deletions[model] = plan.deletions.get(model, 0) + len(instances)
        for qs in collector.fast_deletes:
            count = qs.count()
            if count:
                plan.deletions[qs.model] = plan.deletions.get(qs.model, 0) + count
    return plan
