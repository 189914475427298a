"""sitemap.xml: every published page, from the same published() the views use."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from lessons.models import Lesson, Topic
from missions.models import Mission
from organizations.models import Organization
from sources.models import Source


class PublishedSitemap(Sitemap):
    """One section of the sitemap index, paged so a page costs the same at any size."""

    model = None
    url_name = ""
    limit = 1000

    def items(self):
        return self.model.objects.published().order_by("pk").only("slug", "updated_at")

    def location(self, item):
        # One reverse() per page, not per record: the slug is the only part that varies.
        if not hasattr(self, "_pattern"):
            self._pattern = reverse(self.url_name, kwargs={"slug": "SLUG"})
        return self._pattern.replace("SLUG", item.slug)

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item; the index needs only the newest.
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class MissionSitemap(PublishedSitemap):
    url_name = "missions:detail"
    model = Mission
    priority = 0.8


class OrganizationSitemap(PublishedSitemap):
    url_name = "organizations:detail"
    model = Organization


class LessonSitemap(PublishedSitemap):
    url_name = "lessons:detail"
    model = Lesson


class TopicSitemap(PublishedSitemap):
    url_name = "lessons:topic"
    model = Topic


class SourceSitemap(PublishedSitemap):
    url_name = "sources:detail"
    model = Source


class PagesSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "missions:list",
            "missions:timeline",
            "missions:map",
            "organizations:list",
            "lessons:list",
            "lessons:topics",
            "sources:list",
            "open-data",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PagesSitemap,
    "missions": MissionSitemap,
    "organizations": OrganizationSitemap,
    "lessons": LessonSitemap,
    "topics": TopicSitemap,
    "sources": SourceSitemap,
}
