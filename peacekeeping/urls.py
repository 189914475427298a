from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from atlas.feeds import RecentChangesFeed
from atlas.health import healthz
from atlas.sitemaps import SITEMAPS
from atlas.views import HomeView, OpenDataView, SearchView

admin.site.site_header = "Peacekeeping Atlas administration"
admin.site.site_title = "Peacekeeping Atlas admin"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("open-data/", OpenDataView.as_view(), name="open-data"),
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
    path("missions/", include("missions.urls")),
    path("organizations/", include("organizations.urls")),
    path("sources/", include("sources.urls")),
    path("", include("lessons.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler500 = "atlas.health.server_error"
