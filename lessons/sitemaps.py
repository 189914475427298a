"""The lessons' and topics' sections of sitemap.xml."""

from atlas.sitemaps import PublishedSitemap
from lessons.models import Lesson, Topic


class LessonSitemap(PublishedSitemap):
    url_name = "lessons:detail"
    model = Lesson


class TopicSitemap(PublishedSitemap):
    url_name = "lessons:topic"
    model = Topic


SITEMAPS = {"lessons": LessonSitemap, "topics": TopicSitemap}
