"""The editorial groups and what each may do in the admin."""

from django.contrib.auth.models import Group, Permission

CURATED = [
    "missions.mission",
    "missions.missionorganization",
    "missions.hostcountry",
    "organizations.organization",
    "lessons.lesson",
    "lessons.topic",
    "lessons.theme",
    "sources.source",
    "sources.sourcesection",
    "sources.citation",
]

GROUP_ACTIONS = {
    "Viewer": ["view"],
    "Editor": ["view", "add", "change"],
    "Publisher": ["view", "add", "change", "delete", "publish"],
}


def sync_groups():
    """Create the groups and set their permissions to exactly what GROUP_ACTIONS says."""
    for name, actions in GROUP_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{label.split('.')[1]}" for label in CURATED for action in actions]
        apps_labels = {label.split(".")[0] for label in CURATED}
        permissions = Permission.objects.filter(
            content_type__app_label__in=apps_labels, codename__in=codenames
        )
        group.permissions.set(permissions)
    return list(GROUP_ACTIONS)
