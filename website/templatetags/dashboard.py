"""The admin index's dashboard: the review queue and the latest changes."""

from django import template

from atlas.models import Notification
from website.dashboard import recent_changes, review_queue

register = template.Library()


@register.inclusion_tag("admin/includes/atlas_dashboard.html", takes_context=True)
def atlas_dashboard(context):
    user = context["request"].user
    return {
        "queue": review_queue(user),
        "changes": recent_changes(user),
        "unread": Notification.objects.filter(user=user, read_at=None).count(),
    }
