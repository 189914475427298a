"""The country pages' section of sitemap.xml: the index, then every country it lists."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from countries.index import country_index


class CountrySitemap(Sitemap):
    def items(self):
        return [None, *(row.code for row in country_index())]

    def location(self, item):
        if item is None:
            return reverse("countries:index")
        # One reverse() per page, not per country: only the code varies.
        if not hasattr(self, "_pattern"):
            self._pattern = reverse("countries:detail", kwargs={"code": "XX"}).rpartition("XX")
        before, _, after = self._pattern
        return before + item + after


SITEMAPS = {"countries": CountrySitemap}
