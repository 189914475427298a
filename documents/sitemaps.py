"""The official documents' section of sitemap.xml."""

from atlas.sitemaps import PublishedSitemap
from documents.models import OfficialDocument


class OfficialDocumentSitemap(PublishedSitemap):
    url_name = "documents:detail"
    model = OfficialDocument


SITEMAPS = {"documents": OfficialDocumentSitemap}
