"""The editorial groups and what each may do in the admin."""

from django.contrib.auth.models import Group, Permission

from atlas.registry import editable_models

GROUP_ACTIONS = {
    "Viewer": ["view"],
    "Editor": ["view", "add", "change"],
    "Publisher": ["view", "add", "change", "delete", "publish"],
}


def sync_groups():
    """Create the groups and set their permissions to exactly what GROUP_ACTIONS says."""
    for name, actions in GROUP_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        models = editable_models()
        codenames = [f"{action}_{model._meta.model_name}" for model in models for action in actions]
        app_labels = {model._meta.app_label for model in models}
        permissions = Permission.objects.filter(
            content_type__app_label__in=app_labels, codename__in=codenames
        )
        group.permissions.set(permissions)
    return list(GROUP_ACTIONS)
