"""sitemap.xml: every published page, from the same published() the views use."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from lessons.models import Lesson, Topic
from missions.models import Mission
from organizations.models import Organization
from sources.models import Source


class PublishedSitemap(Sitemap):
    model = None
    limit = 5000

    def items(self):
        return self.model.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class MissionSitemap(PublishedSitemap):
    model = Mission
    priority = 0.8


class OrganizationSitemap(PublishedSitemap):
    model = Organization


class LessonSitemap(PublishedSitemap):
    model = Lesson


class TopicSitemap(PublishedSitemap):
    model = Topic


class SourceSitemap(PublishedSitemap):
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
