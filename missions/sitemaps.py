"""The missions' section of sitemap.xml."""

from atlas.sitemaps import PublishedSitemap
from missions.models import Mission


class MissionSitemap(PublishedSitemap):
    url_name = "missions:detail"
    model = Mission
    priority = 0.8


SITEMAPS = {"missions": MissionSitemap}
