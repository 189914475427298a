"""An Atom feed of recently changed published missions and lessons."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from lessons.models import Lesson
from missions.models import Mission


class RecentChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "Peacekeeping Atlas: recent changes"
    link = reverse_lazy("home")
    subtitle = "Missions and lessons published or updated in the atlas."
    size = 30

    def items(self):
        missions = Mission.objects.published().order_by("-updated_at")[: self.size]
        lessons = Lesson.objects.published().order_by("-updated_at")[: self.size]
        changed = sorted([*missions, *lessons], key=lambda item: item.updated_at, reverse=True)
        return changed[: self.size]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return getattr(item, "summary", None) or item.observation

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.created_at
