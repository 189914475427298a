"""The mission's leaders: who held each post, from which country, when (one query)."""

from collections import defaultdict

from datasets.figures.base import line_span
from datasets.models import Appointment, Post
from datasets.models.leaders import SHORT_POSTS


def for_mission(mission):
    appointments = list(Appointment.objects.filter(mission=mission).for_figure())
    if not appointments:
        return None
    posts_of_term = defaultdict(list)
    for appointment in appointments:
        posts_of_term[appointment.row].append(appointment.post)
    groups = defaultdict(list)
    for appointment in appointments:
        # A term in several posts shows under each, naming the others.
        appointment.also = [
            SHORT_POSTS.get(post, Post(post).label)
            for post in posts_of_term[appointment.row]
            if post != appointment.post
        ]
        groups[appointment.post].append(appointment)
    rows = {row for appointment in appointments for row in appointment.rows}
    return {
        "groups": [(Post(post).label, groups[post]) for post in Post.values if post in groups],
        "source": appointments[0].source,
        # The sheet's rows, in the words of a spreadsheet rather than of a text file.
        "rows": line_span(rows).replace("line", "row"),
        "terms": len(posts_of_term),
    }
