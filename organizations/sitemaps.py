"""The organizations' section of sitemap.xml."""

from atlas.sitemaps import PublishedSitemap
from organizations.models import Organization


class OrganizationSitemap(PublishedSitemap):
    url_name = "organizations:detail"
    model = Organization


SITEMAPS = {"organizations": OrganizationSitemap}
