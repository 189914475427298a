from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from atlas.views import HomeView, OpenDataView

admin.site.site_header = "Peacekeeping Atlas administration"
admin.site.site_title = "Peacekeeping Atlas admin"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("open-data/", OpenDataView.as_view(), name="open-data"),
    path("missions/", include("missions.urls")),
    path("organizations/", include("organizations.urls")),
    path("sources/", include("sources.urls")),
    path("", include("lessons.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
