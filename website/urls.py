from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from website.feeds import RecentChangesFeed
from website.health import healthz
from website.sitemaps import SITEMAPS
from website.views import DataPackageView, HomeView, OpenDataView, SearchView

# No app_name: the site's pages keep their short names ("home", "search").
urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("open-data/", OpenDataView.as_view(), name="open-data"),
    path("open-data/datapackage.json", DataPackageView.as_view(), name="datapackage"),
    path("search/", SearchView.as_view(), name="search"),
    path("healthz", healthz, name="healthz"),
    path("feed.atom", RecentChangesFeed(), name="feed"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]
