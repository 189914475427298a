"""sitemap.xml: the site's own pages, then each domain app's sections."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from countries.sitemaps import SITEMAPS as COUNTRIES
from documents.sitemaps import SITEMAPS as DOCUMENTS
from lessons.sitemaps import SITEMAPS as LESSONS
from missions.sitemaps import SITEMAPS as MISSIONS
from organizations.sitemaps import SITEMAPS as ORGANIZATIONS
from sources.sitemaps import SITEMAPS as SOURCES


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
            "documents:list",
            "datasets:numbers",
            "sources:list",
            "open-data",
        ]

    def location(self, item):
        return reverse(item)


# The index lists the sections in this order.
SITEMAPS = {
    "pages": PagesSitemap,
    **MISSIONS,
    **ORGANIZATIONS,
    **LESSONS,
    **DOCUMENTS,
    **COUNTRIES,
    **SOURCES,
}
