"""A sitemap section of one kind of record, from the same published() the views use."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse


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
