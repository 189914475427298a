"""The sources' section of sitemap.xml."""

from atlas.sitemaps import PublishedSitemap
from sources.models import Source


class SourceSitemap(PublishedSitemap):
    url_name = "sources:detail"
    model = Source


SITEMAPS = {"sources": SourceSitemap}
